import InfraKit

/// Renders a bash completion script from a tool's spec.
///
/// The script walks the words before the cursor to find the subcommand, the number of positional
/// words and a pending option value, then offers options, subcommands, allowed values, files, or
/// dynamic values from `<tool> __complete KIND [--config FILE]`. It uses bash-completion's
/// helpers when they are loaded and plain `compgen` otherwise.
struct BashCompletionRenderer {
    let model: CompletionModel

    init(spec: ToolSpec) { model = CompletionModel(spec: spec) }

    func render() -> String {
        let id = model.identifier
        return model.script(shell: "bash", [
            specFunction(id),
            caseFunction("value", model.valueCases),
            caseFunction("argument", model.argumentCases),
            offerFunctions(id),
            mainFunction(id),
            ["complete -F _\(id) \(model.toolName)"]
        ])
    }

    /// Sets `commands`, `options` and `value_options` for a command path.
    private func specFunction(_ id: String) -> [String] {
        var out = ["_\(id)_spec() {", "    case $1 in"]
        for command in model.commands {
            out.append("    \(ShellQuoting.singleQuoted(command.key)))")
            out.append("        commands=\(ShellQuoting.singleQuoted(command.subcommands.map(\.name).joined(separator: " ")))")
            out.append("        options=\(ShellQuoting.singleQuoted(command.options.map(\.spelling).joined(separator: " ")))")
            out.append("        value_options=\(ShellQuoting.singleQuoted(command.values.flatMap(\.spellings).joined(separator: " ")))")
            out.append("        raw=\(command.isRaw ? "1" : "")")
            out.append("        ;;")
        }
        out += ["    esac", "}"]
        return out
    }

    /// Completes, for command path `$1`, the value of option `$2` or positional argument `$2` (from 0).
    private func caseFunction(_ name: String, _ cases: [CompletionCase]) -> [String] {
        let id = model.identifier
        let arms = cases.flatMap { arm in
            [
                "    \(arm.patterns(quotedBy: ShellQuoting.singleQuoted).joined(separator: " | ")))",
                "        \(action(arm.completion, id))",
                "        ;;",
            ]
        }
        return ["_\(id)_\(name)() {", "    case $1:$2 in"] + arms + ["    esac", "}"]
    }

    private func action(_ kind: CompletionKind, _ id: String) -> String {
        switch kind {
        case .none: return ":"
        case .file(let extensions): return "_\(id)_files \(ShellQuoting.singleQuoted(extensions.joined(separator: "|")))"
        case .directory: return "_\(id)_directories"
        case .list(let words): return "_\(id)_words \(ShellQuoting.singleQuoted(words.joined(separator: " ")))"
        case .dynamic(let kind): return "_\(id)_dynamic \(ShellQuoting.singleQuoted(kind.rawValue))"
        }
    }

    private func offerFunctions(_ id: String) -> [String] {
        """
        _\(id)_words() {
            local IFS=$' \\t\\n'
            COMPREPLY+=($(compgen -W "$1" -- "$cur"))
        }

        _\(id)_files() {
            if declare -F _filedir >/dev/null; then
                _filedir "$1"
            else
                compopt -o filenames 2>/dev/null
                local IFS=$'\\n'
                COMPREPLY+=($(compgen -f -- "$cur"))
            fi
        }

        _\(id)_directories() {
            if declare -F _filedir >/dev/null; then
                _filedir -d
            else
                compopt -o filenames 2>/dev/null
                local IFS=$'\\n'
                COMPREPLY+=($(compgen -d -- "$cur"))
            fi
        }

        _\(id)_dynamic() {
            local -a config_option=()
            [[ -n $config ]] && config_option=(--config "$config")
            local IFS=$'\\n' candidates
            candidates=$("$tool" __complete "$1" "${config_option[@]}" 2>/dev/null)
            COMPREPLY+=($(compgen -W "$candidates" -- "$cur"))
        }
        """.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    private func mainFunction(_ id: String) -> [String] {
        """
        _\(id)() {
            local cur cword
            local -a words
            if declare -F _get_comp_words_by_ref >/dev/null; then
                _get_comp_words_by_ref -n =: -w words -i cword cur
            else
                words=("${COMP_WORDS[@]}")
                cword=$COMP_CWORD
                cur=${COMP_WORDS[COMP_CWORD]}
            fi
            COMPREPLY=()

            local tool=${words[0]} cmd_path= config= pending= count=0 only_args= i word
            local commands options value_options raw
            _\(id)_spec "$cmd_path"
            for ((i = 1; i < cword; i++)); do
                word=${words[i]}
                if [[ -n $pending ]]; then
                    [[ $pending == --config ]] && config=$word
                    pending=
                elif [[ -n $only_args ]]; then
                    ((count++))
                elif [[ $word == -- ]]; then
                    only_args=1
                elif [[ $word == --*=* ]]; then
                    [[ ${word%%=*} == --config ]] && config=${word#*=}
                elif [[ $word == -?* ]]; then
                    [[ " $value_options " == *" $word "* ]] && pending=$word
                elif ((count == 0)) && [[ " $commands " == *" $word "* ]]; then
                    cmd_path=${cmd_path:+$cmd_path }$word
                    _\(id)_spec "$cmd_path"
                else
                    ((count++))
                    [[ -n $raw ]] && only_args=1
                fi
            done

            if [[ -n $pending ]]; then
                _\(id)_value "$cmd_path" "$pending"
            elif [[ -z $only_args && $cur == --*=* ]]; then
                local option=${cur%%=*}
                cur=${cur#*=}
                _\(id)_value "$cmd_path" "$option"
            elif [[ -z $only_args && $cur == -* ]]; then
                _\(id)_words "$options"
            elif [[ -z $only_args && $count == 0 && -n $commands ]]; then
                _\(id)_words "$commands"
            elif [[ -z $raw || $count == 0 && -z $only_args ]]; then
                _\(id)_argument "$cmd_path" "$count"
            fi
        }
        """.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }
}
