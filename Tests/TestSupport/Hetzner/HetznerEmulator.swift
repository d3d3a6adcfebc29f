import Foundation
import InfraKit

/// The Hetzner emulator (`Tests/Emulators/hetzner/emulator.py`) on a free port of 127.0.0.1 for
/// one test, with one project token (``token``) and its control API: seeding, faults, the call log,
/// changes behind a tool's back. ``stop()`` it at the end (deinit stops it too).
///
/// The token contains ``canary``, so a test can check that no output ever shows it.
public final class HetznerEmulator: Sendable {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public static let canary = "canary-Hz9"

    public let port: Int
    /// 64 characters, as the hcloud CLI insists.
    public let token: String
    private let launched: LaunchedEmulator
    private let control: APIClient

    /// `http://127.0.0.1:<port>/v1`: what `HCLOUD_ENDPOINT` should be.
    public var endpoint: String { "http://127.0.0.1:\(port)/v1" }

    public static var scriptPath: String { LaunchedEmulator.script("hetzner/emulator.py") }

    /// Starts the emulator with `arguments` added (`--action-duration 1.0`, …) and seeds the token.
    public static func start(_ arguments: [String] = []) async throws -> HetznerEmulator {
        let launched = try await LaunchedEmulator.start(script: scriptPath, arguments: arguments)
        let emulator = try HetznerEmulator(launched)
        do {
            guard launched.port != nil else { throw Failure(description: "the Hetzner emulator did not start:\n\(emulator.log)") }
            try await emulator.seed(["tokens": [emulator.token]])
        } catch {
            emulator.stop()
            throw error
        }
        return emulator
    }

    private init(_ launched: LaunchedEmulator) throws {
        self.launched = launched
        port = launched.port ?? 0
        let prefix = "tok-\(Self.canary)-"
        let filler = UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        token = String((prefix + filler + filler).prefix(64))
        control = try launched.controlClient()
    }

    deinit { stop() }

    /// Ends the emulator; see ``LaunchedEmulator/stop()``.
    public func stop() { launched.stop() }

    /// The emulator's own output so far, for failure messages.
    public var log: String { launched.log }

    /// What a tool needs to reach this emulator with the project token.
    public var environment: [String: String] {
        ["HCLOUD_ENDPOINT": endpoint, "HCLOUD_TOKEN": token]
    }

    // MARK: Control API

    /// `POST /_emulator/seed`; returns the answer's `ids`.
    @discardableResult
    public func seed(_ seed: [String: any Sendable]) async throws -> [String: Any] {
        let answer = try await request(.post, "/seed", seed)
        return answer["ids"] as? [String: Any] ?? [:]
    }

    public func settings(_ settings: [String: any Sendable]) async throws {
        _ = try await request(.post, "/settings", settings)
    }

    /// Queues a fault, such as `["kind": "locked", "path": "/v1/load_balancers/*/actions/add_target"]`.
    public func addFault(_ fault: [String: any Sendable]) async throws {
        _ = try await request(.post, "/faults", fault)
    }

    /// Drops every queued fault, consumed or not.
    public func clearFaults() async throws {
        _ = try await request(.delete, "/faults", nil)
    }

    /// Sets a target's health: `["load_balancer": "lb", "target": "app1", "status": "unhealthy"]`.
    public func setHealth(_ health: [String: any Sendable]) async throws {
        _ = try await request(.post, "/health", health)
    }

    /// Every Cloud call logged since `since` (a sequence number from ``callLogPosition()``).
    public func calls(since: Int = 0) async throws -> [Call] {
        let answer = try await request(.get, "/calls", nil, query: ["since": String(since), "api": "cloud"])
        return (answer["calls"] as? [[String: Any]] ?? []).map(Call.init)
    }

    /// The position after the last call logged so far, for ``calls(since:)``.
    public func callLogPosition() async throws -> Int {
        let answer = try await request(.get, "/calls", nil)
        return (answer["next_seq"] as? Int ?? 1) - 1
    }

    /// The default project's resources (`load_balancers`, `certificates`, …) as the API shows them.
    public func state() async throws -> [String: Any] {
        let answer = try await request(.get, "/state", nil)
        let projects = answer["projects"]
        if let list = projects as? [[String: Any]] { return list.first { $0["name"] as? String == "default" } ?? [:] }
        if let map = projects as? [String: Any] { return map["default"] as? [String: Any] ?? [:] }
        return answer
    }

