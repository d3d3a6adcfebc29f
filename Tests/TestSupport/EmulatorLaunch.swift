import Foundation
import InfraKit

/// Starts one of the Python emulators under `Tests/Emulators` on a free port of 127.0.0.1: its
/// process (stdout and stderr to a log in a scratch directory) and the port it wrote to its
/// `--port-file`. The emulators' own launchers (CloudNS, Hetzner) build on it.
public struct LaunchedEmulator: Sendable {
    public let child: RunningProcess
    /// Nil when the emulator exited or wrote no port within 60 seconds; see ``log``.
    public let port: Int?
    public let scratch: ScratchDirectory

    /// `Tests/Emulators/<relativePath>`, found from this file's place in the repository.
    public static func script(_ relativePath: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Emulators/\(relativePath)").path
    }

    /// Runs `python3 SCRIPT --port 0 --port-file FILE ARGUMENTS…` and waits for the port; a few
    /// Python servers start at a time (``StartGate``).
    public static func start(script: String, arguments: [String]) async throws -> LaunchedEmulator {
        try await StartGate.pythonServers.withPermit { try await launch(script: script, arguments: arguments) }
    }

    private static func launch(script: String, arguments: [String]) async throws -> LaunchedEmulator {
        let scratch = try ScratchDirectory()
        let portFile = scratch.url.appendingPathComponent("port").path
        let log = scratch.url.appendingPathComponent("emulator.log").path
        let child = try await ChildProcess.start(
            ProcessRequest(
                "python3", [script, "--port", "0", "--port-file", portFile] + arguments,
                environment: ProcessInfo.processInfo.environment, standardOutput: .file(log), standardError: .file(log)))
        var port: Int?
        let deadline = ContinuousClock.now + .seconds(60)
        while port == nil && ContinuousClock.now < deadline {
            port = (try? String(contentsOfFile: portFile, encoding: .utf8))
                .flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            if port == nil && !child.isRunning { break }
            if port == nil { try? await Task.sleep(for: .milliseconds(20)) }
        }
        return LaunchedEmulator(child: child, port: port, scratch: scratch)
    }

    /// A client for the emulator's control API (`/_emulator`), without retries; stops the
    /// emulator when it cannot be made.
    public func controlClient() throws -> APIClient {
        var configuration = APIClient.Configuration(
            baseURL: "http://127.0.0.1:\(port ?? 0)/_emulator", errorPrefix: "emulator", userAgent: "infra-tests")
        configuration.retryPolicy = RetryPolicy(maxRetries: 0)
        do {
            return try APIClient(configuration)
        } catch {
            child.terminate()
            throw error
        }
    }

    /// Ends the emulator: SIGTERM to its process group, SIGKILL two seconds later if it lingers.
    /// Returns at once (a test's `defer` may call it); the runner's thread reaps it.
    public func stop() {
        child.terminate(grace: .seconds(2))
    }

    /// The emulator's own output so far, for failure messages.
    public var log: String {
        (try? String(contentsOf: scratch.url.appendingPathComponent("emulator.log"), encoding: .utf8)) ?? ""
    }
}
