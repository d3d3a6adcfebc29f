import InfraKit

/// Renders a zsh completion function (for `fpath`, `#compdef`) from a tool's spec.
///
/// Same walk as the bash script; options and subcommands are offered with their descriptions.
/// Sourced directly instead of autoloaded, the file registers itself with `compdef`.
struct ZshCompletionRenderer {
    let model: CompletionModel

    init(spec: ToolSpec) { model = CompletionModel(spec: spec) }

    func render() -> String {
        let id = model.identifier
        return model.script(shell: "zsh", header: ["#compdef \(model.toolName)"], [
            specFunction(id),
            caseFunction("value", model.valueCases),
            caseFunction("argument", model.argumentCases),
            helperFunctions(id),
            mainFunction(id),
            [
                "if [[ ${zsh_eval_context[-1]} == loadautofunc ]]; then",
                "    _\(id) \"$@\"",
                "else",
                "    compdef _\(id) \(model.toolName)",
                "fi",
            ]
        ])
    }

    private func described(_ name: String, _ abstract: String) -> String {
        ShellQuoting.singleQuoted(name.replacingColons + ":" + abstract)
    }

    private func specFunction(_ id: String) -> [String] {
        var out = ["_\(id)_spec() {", "    case $1 in"]
        for command in model.commands {
            out.append("    (\(ShellQuoting.singleQuoted(command.key)))")
            out.append("        command_names=(\(command.subcommands.map { ShellQuoting.singleQuoted($0.name) }.joined(separator: " ")))")
            out.append("        commands=(")
            for sub in command.subcommands { out.append("            \(described(sub.name, sub.abstract))") }
            out.append("        )")
            out.append("        options=(")
            for option in command.options { out.append("            \(described(option.spelling, option.abstract))") }
            out.append("        )")
            out.append("        value_options=(\(command.values.flatMap(\.spellings).joined(separator: " ")))")
            out.append("        raw=\(command.isRaw ? "1" : "")")
            out.append("        ;;")
        }
        out += ["    esac", "}"]
        return out
    }

    private func caseFunction(_ name: String, _ cases: [CompletionCase]) -> [String] {
        let id = model.identifier
        let arms = cases.map { arm in
            "    (\(arm.patterns(quotedBy: ShellQuoting.singleQuoted).joined(separator: "|"))) \(action(arm.completion, id)) ;;"
        }
        return ["_\(id)_\(name)() {", "    case $1:$2 in"] + arms + ["    esac", "}"]
    }

    private func action(_ kind: CompletionKind, _ id: String) -> String {
        switch kind {
        case .none: return ":"
        case .file(let extensions):
            return extensions.isEmpty ? "_files" : "_files -g \(ShellQuoting.singleQuoted("*.(\(extensions.joined(separator: "|")))"))"
        case .directory: return "_files -/"
        case .list(let words): return "compadd -- \(words.map(ShellQuoting.singleQuoted).joined(separator: " "))"
        case .dynamic(let kind): return "_\(id)_dynamic \(ShellQuoting.singleQuoted(kind.rawValue))"
        }
    }

    private func helperFunctions(_ id: String) -> [String] {
        """
        _\(id)_dynamic() {
            local -a candidates config_args
            [[ -n $config ]] && config_args=(--config "$config")
            candidates=(${(f)"$("$tool" __complete "$1" "${config_args[@]}" 2>/dev/null)"})
            compadd -a candidates
        }
        """.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    private func mainFunction(_ id: String) -> [String] {
        """
        _\(id)() {
            local tool=$words[1] cmd_path= config= pending= only_args= raw= word
            local -i count=0 i
            local -a command_names commands options value_options
            _\(id)_spec "$cmd_path"
            for (( i = 2; i < CURRENT; i++ )); do
                word=$words[i]
                if [[ -n $pending ]]; then
                    [[ $pending == --config ]] && config=$word
                    pending=
                elif [[ -n $only_args ]]; then
                    (( count++ ))
                elif [[ $word == -- ]]; then
                    only_args=1
                elif [[ $word == --*=* ]]; then
                    [[ ${word%%=*} == --config ]] && config=${word#*=}
                elif [[ $word == -?* ]]; then
                    (( ${value_options[(Ie)$word]} )) && pending=$word
                elif (( count == 0 && ${command_names[(Ie)$word]} )); then
                    cmd_path=${cmd_path:+$cmd_path }$word
                    _\(id)_spec "$cmd_path"
                else
                    (( count++ ))
                    [[ -n $raw ]] && only_args=1
                fi
            done

            local cur=$words[CURRENT]
            if [[ -n $pending ]]; then
                _\(id)_value "$cmd_path" "$pending"
            elif [[ -z $only_args && $cur == --*=* ]]; then
                local option=${cur%%=*}
                compset -P '*='
                _\(id)_value "$cmd_path" "$option"
            elif [[ -z $only_args && $cur == -* ]]; then
                _describe -t options option options
            elif [[ -z $only_args && $count -eq 0 && ${#commands} -gt 0 ]]; then
                _describe -t commands command commands
            elif [[ -z $raw || ( $count -eq 0 && -z $only_args ) ]]; then
                _\(id)_argument "$cmd_path" "$count"
            fi
        }
        """.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }
}

extension String {
    /// `_describe` separates name and description at the first colon: escape any in the name.
    fileprivate var replacingColons: String {
        var result = ""
        for character in self {
            if character == ":" { result += "\\" }
            result.append(character)
        }
        return result
    }
}
