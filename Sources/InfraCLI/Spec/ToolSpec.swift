import InfraKit

/// Everything about one executable, declared once: the parser, help, the man page and the
/// shell completion scripts are all derived from this value.
public struct ToolSpec: Sendable {
    /// The root command; its name is the executable's name.
    public var root: CommandSpec
    public var version: String
    /// The options every command of the tool accepts (`--config`, `--json`, …).
    public var globalOptions: [OptionSpec]
    public var environment: [EnvironmentSpec]
    public var files: [FileSpec]
    public var exitStatuses: [ExitStatusSpec]
    /// Other manual pages worth reading, as `name(section)` pairs.
    public var seeAlso: [ManualReference]
    /// The date printed in the man page footer; part of the spec so generated pages are stable.
    public var manualDate: String

    public init(
        root: CommandSpec, version: String, globalOptions: [OptionSpec] = GlobalOptions.specs,
        environment: [EnvironmentSpec] = [], files: [FileSpec] = [],
        exitStatuses: [ExitStatusSpec], seeAlso: [ManualReference] = [], manualDate: String
    ) {
        self.root = root
        self.version = version
        self.globalOptions = globalOptions
        self.environment = environment
        self.files = files
        self.exitStatuses = exitStatuses
        self.seeAlso = seeAlso
        self.manualDate = manualDate
    }

    public var name: String { root.name }
    public var abstract: String { root.abstract }

    /// The command at `path` (subcommand names below the root), or nil.
    public func command(at path: [String]) -> CommandSpec? {
        var command = root
        for name in path {
            guard let next = command.subcommand(named: name) else { return nil }
            command = next
        }
        return command
    }

    /// Every command with its path, root first, depth first, hidden ones included.
    public var allCommands: [(path: [String], command: CommandSpec)] {
        var result: [(path: [String], command: CommandSpec)] = []
        func visit(_ command: CommandSpec, _ path: [String]) {
            result.append((path, command))
            for sub in command.subcommands { visit(sub, path + [sub.name]) }
        }
        visit(root, [])
        return result
    }

    /// The options accepted at `path`: the global ones, then those of every command on the way
    /// from the root (a root option such as `--credentials` applies to every subcommand).
    public func options(at path: [String]) -> [OptionSpec] {
        var options = globalOptions
        var command = root
        options += command.options
        for name in path {
            guard let next = command.subcommand(named: name) else { break }
            command = next
            if !command.inheritsParentOptions { options = globalOptions }
            options += command.options
        }
        return options
    }
}

/// An environment variable a tool reads; declared in InfraKit beside the code that reads it.
public typealias EnvironmentSpec = EnvironmentVariable

/// A file a tool reads or writes.
public struct FileSpec: Sendable, Hashable {
    public var path: String
    public var abstract: String
    public init(_ path: String, _ abstract: String) {
        self.path = path
        self.abstract = abstract
    }
}

/// One row of a tool's exit status table.
public struct ExitStatusSpec: Sendable, Hashable {
    public var status: ExitStatus
    public var meaning: String
    public init(_ status: ExitStatus, _ meaning: String) {
        self.status = status
        self.meaning = meaning
    }
}

/// A manual page named in SEE ALSO.
public struct ManualReference: Sendable, Hashable, Comparable {
    public var name: String
    public var section: Int
    public init(_ name: String, section: Int = 1) {
        self.name = name
        self.section = section
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.section, lhs.name) < (rhs.section, rhs.name)
    }
}
