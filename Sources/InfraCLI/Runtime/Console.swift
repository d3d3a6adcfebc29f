import InfraKit

/// Diagnostics on stderr, in the suite's format: `<tool>: error: …`, `<tool>: warning: …`,
/// `<tool>: note: …`. `--quiet` silences warnings and notes (never errors); `--verbose` enables
/// trace lines.
public struct Console: Sendable {
    public let toolName: String
    public let stderr: any OutputWriter
    public let quiet: Bool
    public let verbose: Bool
    public let color: Bool

    public init(toolName: String, stderr: any OutputWriter, quiet: Bool = false, verbose: Bool = false, color: Bool = false) {
        self.toolName = toolName
        self.stderr = stderr
        self.quiet = quiet
        self.verbose = verbose
        self.color = color
    }

    /// The console for a parsed command: its `--quiet`, `--verbose` and `--color` decide.
    public init(invocation: Invocation, context: Context) {
        self.init(
            toolName: invocation.toolName, stderr: context.stderr, quiet: invocation.global.quiet,
            verbose: invocation.global.verbose,
            color: context.usesColor(invocation.global.color, onStandardError: true))
    }

    public func error(_ message: String) { emit("error", .red, message) }

    public func warning(_ message: String) {
        if !quiet { emit("warning", .yellow, message) }
    }

    public func note(_ message: String) {
        if !quiet { emit("note", .cyan, message) }
    }

    /// A `--verbose` line; dropped unless verbose.
    public func trace(_ message: String) {
        if verbose { stderr.write("\(toolName): \(message)\n") }
    }

    /// A sink for InfraKit's traces, printing only under `--verbose`.
    public var traceSink: TraceSink {
        let console = self
        return { console.trace($0) }
    }

    private func emit(_ label: String, _ style: ANSIStyle, _ message: String) {
        let tag = color ? style.apply(to: "\(label):", bold: true) : "\(label):"
        stderr.write("\(toolName): \(tag) \(message)\n")
    }
}
