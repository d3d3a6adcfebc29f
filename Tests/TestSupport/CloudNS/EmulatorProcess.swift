import Foundation
import InfraKit

/// The CloudNS emulator (`Tests/Emulators/cloudns/emulator.py`) running on a free port of 127.0.0.1
/// for one test, with one API user (``authID``, ``password``) and helpers for its control API:
/// seeding, settings, faults and the call log. ``stop()`` it at the end (deinit stops it too).
///
/// The password contains ``canary``, so a test can check that no output ever shows it.
public final class EmulatorProcess: Sendable {
    public enum Failure: Error, CustomStringConvertible {
        case didNotStart(String)
        case control(String)

        public var description: String {
            switch self {
            case .didNotStart(let log): "the CloudNS emulator did not start; its output:\n\(log)"
            case .control(let message): "emulator control API: \(message)"
            }
        }
    }

    /// A text that appears in every password the emulator accepts, and never legitimately in output.
    public static let canary = "canary-7Qz"
    public static let authID = "1000"

    public let port: Int
    public let password: String
    private let launched: LaunchedEmulator
    private let control: APIClient

    /// `http://127.0.0.1:<port>`: what `CLOUDNS_API_URL` should be.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// The emulator script, found from this file's place in the repository.
    public static var scriptPath: String { LaunchedEmulator.script("cloudns/emulator.py") }

    /// Starts the emulator with `arguments` added to its command line (`--propagation-delay 2`, …)
    /// and seeds the API user.
    public static func start(_ arguments: [String] = []) async throws -> EmulatorProcess {
        let launched = try await LaunchedEmulator.start(script: scriptPath, arguments: arguments)
        let emulator = try EmulatorProcess(launched)
        do {
            guard launched.port != nil else { throw Failure.didNotStart(emulator.log) }
            _ = try await emulator.request(.get, "/health", body: nil)
            try await emulator.seed(Seed(identities: [.apiUser(authID, password: emulator.password)]))
        } catch {
            emulator.stop()
            throw error
        }
        return emulator
    }

    private init(_ launched: LaunchedEmulator) throws {
        self.launched = launched
        port = launched.port ?? 0
        password = "pw+\(Self.canary)&\(UUID().uuidString.prefix(8))"
        control = try launched.controlClient()
    }

    deinit { stop() }

    /// Ends the emulator; see ``LaunchedEmulator/stop()``.
    public func stop() { launched.stop() }

    /// The emulator's own output so far, for failure messages.
    public var log: String { launched.log }

    /// The environment a tool needs to reach this emulator as the API user.
    public var environment: [String: String] {
        ["CLOUDNS_API_URL": baseURL, "CLOUDNS_AUTH_ID": Self.authID, "CLOUDNS_AUTH_PASSWORD": password]
    }

    /// Credentials for ``CloudNSClient``, as the API user or any seeded identity.
    public func credentials(
        _ identity: CloudNSCredentials.Identity = .authID(authID), password: String? = nil
    ) -> CloudNSCredentials {
        CloudNSCredentials(identity: identity, password: Secret(password ?? self.password), source: "the test")
    }

    /// A client for this emulator with quick retries; `adjust` changes its options.
    public func client(
        _ identity: CloudNSCredentials.Identity = .authID(authID), password: String? = nil,
        adjust: (inout CloudNSClient.Options) -> Void = { _ in }
    ) throws -> CloudNSClient {
        var options = CloudNSClient.Options(apiURL: baseURL, userAgent: "infra-tests/1.0")
        options.retryPolicy = RetryPolicy(maxRetries: 3, initialBackoff: .milliseconds(5), maxBackoff: .milliseconds(20))
        options.maxRequestsPerSecond = 200
        options.rateLimitPause = .milliseconds(100)
        options.requestTimeout = .seconds(10)
        adjust(&options)
        return try CloudNSClient(credentials: credentials(identity, password: password), options: options)
    }

    // MARK: Control API

    /// Adds identities and zones; returns the new record ids per zone.
    @discardableResult
    public func seed(_ seed: Seed) async throws -> [String: [Int]] {
        let answer = try await post("/seed", JSONEncoder().encode(seed))
        let ids = answer["record_ids"] as? [String: [Any]] ?? [:]
        return ids.mapValues { $0.compactMap { ($0 as? NSNumber)?.intValue } }
    }

    /// Changes settings, such as `["rate_limit": ["per_second": 2]]` or `["empty_zone_list": "{}"]`.
    public func settings(_ settings: [String: any Sendable]) async throws {
        _ = try await post("/settings", JSONSerialization.data(withJSONObject: settings))
    }

    /// Queues a fault, such as `["method": "records", "kind": "http-error", "status": 502]`.
    public func addFault(_ fault: [String: any Sendable]) async throws {
        _ = try await post("/faults", JSONSerialization.data(withJSONObject: fault))
    }

    /// Drops every queued fault, consumed or not.
    public func clearFaults() async throws {
        _ = try await request(.delete, "/faults", body: nil)
    }

