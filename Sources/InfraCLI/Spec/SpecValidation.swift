import Foundation

/// A mistake in a tool's declaration, found before anyone runs the tool.
public struct SpecProblem: Sendable, Hashable, CustomStringConvertible {
    /// `infra-dns set`: where the mistake is.
    public var location: String
    public var message: String
    public var description: String { "\(location): \(message)" }
}

extension ToolSpec {
    /// Everything wrong with the declaration; empty when it is sound. Tests assert this is empty
    /// for every tool, so a bad declaration never ships.
    public func validate() -> [SpecProblem] {
        var problems: [SpecProblem] = []
        for (path, command) in allCommands {
            let location = ([name] + path).joined(separator: " ")
            func report(_ message: String) { problems.append(SpecProblem(location: location, message: message)) }

            if command.abstract.isEmpty { report("command has no abstract") }
            // A multi-line literal's line without its trailing `\` leaves a newline and the next
            // line's indentation inside the paragraph.
            for line in command.discussion.split(separator: "\n") where line.trimmingCharacters(in: .whitespaces).contains("   ") {
                report("discussion has a run of spaces (a line without its trailing \\?): \(line.prefix(40))…")
            }
            var seenLong: Set<String> = []
            var seenShort: Set<Character> = []
            for option in options(at: path) {
                if !seenLong.insert(option.long).inserted { report("option --\(option.long) declared twice") }
                if let short = option.short, !seenShort.insert(short).inserted {
                    report("short option -\(short) used twice (again by --\(option.long))")
                }
                if option.abstract.isEmpty { report("option --\(option.long) has no abstract") }
                if option.long.hasPrefix("-") || option.long.isEmpty { report("bad long name '\(option.long)'") }
                if option.takesValue && option.valueName.isEmpty { report("option --\(option.long) has no value name") }
                if !option.takesValue && (option.defaultValue != nil || !option.allowedValues.isEmpty) {
                    report("flag --\(option.long) has a default or allowed values")
                }
                if let value = option.defaultValue, !option.allowedValues.isEmpty,
                    !option.allowedValues.contains(where: { $0.value == value })
                {
                    report("default '\(value)' of --\(option.long) is not an allowed value")
                }
            }
            var seenSubcommands: Set<String> = []
            for sub in command.subcommands where !seenSubcommands.insert(sub.name).inserted {
                report("subcommand '\(sub.name)' declared twice")
            }
            if seenSubcommands.contains("help") { report("'help' is reserved for the help command") }
            for (index, argument) in command.arguments.enumerated() {
                if argument.abstract.isEmpty { report("argument \(argument.name) has no abstract") }
                if argument.isRepeating && index != command.arguments.count - 1 {
                    report("repeating argument \(argument.name) is not the last one")
                }
                if !argument.isOptional, command.arguments[..<index].contains(where: \.isOptional) {
                    report("required argument \(argument.name) follows an optional one")
                }
            }
            if command.handler == nil && command.subcommands.isEmpty {
                report("command has neither a handler nor subcommands")
            }
            if command.unknownSubcommands == .passToHandler && command.handler == nil {
                report("unknown subcommands are passed to a handler that does not exist")
            }
        }
        if exitStatuses.isEmpty { problems.append(SpecProblem(location: name, message: "no exit statuses documented")) }
        return problems
    }
}
