import Foundation

/// What to run, how, and for how long: the input of ``ChildProcess/run(_:)`` and ``ChildProcess/start(_:)``.
public struct ProcessRequest: Sendable {
    /// An absolute path, or a bare name looked up in the `PATH` of ``environment`` (not the caller's).
    public var executable: String
    public var arguments: [String]
    /// The child's whole environment: nothing of the caller's is added.
    public var environment: [String: String]
    /// Where the child starts; nil for the caller's current directory.
    public var workingDirectory: String?
    public var standardInput: ProcessInput
    public var standardOutput: ProcessOutput
    public var standardError: ProcessOutput
    /// Bytes kept of each captured stream. The child is never blocked: past the limit its output is
    /// read and dropped, and ``ProcessResult/stdoutTruncated`` (or `stderrTruncated`) is set.
    public var outputLimit: Int
    /// After this long the child's process group gets SIGTERM (then SIGKILL, see
    /// ``terminationGrace``) and the result says ``ProcessResult/timedOut``. Nil for no limit.
    public var timeout: Duration?
    /// How long SIGTERM has to work before the whole group gets SIGKILL.
    public var terminationGrace: Duration

    public init(
        _ executable: String, _ arguments: [String] = [], environment: [String: String] = [:],
        workingDirectory: String? = nil, standardInput: ProcessInput = .null,
        standardOutput: ProcessOutput = .capture, standardError: ProcessOutput = .capture,
        outputLimit: Int = 1 << 20, timeout: Duration? = nil, terminationGrace: Duration = .seconds(2)
    ) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.standardInput = standardInput
        self.standardOutput = standardOutput
        self.standardError = standardError
        self.outputLimit = outputLimit
        self.timeout = timeout
        self.terminationGrace = terminationGrace
    }
}

/// Where the child's standard input comes from.
public enum ProcessInput: Sendable, Hashable {
    /// `/dev/null`: the child reads end-of-file at once.
    case null
    /// These bytes, then end-of-file.
    case bytes([UInt8])
}

/// Where one of the child's output streams goes.
public enum ProcessOutput: Sendable, Hashable {
    /// Into the result, up to ``ProcessRequest/outputLimit`` bytes.
    case capture
    /// `/dev/null`.
    case discard
    /// Appended to the file at this path, created (mode 0600) when missing. Standard output and
    /// standard error may name the same file.
    case file(String)
}

/// How the child ended.
public enum ProcessTermination: Sendable, Hashable {
    /// It called exit with this status.
    case exited(Int32)
    /// This signal ended it.
    case signalled(Int32)
}

/// What a finished child left behind.
public struct ProcessResult: Sendable, Hashable {
    public var termination: ProcessTermination
    /// Captured standard output (empty unless it was ``ProcessOutput/capture``).
    public var stdout: [UInt8]
    public var stderr: [UInt8]
    /// True when the child wrote more than ``ProcessRequest/outputLimit`` bytes to the stream.
    public var stdoutTruncated: Bool
    public var stderrTruncated: Bool
    /// True when the timeout ended the child.
    public var timedOut: Bool
    /// From the spawn to the reaping of the child, as its own thread measured it (so it does not
    /// include any wait of the caller for a thread of the concurrency pool).
    public var duration: Duration

    public init(
        termination: ProcessTermination, stdout: [UInt8] = [], stderr: [UInt8] = [],
        stdoutTruncated: Bool = false, stderrTruncated: Bool = false, timedOut: Bool = false,
        duration: Duration = .zero
    ) {
        self.termination = termination
        self.stdout = stdout
        self.stderr = stderr
        self.stdoutTruncated = stdoutTruncated
        self.stderrTruncated = stderrTruncated
        self.timedOut = timedOut
        self.duration = duration
    }

    /// The status as a shell reports it: the exit status, or 128 plus the signal's number.
    public var status: Int32 {
        switch termination {
        case .exited(let code): code
        case .signalled(let signal): 128 + signal
        }
    }

    /// Standard output decoded as UTF-8 (invalid bytes become U+FFFD).
    public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    public var stderrText: String { String(decoding: stderr, as: UTF8.self) }
}

/// A child that could not run, or a run that was cancelled.
public enum ProcessError: Error, Sendable, Hashable, CustomStringConvertible {
    /// posix_spawn (or preparing it: a pipe, the executable's lookup) failed with this errno.
    case cannotStart(executable: String, errno: Int32)
    /// The calling task was cancelled; the child's process group was ended before this was thrown.
    case cancelled

    public var description: String {
        switch self {
        case .cannotStart(let executable, let code): "\(executable): cannot start: \(String(cString: strerror(code)))"
        case .cancelled: "the child process was stopped because its task was cancelled"
        }
    }
}
