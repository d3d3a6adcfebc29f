/// Runs one `gh` command line. The real one starts gh as a child process
/// (``GHProcessRunner``); tests substitute canned answers.
public protocol GHRunner: Sendable {
    func run(_ arguments: [String]) async throws(GHRunnerError) -> GHRun
}

/// What a finished gh run left.
public struct GHRun: Sendable {
    public var exitStatus: Int32
    public var stdout: [UInt8]
    public var stderr: String
    /// The run took longer than its timeout and was stopped.
    public var timedOut: Bool
    /// gh wrote more than the runner keeps: the items read are incomplete.
    public var truncated: Bool

    public init(exitStatus: Int32, stdout: [UInt8] = [], stderr: String = "", timedOut: Bool = false, truncated: Bool = false) {
        self.exitStatus = exitStatus
        self.stdout = stdout
        self.stderr = stderr
        self.timedOut = timedOut
        self.truncated = truncated
    }
}

/// gh could not be run at all.
public enum GHRunnerError: Error, Sendable, Hashable {
    /// No `gh` on the PATH (or it could not be started); the detail says why.
    case notInstalled(String)
    /// The calling task was cancelled and the child stopped.
    case cancelled
}
