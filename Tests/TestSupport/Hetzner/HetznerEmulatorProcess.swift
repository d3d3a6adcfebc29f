import Foundation
import InfraKit

/// The Hetzner emulator (`Tests/Emulators/hetzner/emulator.py`, Cloud at `/v1`, Robot at `/robot`)
/// on a free port of 127.0.0.1 for one test, with one Cloud token and one Robot webservice user,
/// and the control API calls tests need (seed, faults, state, call log). ``stop()`` it at the end.
///
/// The token and the password contain ``canary``, so a test can check that no output shows them.
public final class HetznerEmulatorProcess: Sendable {
    public enum Failure: Error, CustomStringConvertible {
        case didNotStart(String)
        case control(String)

        public var description: String {
            switch self {
            case .didNotStart(let log): "the Hetzner emulator did not start; its output:\n\(log)"
            case .control(let message): "Hetzner emulator control API: \(message)"
            }
        }
    }

    public static let canary = "hzcanary-93Kp"
    public static let robotUser = "#ws+setupTests"

    public let port: Int
    public let token: String
    public let robotPassword: String
    private let child: RunningProcess
    private let scratch: ScratchDirectory
    private let control: APIClient

    public static var scriptPath: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Emulators/hetzner/emulator.py").path
    }

    /// Starts the emulator (actions finish at once unless `arguments` say otherwise) and seeds the
    /// token and the Robot user.
    public static func start(_ arguments: [String] = ["--action-duration", "0"]) async throws -> HetznerEmulatorProcess {
        let scratch = try ScratchDirectory()
        let portFile = scratch.url.appendingPathComponent("port").path
        let log = scratch.url.appendingPathComponent("emulator.log").path
        let child = try ChildProcess.start(
            ProcessRequest(
                "python3", [scriptPath, "--port", "0", "--port-file", portFile] + arguments,
                environment: ProcessInfo.processInfo.environment, standardOutput: .file(log), standardError: .file(log)))
        var port: Int?
        let deadline = ContinuousClock.now + .seconds(30)
        while port == nil && ContinuousClock.now < deadline {
            port = (try? String(contentsOfFile: portFile, encoding: .utf8))
                .flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            if port == nil && !child.isRunning { break }
            if port == nil { try? await Task.sleep(for: .milliseconds(20)) }
        }
        let emulator = try HetznerEmulatorProcess(child: child, port: port ?? 0, scratch: scratch)
        do {
            guard port != nil else { throw Failure.didNotStart(emulator.log) }
            _ = try await emulator.request(.get, "/health", body: nil)
            try await emulator.seed([
                "tokens": [emulator.token],
                "robot_users": [["user": robotUser, "password": emulator.robotPassword]],
            ])
        } catch {
            emulator.stop()
            throw error
        }
        return emulator
    }

    private init(child: RunningProcess, port: Int, scratch: ScratchDirectory) throws {
        self.child = child
        self.port = port
        self.scratch = scratch
        let prefix = "tok-\(Self.canary)-"
        token = prefix + String(repeating: "x", count: 64 - prefix.count)
        robotPassword = "pw-\(Self.canary)-\(UUID().uuidString.prefix(8))"
        var configuration = APIClient.Configuration(
            baseURL: "http://127.0.0.1:\(port)/_emulator", errorPrefix: "emulator", userAgent: "infra-tests")
        configuration.retryPolicy = RetryPolicy(maxRetries: 0)
        do {
            control = try APIClient(configuration)
        } catch {
            child.terminate()
            throw error
        }
    }

    deinit { stop() }

    public func stop() {
        child.terminate(grace: .seconds(2))
    }

    public var log: String {
        (try? String(contentsOf: scratch.url.appendingPathComponent("emulator.log"), encoding: .utf8)) ?? ""
    }

    /// What a tool needs to reach both APIs.
    public var environment: [String: String] {
        cloudEnvironment.merging(robotEnvironment) { first, _ in first }
    }

    public var cloudEnvironment: [String: String] {
        ["HCLOUD_TOKEN": token, "HCLOUD_ENDPOINT": "http://127.0.0.1:\(port)/v1"]
    }

    public var robotEnvironment: [String: String] {
        [
            "HETZNER_ROBOT_USER": Self.robotUser, "HETZNER_ROBOT_PASSWORD": robotPassword,
            "HETZNER_ROBOT_URL": "http://127.0.0.1:\(port)/robot",
        ]
    }

    // MARK: Control API

    /// `POST /_emulator/seed` with a document shaped as the emulator's README describes.
    @discardableResult
    public func seed(_ document: [String: any Sendable]) async throws -> [String: Any] {
        try await request(.post, "/seed", body: JSONSerialization.data(withJSONObject: document))
    }

    /// Queues a fault, such as `["kind": "http-error", "path": "/v1/load_balancers*", "status": 503]`.
    public func addFault(_ fault: [String: any Sendable]) async throws {
        _ = try await request(.post, "/faults", body: JSONSerialization.data(withJSONObject: fault))
    }

    /// The default project's load balancers as the emulator holds them (API shapes).
    public func loadBalancers() async throws -> [[String: Any]] {
        try await project()["load_balancers"] as? [[String: Any]] ?? []
    }

    /// The default project's images.
    public func images() async throws -> [[String: Any]] {
        try await project()["images"] as? [[String: Any]] ?? []
    }

    /// Cloud and Robot calls so far: `METHOD path` → count.
    public func callCounts() async throws -> [String: Int] {
        let answer = try await request(.get, "/calls", body: nil)
        return (answer["counts"] as? [String: Any] ?? [:]).compactMapValues { ($0 as? NSNumber)?.intValue }
    }

    private func project() async throws -> [String: Any] {
        let answer = try await request(.get, "/state", body: nil)
        return (answer["projects"] as? [String: Any])?["default"] as? [String: Any] ?? [:]
    }

    private func request(_ method: HTTPMethod, _ path: String, body: Data?) async throws -> [String: Any] {
        let response = try await control.sendRaw(HTTPRequest(method, path, body: body.map { .json($0) } ?? .empty))
        guard let object = try JSONSerialization.jsonObject(with: response.body) as? [String: Any] else {
            throw Failure.control("\(method) \(path): not a JSON object")
        }
        return object
    }
}
