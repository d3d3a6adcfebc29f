import Foundation

/// Runs gh as a child process (``ChildProcess``): its own process group, a timeout, output kept up
/// to a limit, and the whole group ended when the calling task is cancelled.
public struct GHProcessRunner: GHRunner {
    /// The environment gh gets: the caller's, plus ``GHCommand/quietEnvironment``.
    public let environment: [String: String]
    /// How long one gh run (all pages of one list) may take.
    public let timeout: Duration?
    /// Bytes of gh's output kept; a large organisation's list is many megabytes.
    public let outputLimit: Int

    public init(environment: [String: String], timeout: Duration? = .seconds(300), outputLimit: Int = 256 << 20) {
        self.environment = environment.merging(GHCommand.quietEnvironment) { _, quiet in quiet }
        self.timeout = timeout
        self.outputLimit = outputLimit
    }

    public func run(_ arguments: [String]) async throws(GHRunnerError) -> GHRun {
        let request = ProcessRequest(
            "gh", arguments, environment: environment, outputLimit: outputLimit, timeout: timeout,
            terminationGrace: .seconds(1))
        let result: ProcessResult
        do {
            result = try await ChildProcess.run(request)
        } catch {
            switch error {
            case .cancelled: throw .cancelled
            case .cannotStart(_, let code):
                throw .notInstalled(code == ENOENT ? "no gh on the PATH" : "gh cannot be started: \(String(cString: strerror(code)))")
            }
        }
        return GHRun(
            exitStatus: result.status, stdout: result.stdout, stderr: result.stderrText, timedOut: result.timedOut,
            truncated: result.stdoutTruncated)
    }
}
