import InfraKit

/// Renders a fish completion script from a tool's spec: one `complete` line whose candidates come
/// from a function that walks the command line the same way the bash and zsh scripts do.
struct FishCompletionRenderer {
    let model: CompletionModel

    init(spec: ToolSpec) { model = CompletionModel(spec: spec) }

    func render() -> String {
        let id = model.identifier
        return model.script(shell: "fish", [
            lookup(id, "command_names", { $0.subcommands.map { ShellQuoting.fishSingleQuoted($0.name) } }),
            lookup(id, "commands", { $0.subcommands.map { ShellQuoting.fishSingleQuoted("\($0.name)\t\($0.abstract)") } }),
            lookup(id, "options", { $0.options.map { ShellQuoting.fishSingleQuoted("\($0.spelling)\t\($0.abstract)") } }),
            lookup(id, "value_options", { $0.values.flatMap(\.spellings).map(ShellQuoting.fishSingleQuoted) }),
            rawFunction(id),
            caseFunction("value", model.valueCases),
            caseFunction("argument", model.argumentCases),
            mainFunction(id),
            ["complete -c \(model.toolName) -f -a '(__\(id)_complete)'"]
        ])
    }

    /// A function printing, one per line, what `words` gives for the command path `$argv[1]`.
    private func lookup(_ id: String, _ name: String, _ words: (CompletionModel.Command) -> [String]) -> [String] {
        var out = ["function __\(id)_\(name)", "    switch \"$argv[1]\""]
        for command in model.commands {
            let list = words(command)
            guard !list.isEmpty else { continue }
            out.append("        case \(ShellQuoting.fishSingleQuoted(command.key))")
            out.append("            printf '%s\\n' \(list.joined(separator: " "))")
        }
        out += ["    end", "end"]
        return out
    }

    private func rawFunction(_ id: String) -> [String] {
        let raw = model.commands.filter(\.isRaw).map { ShellQuoting.fishSingleQuoted($0.key) }
        return [
            "function __\(id)_is_raw",
            raw.isEmpty ? "    return 1" : "    contains -- \"$argv[1]\" \(raw.joined(separator: " "))",
            "end",
        ]
    }

    /// `$argv`: command path, option or position, tool, config.
    private func caseFunction(_ name: String, _ cases: [CompletionCase]) -> [String] {
        let id = model.identifier
        let arms = cases.flatMap { arm in
            [
                "        case \(arm.patterns(quotedBy: ShellQuoting.fishSingleQuoted).joined(separator: " "))",
                "            \(action(arm.completion, id))",
            ]
        }
        return ["function __\(id)_\(name)", "    switch \"$argv[1]:$argv[2]\""] + arms + ["    end", "end"]
    }

    private func action(_ kind: CompletionKind, _ id: String) -> String {
        switch kind {
        case .none: return "return"
        case .file: return "__fish_complete_path (commandline -ct)"
        case .directory: return "__fish_complete_directories (commandline -ct)"
        case .list(let words): return "printf '%s\\n' \(words.map(ShellQuoting.fishSingleQuoted).joined(separator: " "))"
        case .dynamic(let kind): return "__\(id)_dynamic \(ShellQuoting.fishSingleQuoted(kind.rawValue)) $argv[3] $argv[4]"
        }
    }

    private func mainFunction(_ id: String) -> [String] {
        """
        function __\(id)_dynamic
            if test -n "$argv[3]"
                $argv[2] __complete $argv[1] --config $argv[3] 2>/dev/null
            else
                $argv[2] __complete $argv[1] 2>/dev/null
            end
        end

        function __\(id)_complete
            set -l tokens (commandline -opc)
            set -l cur (commandline -ct)
            set -l tool $tokens[1]
            set -e tokens[1]
            set -l cmd_path ''
            set -l config ''
            set -l pending ''
            set -l only_args 0
            set -l count 0
            for word in $tokens
                if test -n "$pending"
                    test "$pending" = --config; and set config $word
                    set pending ''
                else if test $only_args = 1
                    set count (math $count + 1)
                else if test "$word" = --
                    set only_args 1
                else if string match -q -- '--*=*' $word
                    string match -q -- '--config=*' $word; and set config (string replace -- '--config=' '' $word)
                else if string match -q -- '-?*' $word
                    contains -- $word (__\(id)_value_options $cmd_path); and set pending $word
                else if test $count = 0; and contains -- $word (__\(id)_command_names $cmd_path)
                    set cmd_path (string trim -- "$cmd_path $word")
                else
                    set count (math $count + 1)
                    __\(id)_is_raw $cmd_path; and set only_args 1
                end
            end

            set -l names (__\(id)_command_names $cmd_path)
            if test -n "$pending"
                __\(id)_value $cmd_path $pending $tool $config
            else if test $only_args = 0; and string match -q -- '--*=*' $cur
                set -l option (string split -m 1 -- = $cur)[1]
                __\(id)_value $cmd_path $option $tool $config | string replace -r -- '^' "$option="
            else if test $only_args = 0; and string match -q -- '-*' $cur
                __\(id)_options $cmd_path
            else if test $only_args = 0 -a $count = 0 -a (count $names) -gt 0
                __\(id)_commands $cmd_path
            else if not __\(id)_is_raw $cmd_path; or test $only_args = 0 -a $count = 0
                __\(id)_argument $cmd_path $count $tool $config
            end
        end
        """.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }
}