    /// The load balancer named `name` as the emulator holds it (API shape), or nil.
    public func loadBalancer(named name: String) async throws -> [String: Any]? {
        let lbs = try await state()["load_balancers"] as? [[String: Any]] ?? []
        return lbs.first { $0["name"] as? String == name }
    }

    /// A Cloud API call with the project token, for changes behind a tool's back.
    @discardableResult
    public func cloud(_ method: HTTPMethod, _ path: String, _ body: [String: any Sendable]? = nil) async throws -> [String: Any] {
        var configuration = APIClient.Configuration(baseURL: endpoint, errorPrefix: "emulator cloud", userAgent: "infra-tests")
        configuration.retryPolicy = RetryPolicy(maxRetries: 0)
        configuration.authenticator = .bearer(Secret(token))
        let client = try APIClient(configuration)
        let data = try body.map { try JSONSerialization.data(withJSONObject: $0) }
        let response = try await client.sendRaw(HTTPRequest(method, path, body: data.map { .json($0) } ?? .empty))
        guard !response.body.isEmpty else { return [:] }
        return try JSONSerialization.jsonObject(with: response.body) as? [String: Any] ?? [:]
    }

    /// Ends every running action now.
    public func finishActions() async throws {
        _ = try await request(.post, "/actions/finish", [:])
    }

    private func request(
        _ method: HTTPMethod, _ path: String, _ body: [String: any Sendable]?, query: [String: String] = [:]
    ) async throws -> [String: Any] {
        var parameters = HTTPParameters()
        for (name, value) in query.sorted(by: { $0.key < $1.key }) { parameters.append(name, value) }
        let data = try body.map { try JSONSerialization.data(withJSONObject: $0) }
        let response = try await control.sendRaw(HTTPRequest(method, path, query: parameters, body: data.map { .json($0) } ?? .empty))
        guard let object = try JSONSerialization.jsonObject(with: response.body) as? [String: Any] else {
            throw Failure(description: "emulator control \(method) \(path): not a JSON object")
        }
        return object
    }
}

extension HetznerEmulator {
    /// One entry of the call log.
    public struct Call: Sendable, Hashable, CustomStringConvertible {
        public var method: String
        public var path: String
        public var status: Int?
        public var error: String?
        public var fault: String?
        /// The query as `name=value` pairs, sorted.
        public var query: [String]

        init(_ entry: [String: Any]) {
            method = entry["method"] as? String ?? ""
            path = entry["path"] as? String ?? ""
            status = entry["status"] as? Int
            error = entry["error"] as? String
            fault = entry["fault"] as? String
            let raw = entry["query"] as? [String: Any] ?? [:]
            query = raw.flatMap { name, value -> [String] in
                if let values = value as? [Any] { return values.map { "\(name)=\($0)" } }
                return ["\(name)=\(value)"]
            }.sorted()
        }

        public var description: String {
            "\(method) \(path)\(query.isEmpty ? "" : "?" + query.joined(separator: "&")) → \(status.map(String.init) ?? "-")"
                + (error.map { " \($0)" } ?? "")
        }

        /// Reads an action's state rather than changing anything.
        public var isActionPoll: Bool { method == "GET" && path.contains("/actions") }
    }
}

extension HetznerEmulator {
    /// A self-signed certificate and its key for `names`, made with openssl.
    public static func selfSignedCertificate(
        _ names: [String], in scratch: ScratchDirectory
    ) async throws -> (chain: String, key: String) {
        let base = scratch.url.appendingPathComponent("cert-\(UUID().uuidString.prefix(8))").path
        let san = names.map { "DNS:\($0)" }.joined(separator: ",")
        let result = try await ChildProcess.run(
            ProcessRequest(
                "/usr/bin/openssl",
                [
                    "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "30",
                    "-subj", "/CN=\(names[0])", "-addext", "subjectAltName=\(san)", "-keyout", base + ".key", "-out",
                    base + ".pem",
                ], environment: ProcessInfo.processInfo.environment, timeout: .seconds(30)))
        guard result.status == 0 else { throw Failure(description: "openssl: \(result.stderrText)") }
        return (try String(contentsOfFile: base + ".pem", encoding: .utf8), try String(contentsOfFile: base + ".key", encoding: .utf8))
    }
}
