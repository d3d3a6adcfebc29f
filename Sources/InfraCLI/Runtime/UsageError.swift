import InfraKit

/// A command line the tool cannot accept. The runner prints the message, the short usage of the
/// command reached and exits 64.
public struct UsageError: ClassifiedError, Hashable {
    public enum Kind: Sendable, Hashable {
        case unknownOption(String, suggestion: String?)
        case missingValue(option: String, valueName: String)
        case unexpectedValue(option: String)
        case invalidValue(option: String, value: String, allowed: [String])
        case notAnInteger(option: String, value: String)
        case unknownCommand(String, suggestion: String?)
        case missingCommand(choices: [String])
        case missingArgument(String)
        case unexpectedArgument(String)
        /// A handler's own check of the combination of arguments failed.
        case invalidCombination(String)
    }

    public var kind: Kind
    /// The subcommand path the parser had reached, so the right usage line is printed.
    public var commandPath: [String]

    public init(_ kind: Kind, commandPath: [String] = []) {
        self.kind = kind
        self.commandPath = commandPath
    }

    public var exitStatus: ExitStatus { .usage }

    public var message: String {
        switch kind {
        case .unknownOption(let option, let suggestion):
            return "unknown option '\(option)'" + hint(suggestion)
        case .missingValue(let option, let valueName):
            return "option '\(option)' needs a value (\(valueName))"
        case .unexpectedValue(let option):
            return "option '\(option)' takes no value"
        case .invalidValue(let option, let value, let allowed):
            return "invalid value '\(value)' for '\(option)' (expected \(Self.list(allowed)))"
        case .notAnInteger(let option, let value):
            return "invalid value '\(value)' for '\(option)' (expected a whole number)"
        case .unknownCommand(let name, let suggestion):
            return "unknown command '\(name)'" + hint(suggestion)
        case .missingCommand(let choices):
            return "missing command (one of: \(choices.joined(separator: ", ")))"
        case .missingArgument(let name):
            return "missing argument \(name)"
        case .unexpectedArgument(let word):
            return "unexpected argument '\(word)'"
        case .invalidCombination(let text):
            return text
        }
    }

    private func hint(_ suggestion: String?) -> String {
        suggestion.map { "; did you mean '\($0)'?" } ?? ""
    }

    /// `a`, `a or b`, `a, b or c`.
    static func list(_ words: [String]) -> String {
        guard let last = words.last else { return "" }
        if words.count == 1 { return last }
        return words.dropLast().joined(separator: ", ") + " or " + last
    }
}

/// The command, or a part of it, exists in the declaration but has no implementation yet.
public struct NotImplementedError: ClassifiedError, Hashable {
    public var what: String
    public init(_ what: String) { self.what = what }
    public var exitStatus: ExitStatus { .software }
    public var message: String { "\(what) is not implemented yet" }
}
