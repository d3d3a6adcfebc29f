import InfraKit

/// Runs one parsed command. Returning a status lets a handler report "checked thing failed" (1)
/// or a tool-specific status without throwing; thrown errors are mapped by the runner.
public typealias CommandHandler = @Sendable (Invocation, Context) async throws -> ExitStatus

/// One command of a tool: the tool itself (the root) or one of its subcommands.
public struct CommandSpec: Sendable {
    /// How the words after the command's options are read.
    public enum ArgumentParsing: Sendable, Hashable {
        /// Options anywhere, positionals checked against `arguments`, `--` ends the options.
        case strict
        /// Options only before the first positional word; from there on, every word (a `--`
        /// included) is handed to the handler as it was typed, for commands called by other
        /// programs with conventions of their own.
        case raw
    }

    /// What a first positional word that names no subcommand means.
    public enum UnknownSubcommandPolicy: Sendable, Hashable {
        /// A usage error, with a "did you mean" hint.
        case reject
        /// Not an error: the command's own handler receives the words raw.
        case passToHandler
    }

    public var name: String
    /// One line: what the command does.
    public var abstract: String
    /// Paragraphs for help and the man page, separated by blank lines.
    public var discussion: String
    public var options: [OptionSpec]
    public var arguments: [ArgumentSpec]
    public var subcommands: [CommandSpec]
    public var argumentParsing: ArgumentParsing
    public var unknownSubcommands: UnknownSubcommandPolicy
    /// Synopsis lines written by hand (the words after the command path) for commands whose
    /// calling conventions the generated synopsis cannot express; empty means generate.
    public var usageForms: [String]
    public var examples: [ExampleSpec]
    public var isHidden: Bool
    /// Whether the options of the commands above it apply to it too (the usual case). A command
    /// that does not inherit them has only the global options and its own: infra-setup's
    /// pipeline options (`--dry-run`, `--step`, `--yes`) mean nothing to `infra-setup snapshot`.
    public var inheritsParentOptions: Bool
    /// Nil for a command that only groups subcommands.
    public var handler: CommandHandler?

    public init(
        _ name: String, abstract: String, discussion: String = "", options: [OptionSpec] = [],
        arguments: [ArgumentSpec] = [], subcommands: [CommandSpec] = [],
        argumentParsing: ArgumentParsing = .strict,
        unknownSubcommands: UnknownSubcommandPolicy = .reject, usageForms: [String] = [],
        examples: [ExampleSpec] = [], isHidden: Bool = false, inheritsParentOptions: Bool = true,
        handler: CommandHandler? = nil
    ) {
        self.name = name
        self.abstract = abstract
        self.discussion = discussion
        self.options = options
        self.arguments = arguments
        self.subcommands = subcommands
        self.argumentParsing = argumentParsing
        self.unknownSubcommands = unknownSubcommands
        self.usageForms = usageForms
        self.examples = examples
        self.isHidden = isHidden
        self.inheritsParentOptions = inheritsParentOptions
        self.handler = handler
    }

    public func subcommand(named name: String) -> CommandSpec? {
        subcommands.first { $0.name == name }
    }

    public var visibleSubcommands: [CommandSpec] { subcommands.filter { !$0.isHidden } }
    public var visibleOptions: [OptionSpec] { options.filter { !$0.isHidden } }

    /// The positional part of the generated synopsis: `HOST TYPE [VALUE]`.
    public var argumentsUsage: String {
        arguments.map(\.usage).joined(separator: " ")
    }
}

/// A worked example for help and the man page.
public struct ExampleSpec: Sendable, Hashable {
    /// What the example does, one sentence.
    public var abstract: String
    /// The command line as the user types it.
    public var command: String

    public init(_ abstract: String, _ command: String) {
        self.abstract = abstract
        self.command = command
    }
}
