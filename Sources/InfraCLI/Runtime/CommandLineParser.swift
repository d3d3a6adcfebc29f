/// What a command line asks for.
public enum ParseOutcome: Sendable {
    /// Run the handler of the command reached.
    case run(Invocation)
    /// Print help for the command at this path (`--help`, `-h`, `help <command>`).
    case help(commandPath: [String])
    /// Print `<tool> <version>`.
    case version
}

/// Reads an argument list against a tool's declaration. Table driven: it knows nothing about
/// any particular tool.
public struct CommandLineParser: Sendable {
    public let spec: ToolSpec

    public init(spec: ToolSpec) { self.spec = spec }

    /// Parses the words after the executable's name. `--help` wins over any error in the same
    /// command line, so a user who asks for help gets it.
    public func parse(_ arguments: [String]) throws(UsageError) -> ParseOutcome {
        var state = State(spec: spec)
        do {
            return try state.run(arguments)
        } catch {
            let optionWords = arguments.prefix { $0 != "--" }
            if optionWords.contains("--help") || optionWords.contains("-h") {
                return .help(commandPath: error.commandPath)
            }
            throw error
        }
    }
}

private struct State {
    let spec: ToolSpec
    var path: [String] = []
    var command: CommandSpec
    var byLong: [String: OptionSpec] = [:]
    var byShort: [Character: OptionSpec] = [:]
    var values: [String: [String]] = [:]
    var positionals: [String] = []
    var onlyPositionals = false
    var rawFromHere = false

    init(spec: ToolSpec) {
        self.spec = spec
        self.command = spec.root
        declareOptions()
    }

    /// The options of the command reached; those of the commands above only when it inherits them.
    mutating func declareOptions() {
        byLong = [:]
        byShort = [:]
        for option in spec.options(at: path) {
            byLong[option.long] = option
            if let short = option.short { byShort[short] = option }
        }
    }

    func error(_ kind: UsageError.Kind) -> UsageError { UsageError(kind, commandPath: path) }

    mutating func run(_ arguments: [String]) throws(UsageError) -> ParseOutcome {
        var index = 0
        func nextValue(for option: OptionSpec, spelled: String) throws(UsageError) -> String {
            index += 1
            guard index < arguments.count else {
                throw error(.missingValue(option: spelled, valueName: option.valueName))
            }
            return arguments[index]
        }

        while index < arguments.count {
            defer { index += 1 }
            let word = arguments[index]

            if rawFromHere || onlyPositionals {
                positionals.append(word)
            } else if word == "--" {
                if command.argumentParsing == .raw {
                    rawFromHere = true
                    positionals.append(word)
                } else {
                    onlyPositionals = true
                }
            } else if word.hasPrefix("--") {
                let body = word.dropFirst(2)
                let name = String(body.prefix { $0 != "=" })
                let inline = body.firstIndex(of: "=").map { String(body[body.index(after: $0)...]) }
                guard let option = byLong[name] else {
                    let names = byLong.values.filter { !$0.isHidden }.map { "--\($0.long)" }.sorted()
                    throw error(.unknownOption(word, suggestion: Suggestion.closest(to: "--\(name)", among: names)))
                }
                if option.takesValue {
                    var value: String
                    if let inline { value = inline } else { value = try nextValue(for: option, spelled: "--\(name)") }
                    try record(option, value, spelled: "--\(name)")
                } else {
                    if inline != nil { throw error(.unexpectedValue(option: "--\(name)")) }
                    if let early = try record(option, "", spelled: word) { return early }
                }
            } else if word.hasPrefix("-") && word.count > 1 {
                var letters = Substring(word.dropFirst())
                while let letter = letters.first {
                    letters = letters.dropFirst()
                    guard let option = byShort[letter] else {
                        throw error(.unknownOption("-\(letter)", suggestion: nil))
                    }
                    if option.takesValue {
                        var value = String(letters)
                        if value.isEmpty { value = try nextValue(for: option, spelled: "-\(letter)") }
                        try record(option, value, spelled: "-\(letter)")
                        break
                    }
                    if let early = try record(option, "", spelled: "-\(letter)") { return early }
                }
            } else if positionals.isEmpty && !command.subcommands.isEmpty {
                if word == "help" {
                    return try helpTarget(Array(arguments[(index + 1)...]))
                }
                if let sub = command.subcommand(named: word) {
                    command = sub
                    path.append(word)
                    declareOptions()
                    // An option given before the command that the command does not take.
                    if let given = values.keys.sorted().first(where: { byLong[$0] == nil }) {
                        throw error(.unknownOption("--\(given)", suggestion: nil))
                    }
                } else if command.unknownSubcommands == .passToHandler {
                    rawFromHere = true
                    positionals.append(word)
                } else {
                    let names = command.visibleSubcommands.map(\.name)
                    throw error(.unknownCommand(word, suggestion: Suggestion.closest(to: word, among: names)))
                }
            } else {
                if command.argumentParsing == .raw { rawFromHere = true }
                positionals.append(word)
            }
        }
        return .run(try finish())
    }

    /// Records one option occurrence; returns an outcome when the option ends parsing (help, version).
    @discardableResult
    mutating func record(_ option: OptionSpec, _ value: String, spelled: String) throws(UsageError) -> ParseOutcome? {
        if option.long == GlobalOptions.help, spec.globalOptions.contains(where: { $0.long == option.long }) {
            return .help(commandPath: path)
        }
        if option.long == GlobalOptions.version, spec.globalOptions.contains(where: { $0.long == option.long }) {
            return .version
        }
        if !option.allowedValues.isEmpty, !option.allowedValues.contains(where: { $0.value == value }) {
            throw error(.invalidValue(option: spelled, value: value, allowed: option.allowedValues.map(\.value)))
        }
        values[option.long, default: []].append(value)
        return nil
    }

    /// `help [command…]`: the words must name existing subcommands.
    mutating func helpTarget(_ words: [String]) throws(UsageError) -> ParseOutcome {
        for word in words {
            guard let sub = command.subcommand(named: word) else {
                let names = command.visibleSubcommands.map(\.name)
                throw error(.unknownCommand(word, suggestion: Suggestion.closest(to: word, among: names)))
            }
            command = sub
            path.append(word)
        }
        return .help(commandPath: path)
    }

    func finish() throws(UsageError) -> Invocation {
        if command.handler == nil {
            throw error(.missingCommand(choices: command.visibleSubcommands.map(\.name)))
        }
        var argumentValues: [String: [String]] = [:]
        // Raw commands check their words themselves; only strict ones are held to the declaration.
        if command.argumentParsing == .strict && !rawFromHere {
            var remaining = positionals[...]
            for argument in command.arguments {
                if remaining.isEmpty {
                    if argument.isOptional { break }
                    throw error(.missingArgument(argument.name))
                }
                if argument.isRepeating {
                    argumentValues[argument.name] = Array(remaining)
                    remaining = []
                } else {
                    argumentValues[argument.name] = [remaining.removeFirst()]
                }
            }
            if let extra = remaining.first { throw error(.unexpectedArgument(extra)) }
        }
        return Invocation(
            toolName: spec.name, commandPath: path, global: decodeGlobals(), arguments: positionals,
            optionValues: values, declaredOptions: byLong, argumentValues: argumentValues)
    }

    func decodeGlobals() -> GlobalOptions {
        GlobalOptions(
            configPath: values["config"]?.last,
            json: values["json"] != nil,
            color: values["color"]?.last.flatMap(ColorChoice.init(rawValue:)) ?? .auto,
            verbose: values["verbose"] != nil,
            quiet: values["quiet"] != nil)
    }
}
