import Foundation
import InfraKit

/// The emulators of `Tests/Emulators` are Python scripts that bind a free port of 127.0.0.1 and
/// write it to `--port-file`: this starts one and waits for that port.
enum EmulatorScript {
    /// `Tests/Emulators/<relativePath>`, found from this file's place in the repository.
    static func path(_ relativePath: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Emulators").appendingPathComponent(relativePath).path
    }

    /// Where the emulator's output goes: `emulator.log` in `scratch`.
    static func logPath(in scratch: ScratchDirectory) -> String {
        scratch.url.appendingPathComponent("emulator.log").path
    }

    /// Starts `script` with `--port 0 --port-file` and `arguments`, output to ``logPath(in:)``, and
    /// waits up to `patience` for its port; nil when it exited or never wrote one (the child is
    /// then still the caller's to stop).
    static func start(
        _ script: String, _ arguments: [String], in scratch: ScratchDirectory, patience: Duration = .seconds(30)
    ) async throws -> (child: RunningProcess, port: Int?) {
        let portFile = scratch.url.appendingPathComponent("port").path
        let log = logPath(in: scratch)
        let child = try await ChildProcess.start(
            ProcessRequest(
                "python3", [script, "--port", "0", "--port-file", portFile] + arguments,
                environment: ProcessInfo.processInfo.environment, standardOutput: .file(log), standardError: .file(log)))
        var port: Int?
        let deadline = ContinuousClock.now + patience
        while port == nil && ContinuousClock.now < deadline {
            port = (try? String(contentsOfFile: portFile, encoding: .utf8))
                .flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            if port == nil && !child.isRunning { break }
            if port == nil { try? await Task.sleep(for: .milliseconds(20)) }
        }
        return (child, port)
    }
}

/// The JSON control API an emulator serves under `http://127.0.0.1:PORT/_emulator`.
struct EmulatorControl: Sendable {
    struct Failure: Error, CustomStringConvertible {
        let message: String
        var description: String { "emulator control API: \(message)" }
    }

    private let client: APIClient

    init(port: Int) throws {
        var configuration = APIClient.Configuration(
            baseURL: "http://127.0.0.1:\(port)/_emulator", errorPrefix: "emulator", userAgent: "infra-tests")
        configuration.retryPolicy = RetryPolicy(maxRetries: 0)
        client = try APIClient(configuration)
    }

    /// Sends `method path` (a query may follow `?`) with a JSON body; the answer must be a JSON object.
    func request(_ method: HTTPMethod, _ path: String, body: Data? = nil) async throws -> [String: Any] {
        let parts = path.split(separator: "?", maxSplits: 1).map(String.init)
        var query = HTTPParameters()
        if parts.count == 2 {
            for pair in parts[1].split(separator: "&") {
                let field = pair.split(separator: "=", maxSplits: 1).map(String.init)
                query.append(field[0], field.count > 1 ? field[1] : "")
            }
        }
        let request = HTTPRequest(method, parts[0], query: query, body: body.map { .json($0) } ?? .empty)
        let response = try await client.sendRaw(request)
        guard let object = try JSONSerialization.jsonObject(with: response.body) as? [String: Any] else {
            throw Failure(message: "\(method) \(path): not a JSON object")
        }
        return object
    }
}
