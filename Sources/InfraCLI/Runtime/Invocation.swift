/// A command line the parser accepted: which command, the options given and the positionals,
/// ready for the command's handler to decode into its own typed values.
///
/// Handlers read options through their typed declarations (`try invocation[Tool.Options.ttl]`,
/// see ``Option``); the lookups by name below are what those declarations use. Asking for an
/// option the command does not declare is a programming error and stops the process, so a
/// declaration left out of a command's spec fails its first test.
public struct Invocation: Sendable {
    public let toolName: String
    /// Subcommand names below the root (`["set"]` for `infra-dns set …`).
    public let commandPath: [String]
    public let global: GlobalOptions
    /// The positional words in order; for raw commands exactly as typed, `--` included.
    public let arguments: [String]

    let optionValues: [String: [String]]
    let declaredOptions: [String: OptionSpec]
    let argumentValues: [String: [String]]

    init(
        toolName: String, commandPath: [String], global: GlobalOptions, arguments: [String],
        optionValues: [String: [String]], declaredOptions: [String: OptionSpec],
        argumentValues: [String: [String]]
    ) {
        self.toolName = toolName
        self.commandPath = commandPath
        self.global = global
        self.arguments = arguments
        self.optionValues = optionValues
        self.declaredOptions = declaredOptions
        self.argumentValues = argumentValues
    }

    /// `infra-dns set`: for messages.
    public var commandName: String { ([toolName] + commandPath).joined(separator: " ") }


    /// Every option occurrence on the command line, by long name in alphabetical order, values in
    /// the order given (empty for flags). For traces and tests.
    public var givenOptions: [(name: String, value: String)] {
        optionValues.keys.sorted().flatMap { name in optionValues[name, default: []].map { (name, $0) } }
    }

    /// The word given for the positional argument declared as `name`, or nil when it was optional
    /// and left out.
    public func argument(_ name: String) -> String? {
        argumentValues[name]?.first
    }

    /// Every word a repeating positional argument received.
    public func arguments(named name: String) -> [String] {
        argumentValues[name] ?? []
    }
}
