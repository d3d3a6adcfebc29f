import Foundation

/// What the completion scripts of all three shells need to know about a tool, flattened from its
/// spec: per command path, the subcommands, the options, which options take a value and how each
/// value and positional argument completes. The shell renderers only translate this to syntax.
struct CompletionModel {
    struct Command {
        /// Subcommand names below the root, joined by spaces ("" for the root).
        var key: String
        var subcommands: [(name: String, abstract: String)]
        /// Every spelling (`--zone`, `-z`) with its abstract.
        var options: [(spelling: String, abstract: String)]
        /// How the value of each value-taking option completes, by spelling.
        var values: [(spellings: [String], completion: CompletionKind)]
        /// Positional arguments in order; the last may repeat.
        var arguments: [ArgumentSpec]
        /// Raw commands take words as typed: nothing is offered after their first positional.
        var isRaw: Bool
    }

    let toolName: String
    let commands: [Command]

    init(spec: ToolSpec) {
        toolName = spec.name
        commands = spec.allCommands.filter { !$0.command.isHidden }.map { path, command in
            let options = spec.options(at: path).filter { !$0.isHidden }
            return Command(
                key: path.joined(separator: " "),
                subcommands: command.visibleSubcommands.isEmpty
                    ? [] : command.visibleSubcommands.map { ($0.name, $0.abstract) } + [("help", "Show help for a command.")],
                options: options.flatMap { option in
                    [("--\(option.long)", option.abstract)] + (option.short.map { [("-\($0)", option.abstract)] } ?? [])
                },
                values: options.filter(\.takesValue).map { option in
                    (["--\(option.long)"] + (option.short.map { ["-\($0)"] } ?? []), option.effectiveCompletion)
                },
                arguments: command.arguments,
                isRaw: command.argumentParsing == .raw)
        }
    }

    /// A whole completion script: the shell's header lines and the generated-file notice, then
    /// `blocks` separated by blank lines.
    func script(shell: String, header: [String] = [], _ blocks: [[String]]) -> String {
        let notice = header + [
            "# \(shell) completion for \(toolName)",
            "# Generated from the tool's declaration; do not edit. Run scripts/regenerate-docs.",
        ]
        return ([notice] + blocks).map { $0.joined(separator: "\n") }.joined(separator: "\n\n") + "\n"
    }

    /// A shell identifier derived from the tool's name: `infra_dns`.
    var identifier: String {
        String(toolName.map { $0.isLetter || $0.isNumber ? $0 : "_" })
    }

    /// Every dynamic kind the tool uses.
    var dynamicKinds: [DynamicCompletion] {
        var kinds: Set<DynamicCompletion> = []
        for command in commands {
            for value in command.values { if case .dynamic(let kind) = value.completion { kinds.insert(kind) } }
            for argument in command.arguments { if case .dynamic(let kind) = argument.completion { kinds.insert(kind) } }
        }
        return kinds.sorted()
    }
}

/// One arm of the `case` that completes an option's value (`path:--option`) or a positional
/// argument (`path:position`) in every shell's script.
struct CompletionCase {
    var commandKey: String
    /// Option spellings, positions from 0, or `*` (a glob, left unquoted) for a repeating last argument.
    var selectors: [String]
    var completion: CompletionKind

    /// The arm's patterns, the command path quoted for the shell at hand.
    func patterns(quotedBy quote: (String) -> String) -> [String] {
        selectors.map { $0 == "*" ? quote(commandKey + ":") + "*" : quote(commandKey + ":" + $0) }
    }
}

extension CompletionModel {
    /// How the value of each value-taking option completes, command by command.
    var valueCases: [CompletionCase] {
        commands.flatMap { command in
            command.values.map { CompletionCase(commandKey: command.key, selectors: $0.spellings, completion: $0.completion) }
        }
    }

    /// How each positional argument completes, command by command.
    var argumentCases: [CompletionCase] {
        commands.flatMap { command in
            command.arguments.enumerated().map { index, argument in
                CompletionCase(
                    commandKey: command.key, selectors: [argument.isRepeating ? "*" : String(index)],
                    completion: argument.completion)
            }
        }
    }
}