    /// Every CloudNS call so far, optionally of one method only.
    public func calls(_ method: String? = nil) async throws -> [Call] {
        let path = method.map { "/calls?method=\($0)" } ?? "/calls"
        let answer = try await request(.get, path, body: nil)
        return (answer["calls"] as? [[String: Any]] ?? []).map(Call.init)
    }

    /// Forgets the call log.
    public func clearCalls() async throws {
        _ = try await request(.delete, "/calls", body: nil)
    }

    /// The records `zone` holds now, as the emulator keeps them.
    public func records(in zone: String) async throws -> [Record] {
        let answer = try await request(.get, "/state", body: nil)
        let zones = answer["zones"] as? [[String: Any]] ?? []
        let records = zones.first { $0["name"] as? String == zone }?["records"] as? [[String: Any]] ?? []
        return records.map(Record.init)
    }

    private func post(_ path: String, _ body: Data) async throws -> [String: Any] {
        try await request(.post, path, body: body)
    }

    private func request(_ method: HTTPMethod, _ path: String, body: Data?) async throws -> [String: Any] {
        let parts = path.split(separator: "?", maxSplits: 1).map(String.init)
        var query = HTTPParameters()
        if parts.count == 2 {
            for pair in parts[1].split(separator: "&") {
                let field = pair.split(separator: "=", maxSplits: 1).map(String.init)
                query.append(field[0], field.count > 1 ? field[1] : "")
            }
        }
        let request = HTTPRequest(method, parts[0], query: query, body: body.map { .json($0) } ?? .empty)
        let response = try await control.sendRaw(request)
        guard let object = try JSONSerialization.jsonObject(with: response.body) as? [String: Any] else {
            throw Failure.control("\(method) \(path): not a JSON object")
        }
        return object
    }
}

extension EmulatorProcess {
    /// The body of `POST /_emulator/seed`.
    public struct Seed: Encodable, Sendable {
        public var identities: [Identity]
        public var zones: [Zone]

        public init(identities: [Identity] = [], zones: [Zone] = []) {
            self.identities = identities
            self.zones = zones
        }
    }

    public struct Identity: Encodable, Sendable {
        var authID: Int?
        var subAuthID: Int?
        var subAuthUser: String?
        var password: String
        var zones: [String]?

        public static func apiUser(_ id: String, password: String) -> Identity {
            Identity(authID: Int(id), password: password)
        }

        public static func subUser(id: Int, name: String, password: String, zones: [String]) -> Identity {
            Identity(subAuthID: id, subAuthUser: name, password: password, zones: zones)
        }

        enum CodingKeys: String, CodingKey {
            case authID = "auth_id", subAuthID = "sub_auth_id", subAuthUser = "sub_auth_user", password, zones
        }
    }

    public struct Zone: Encodable, Sendable {
        public var name: String
        public var type: String
        public var cloudMaster: String?
        public var records: [SeedRecord]

        public init(_ name: String, type: String = "master", cloudMaster: String? = nil, records: [SeedRecord] = []) {
            self.name = name
            self.type = type
            self.cloudMaster = cloudMaster
            self.records = records
        }

        enum CodingKeys: String, CodingKey {
            case name, type, records
            case cloudMaster = "cloud_master"
        }
    }

    public struct SeedRecord: Encodable, Sendable {
        public var type: String
        public var host: String
        public var record: String
        public var ttl: Int
        public var priority: Int?

        public init(_ host: String, _ type: String, _ record: String, ttl: Int = 3600, priority: Int? = nil) {
            self.host = host
            self.type = type
            self.record = record
            self.ttl = ttl
            self.priority = priority
        }
    }

    /// One entry of the call log.
    public struct Call: Sendable, Hashable {
        public var method: String
        public var httpMethod: String
        /// `GET query`, `POST query`, `POST form` or `POST JSON`.
        public var style: String
        /// `auth-id`, `sub-auth-user`, …, or `none`.
        public var identity: String
        /// `Success`, `Failed`, `data`, `blocked`, `fault` or `not-found`.
        public var result: String
        public var statusDescription: String?
        /// Parameters without identity and password.
        public var parameters: [String: String]

        init(_ entry: [String: Any]) {
            method = entry["method"] as? String ?? ""
            httpMethod = entry["http_method"] as? String ?? ""
            style = entry["style"] as? String ?? ""
            identity = entry["identity"] as? String ?? ""
            result = entry["result"] as? String ?? ""
            statusDescription = entry["status_description"] as? String
            parameters = (entry["params"] as? [String: Any] ?? [:]).mapValues { "\($0)" }
        }
    }

    /// A record as the emulator holds it.
    public struct Record: Sendable, Hashable {
        public var id: String
        public var host: String
        public var type: String
        public var record: String
        public var ttl: Int

        init(_ entry: [String: Any]) {
            id = entry["id"] as? String ?? ""
            host = entry["host"] as? String ?? ""
            type = entry["type"] as? String ?? ""
            record = entry["record"] as? String ?? ""
            ttl = Int(entry["ttl"] as? String ?? "") ?? 0
        }
    }
}
