import Foundation
import InfraKit
import TestSupport

/// A built tool running as a child the test can signal while it works (InfraKit's
/// ``ChildProcess/start(_:)``: empty signal mask, default handlers), its stdout and stderr in files
/// that can be read while it runs. After `limit` the child is ended, so a hanging tool fails the
/// test instead of hanging it.
final class SignalledTool: Sendable {
    struct Exit: Sendable {
        /// The exit status, or 128 + the signal that ended the child.
        let status: Int32
        /// True when the child ended by a signal rather than by calling exit.
        let bySignal: Bool
        /// When the child ended, as its reaping thread measured it.
        let at: ContinuousClock.Instant
    }

    private let child: RunningProcess
    private let started: ContinuousClock.Instant
    private let scratch: ScratchDirectory

    init(_ tool: String, _ arguments: [String], environment: [String: String], limit: Duration = .seconds(60)) throws {
        scratch = try ScratchDirectory()
        let request = ProcessRequest(
            ToolProcess.url(of: tool).path, arguments, environment: ToolProcess.environment(home: scratch.url, overrides: environment),
            standardOutput: .file(scratch.url.appendingPathComponent("stdout").path),
            standardError: .file(scratch.url.appendingPathComponent("stderr").path), timeout: limit)
        started = .now
        child = try ChildProcess.start(request)
    }

    func signal(_ number: Int32) { kill(child.pid, number) }

    var stderr: String { (try? String(contentsOf: scratch.url.appendingPathComponent("stderr"), encoding: .utf8)) ?? "" }
    var stdout: String { (try? String(contentsOf: scratch.url.appendingPathComponent("stdout"), encoding: .utf8)) ?? "" }

    /// Suspends until the child has ended.
    func exit() async -> Exit {
        let result = await child.wait()
        if case .signalled = result.termination {
            return Exit(status: result.status, bySignal: true, at: started + result.duration)
        }
        return Exit(status: result.status, bySignal: false, at: started + result.duration)
    }

    /// Polls `condition` every 20 ms until it holds; false if the child ended or `limit` passed first.
    func waitUntil(limit: Duration = .seconds(20), _ condition: () async throws -> Bool) async rethrows -> Bool {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            if !child.isRunning { return false }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return false
    }
}
