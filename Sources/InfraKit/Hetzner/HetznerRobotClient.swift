/// The Hetzner Robot webservice (`https://robot-ws.your-server.de`) on the shared ``APIClient``:
/// dedicated servers.
///
/// - HTTP Basic authentication with the webservice user; the ``Redactor`` scrubs the password (and
///   its base64 form) from every error and trace line.
/// - No pagination: lists come whole, each item wrapped as `{"server": {...}}`.
/// - An account without servers answers 404 `SERVER_NOT_FOUND` to the list: that is an empty list.
/// - The rate limit (per endpoint group and hour) answers 403 `RATE_LIMIT_EXCEEDED`; it is not
///   retried (the window is an hour) but thrown as `rateLimited` (75) saying how long to wait.
/// - Reads are retried after 5xx answers and network faults.
public final class HetznerRobotClient: Sendable {
    public static let defaultEndpoint = "https://robot-ws.your-server.de"

    public struct Options: ConnectionOptions {
        /// Plain `http://` only for loopback addresses.
        public var endpoint: String
        /// The webservice user (not the Robot login).
        public var user: String
        public var password: Secret
        /// `<tool>/<version>`.
        public var userAgent: String
        /// `--verbose` lines: one per HTTP attempt, redacted.
        public var trace: TraceSink?
        public var retryPolicy = RetryPolicy(maxRetries: 2, initialBackoff: .milliseconds(500), maxBackoff: .seconds(4))
        public var connectTimeout: Duration = .seconds(10)
        public var requestTimeout: Duration = .seconds(60)
        public var extraCABundlePath: String?
        /// Replaces libcurl (tests).
        public var transport: (any HTTPTransport)?

        public init(
            user: String, password: Secret, endpoint: String = HetznerRobotClient.defaultEndpoint,
            userAgent: String = "infra"
        ) {
            self.user = user
            self.password = password
            self.endpoint = endpoint
            self.userAgent = userAgent
        }
    }

    let api: APIClient

    /// Throws a configuration error (78) for an unusable endpoint, empty credentials or a bad CA bundle.
    public init(options: Options) throws(HetznerRobotError) {
        if let problem = EndpointCheck.problem(options.endpoint, example: Self.defaultEndpoint) {
            throw HetznerRobotError(.configuration, "Robot API endpoint: \(problem)", exitStatus: .configuration)
        }
        guard !options.user.isEmpty, !options.password.isEmpty else {
            throw HetznerRobotError(.configuration, "Robot API: the user or the password is empty", exitStatus: .configuration)
        }
        var configuration = APIClient.Configuration(baseURL: options.endpoint, errorPrefix: "Robot API", options: options)
        configuration.authenticator = .basic(user: options.user, password: options.password)
        // Robot's rate limit is a 403 with no header; retrying within the hour is pointless.
        configuration.failureClassifier = { response in response.status == 403 ? .fail : nil }
        do {
            api = try APIClient(configuration)
        } catch {
            throw HetznerRobotError(.configuration, error.message, exitStatus: .configuration)
        }
    }

    /// Every dedicated server of the account; none is an empty list.
    public func servers() async throws(HetznerRobotError) -> [HetznerRobotServer] {
        do {
            return try await get("/server", as: [HetznerRobotServerRoot].self).map(\.server)
        } catch {
            if error.code == "SERVER_NOT_FOUND" { return [] }
            throw error
        }
    }

    /// `GET /server/{number}` with the detail flags; an unknown number is `notFound` (65).
    public func server(number: Int) async throws(HetznerRobotError) -> HetznerRobotServer {
        try await get("/server/\(number)", as: HetznerRobotServerRoot.self).server
    }

    /// The server whose main IPv4 or one of whose single IPv4 addresses is `ip`, or nil. Looks it up
    /// in the list: addressing servers by IP in the path is deprecated by Hetzner.
    public func server(ip: String) async throws(HetznerRobotError) -> HetznerRobotServer? {
        try await servers().first { $0.owns(ip: ip) }
    }

    private func get<Value: Decodable>(_ path: String, as type: Value.Type) async throws(HetznerRobotError) -> Value {
        do {
            return try await api.send(HTTPRequest(.get, path), as: Value.self)
        } catch {
            throw HetznerRobotError.from(error)
        }
    }
}
