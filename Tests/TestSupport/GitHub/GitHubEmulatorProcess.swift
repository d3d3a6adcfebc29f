import Foundation
import InfraKit

/// The GitHub API emulator (`Tests/Emulators/github/emulator.py`) running on free ports of
/// 127.0.0.1 for one test, over TLS so that the real gh reaches it through `GH_HOST` (see the
/// emulator's README), with helpers for its control API. ``stop()`` it at the end (deinit does too).
public final class GitHubEmulatorProcess: Sendable {
    public enum Failure: Error, CustomStringConvertible {
        case didNotStart(String)
        case control(String)

        public var description: String {
            switch self {
            case .didNotStart(let log): "the GitHub emulator did not start; its output:\n\(log)"
            case .control(let message): "emulator control API: \(message)"
            }
        }
    }

    /// The token every test seeds; it must never appear in any output.
    public static let token = "ghp_tokencanary7Qz"

    public let port: Int
    /// What the emulator's `--env-file` holds: `GH_HOST`, `SSL_CERT_FILE`, `GH_CONFIG_DIR`, ….
    public let ghEnvironment: [String: String]
    private let launched: LaunchedEmulator
    /// Holds the env file, the CA and gh's empty config directory.
    private let work: ScratchDirectory
    private let control: APIClient

    /// The emulator script, found from this file's place in the repository.
    public static var scriptPath: String { LaunchedEmulator.script("github/emulator.py") }

    /// Whether the real gh is installed (the tests that run it need it).
    public static var ghIsAvailable: Bool {
        ["/usr/bin/gh", "/usr/local/bin/gh"].contains { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Starts the emulator with `arguments` added to its command line (`--latency-ms 40`, …).
    public static func start(_ arguments: [String] = []) async throws -> GitHubEmulatorProcess {
        let work = try ScratchDirectory()
        let envFile = work.url.appendingPathComponent("gh.env").path
        let launched = try await LaunchedEmulator.start(
            script: scriptPath,
            arguments: ["--tls", "--env-file", envFile, "--work-dir", work.url.appendingPathComponent("emulator").path]
                + arguments)
        guard let port = launched.port else {
            launched.stop()
            throw Failure.didNotStart(launched.log)
        }
        let environment = parseEnvironmentFile((try? String(contentsOfFile: envFile, encoding: .utf8)) ?? "")
        let emulator = try GitHubEmulatorProcess(launched, port: port, environment: environment, work: work)
        do {
            _ = try await emulator.request(.get, "/health", body: nil)
        } catch {
            emulator.stop()
            throw error
        }
        return emulator
    }

    private init(_ launched: LaunchedEmulator, port: Int, environment: [String: String], work: ScratchDirectory) throws {
        self.launched = launched
        self.port = port
        self.ghEnvironment = environment
        self.work = work
        control = try launched.controlClient()
    }

    deinit { stop() }

    /// Ends the emulator (SIGTERM, SIGKILL two seconds later); returns at once.
    public func stop() {
        launched.stop()
    }

    /// The emulator's own output so far, for failure messages.
    public var log: String { launched.log }

    /// What gh needs to reach the emulator as the seeded user: the env file plus the token.
    public var environment: [String: String] {
        ghEnvironment.merging(["GH_ENTERPRISE_TOKEN": Self.token]) { _, token in token }
    }

    /// `NAME=value` lines, values possibly single-quoted as a POSIX shell reads them.
    static func parseEnvironmentFile(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        for line in text.split(whereSeparator: \.isNewline) {
            guard let equals = line.firstIndex(of: "=") else { continue }
            var value = String(line[line.index(after: equals)...])
            if value.count >= 2, value.hasPrefix("'"), value.hasSuffix("'") {
                value = String(value.dropFirst().dropLast()).replacing("'\\''", with: "'")
            }
            result[String(line[..<equals])] = value
        }
        return result
    }

    // MARK: Control API

    /// `POST /_emulator/seed` with a seed document in JSON (see the emulator's README). The seeded
    /// token (``token``: classic, every repository, every org) is added unless the document has tokens.
    public func seed(_ json: String) async throws {
        guard var document = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else {
            throw Failure.control("the seed is not a JSON object")
        }
        if document["tokens"] == nil {
            document["tokens"] = [["token": Self.token, "login": "octocat", "id": 1, "kind": "classic", "scopes": ["repo", "read:org"]]]
        }
        _ = try await request(.post, "/seed", body: JSONSerialization.data(withJSONObject: document))
    }

    /// Changes settings, such as `{"latency_ms": 40}`.
    public func settings(_ json: String) async throws {
        _ = try await request(.post, "/settings", body: Data(json.utf8))
    }

    /// Queues a fault, such as `{"kind": "rate-limit-secondary", "path": "/repos/*", "retry_after": 1}`.
    public func addFault(_ json: String) async throws {
        _ = try await request(.post, "/faults", body: Data(json.utf8))
    }

    /// Drops every queued fault, consumed or not.
    public func clearFaults() async throws {
        _ = try await request(.delete, "/faults", body: nil)
    }

    /// The API calls so far (control calls excluded).
    public func calls() async throws -> [Call] {
        let answer = try await request(.get, "/calls", body: nil)
        return (answer["calls"] as? [[String: Any]] ?? []).map(Call.init)
    }

    private func request(_ method: HTTPMethod, _ path: String, body: Data?) async throws -> [String: Any] {
        let response = try await control.sendRaw(HTTPRequest(method, path, body: body.map { .json($0) } ?? .empty))
        guard let object = try JSONSerialization.jsonObject(with: response.body) as? [String: Any] else {
            throw Failure.control("\(method) \(path): not a JSON object")
        }
        if let error = object["error"] as? String { throw Failure.control("\(method) \(path): \(error)") }
        return object
    }

    /// One entry of the call log.
    public struct Call: Sendable, Hashable {
        public var seq: Int
        public var method: String
        /// Without the `/api/v3` prefix and the query.
        public var path: String
        /// Query parameters, each with its values.
        public var query: [String: [String]]
        /// `repo_alerts`, `org_alerts`, `user`, …
        public var endpoint: String
        public var status: Int?
        public var fault: String?

        init(_ entry: [String: Any]) {
            seq = entry["seq"] as? Int ?? 0
            method = entry["method"] as? String ?? ""
            path = entry["path"] as? String ?? ""
            endpoint = entry["endpoint"] as? String ?? ""
            status = entry["status"] as? Int
            fault = entry["fault"] as? String
            var query: [String: [String]] = [:]
            if let given = entry["query"] as? [String: Any] {
                for (name, value) in given {
                    query[name] = (value as? [Any])?.map { "\($0)" } ?? ["\(value)"]
                }
            } else if let text = entry["query"] as? String {
                for pair in text.split(separator: "&") {
                    let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                    query[parts[0], default: []].append(parts.count > 1 ? parts[1] : "")
                }
            }
            self.query = query
        }
    }
}
