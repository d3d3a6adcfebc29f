import Foundation

/// The world a command runs in, injected so tests can run commands in-process: streams,
/// environment, working directory and terminal facts.
public struct Context: Sendable {
    public var stdout: any OutputWriter
    public var stderr: any OutputWriter
    public var stdin: any InputReader
    public var environment: [String: String]
    public var currentDirectory: String
    public var terminal: TerminalInfo

    public init(
        stdout: any OutputWriter, stderr: any OutputWriter,
        stdin: any InputReader = StringInputReader(""), environment: [String: String] = [:],
        currentDirectory: String = "/", terminal: TerminalInfo = .none
    ) {
        self.stdout = stdout
        self.stderr = stderr
        self.stdin = stdin
        self.environment = environment
        self.currentDirectory = currentDirectory
        self.terminal = terminal
    }

    /// The running process's own streams, environment and terminal.
    public static func process() -> Context {
        Context(
            stdout: FileDescriptorWriter.standardOutput, stderr: FileDescriptorWriter.standardError,
            stdin: StandardInputReader(), environment: ProcessInfo.processInfo.environment,
            currentDirectory: FileManager.default.currentDirectoryPath, terminal: .current())
    }

    /// The width tables and help may use on stdout: the terminal's when stdout is one (else
    /// `COLUMNS`), and nil — no limit, never cut anything — when stdout is not a terminal.
    public var outputWidth: Int? {
        guard terminal.stdoutIsTerminal else { return nil }
        return terminal.width ?? environment["COLUMNS"].flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil }
    }

    /// The width help text is wrapped to: the output width, else `COLUMNS`, else 80.
    var helpWidth: Int {
        outputWidth ?? environment["COLUMNS"].flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil } ?? 80
    }

    /// Whether output written to stdout (or stderr) should carry color, by the suite's policy.
    public func usesColor(_ choice: ColorChoice, onStandardError: Bool = false) -> Bool {
        ColorPolicy.enabled(
            choice: choice, environment: environment,
            streamIsTerminal: onStandardError ? terminal.stderrIsTerminal : terminal.stdoutIsTerminal)
    }
}

/// When to color output: an explicit `--color always|never` wins; otherwise a non-empty
/// `NO_COLOR` or `TERM=dumb` turns color off, and only a terminal gets it.
public enum ColorPolicy {
    public static func enabled(choice: ColorChoice, environment: [String: String], streamIsTerminal: Bool) -> Bool {
        switch choice {
        case .always: return true
        case .never: return false
        case .auto:
            if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
            if environment["TERM"] == "dumb" { return false }
            return streamIsTerminal
        }
    }
}
