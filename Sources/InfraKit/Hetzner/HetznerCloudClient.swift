import Foundation
import Synchronization

/// The Hetzner Cloud API (`https://api.hetzner.cloud/v1`) on the shared ``APIClient``.
///
/// - `Authorization: Bearer <token>`; the ``Redactor`` scrubs the token (and any PEM private key) from
///   every error and trace line.
/// - Errors arrive as ``HetznerCloudError`` read from the `{"error": {code, message, details}}` envelope.
/// - Retries: `rate_limit_exceeded` waits for the next token of the budget and retries any method;
///   `conflict` retries any method; `timeout`, `unavailable`, 502/503/504 and network faults retry reads
///   only (a POST that may have been acted on is not sent twice). `locked` waits for the resource's
///   running action, then sends again. See ``HetznerCloudFailure`` and ``HetznerCloudRateLimit``.
/// - Once `RateLimit-Remaining` runs low, requests are spaced at the budget's refill rate.
/// - Lists follow `meta.pagination.next_page` to the end, 50 per page.
/// - Every mutation waits for its action; see ``waitForAction(_:)``.
///
/// Methods are grouped by topic in extensions: actions, servers and images, load balancers and their
/// actions, and the catalogue (types, locations, networks, certificates).
public final class HetznerCloudClient: Sendable {
    public static let defaultEndpoint = "https://api.hetzner.cloud/v1"
    /// The largest page the API serves.
    public static let perPage = 50

    public struct Options: ConnectionOptions {
        /// Such as `https://api.hetzner.cloud/v1`; plain `http://` only for loopback addresses.
        public var endpoint: String
        public var token: Secret
        /// `<tool>/<version>`.
        public var userAgent: String
        /// `--verbose` lines: one per HTTP attempt, redacted.
        public var trace: TraceSink?
        /// Progress of long waits and rate-limit slowdowns, for stderr.
        public var notice: (@Sendable (String) -> Void)?
        /// Six attempts, like hcloud-go; backoff from 500 ms to 8 s.
        public var retryPolicy = RetryPolicy(maxRetries: 5, initialBackoff: .milliseconds(500), maxBackoff: .seconds(8))
        public var connectTimeout: Duration = .seconds(10)
        public var requestTimeout: Duration = .seconds(60)
        public var extraCABundlePath: String?
        /// Replaces libcurl (tests).
        public var transport: (any HTTPTransport)?
        /// Time for action polls; tests inject a virtual one.
        public var clock: PollingClock = .continuous
        public var actionPolling = HetznerActionPolling()

        public init(token: Secret, endpoint: String = HetznerCloudClient.defaultEndpoint, userAgent: String = "infra") {
            self.token = token
            self.endpoint = endpoint
            self.userAgent = userAgent
        }
    }

    let options: Options
    let api: APIClient

    /// Throws a configuration error (78) for an unusable endpoint, an empty token or a bad CA bundle.
    public init(options: Options) throws(HetznerCloudError) {
        if let problem = EndpointCheck.problem(options.endpoint, example: Self.defaultEndpoint) {
            throw HetznerCloudError(.configuration, "hcloud API endpoint: \(problem)", exitStatus: .configuration)
        }
        guard !options.token.isEmpty else {
            throw HetznerCloudError(.configuration, "hcloud API: the token is empty", exitStatus: .configuration)
        }
        self.options = options
        var configuration = APIClient.Configuration(baseURL: options.endpoint, errorPrefix: "hcloud API", options: options)
        configuration.authenticator = .bearer(options.token)
        let notice = options.notice
        let lastNotice = RateLimitNotice()
        configuration.failureClassifier = { response in
            let verdict = HetznerCloudFailure.verdict(for: response)
            if case .rateLimited(let wait) = verdict, let notice, lastNotice.shouldTell() {
                notice("hcloud API: rate limit reached; waiting \(APIError.format(wait ?? RetryAfter.fallback)) for the next request")
            }
            return verdict
        }
        configuration.pacer = { response in
            let pause = HetznerCloudRateLimit.pause(after: response)
            if let pause, let notice, lastNotice.shouldTell() {
                let remaining = response.headers["RateLimit-Remaining"] ?? "?"
                notice("hcloud API: \(remaining) requests left in the rate limit; slowing to one every \(APIError.format(pause))")
            }
            return pause
        }
        do {
            api = try APIClient(configuration)
        } catch {
            throw HetznerCloudError(.configuration, error.message, exitStatus: .configuration)
        }
    }

    // MARK: Calls

    /// Sends `request` and decodes the object under `root` (`server`, `load_balancer`, …); a nil root
    /// decodes the whole body.
    func send<Value: Decodable>(
        _ request: HTTPRequest, root: String?, as type: Value.Type, scrub: Redactor? = nil
    ) async throws(HetznerCloudError) -> Value {
        let body = try await sendRaw(request, scrub: scrub).body
        return try decode(Value.self, from: body, root: root, request: request)
    }

    /// Sends `request` and decodes the object wrapped as `{"<root>": {...}}`.
    func object<Value: Decodable>(
        _ request: HTTPRequest, root: String, as type: Value.Type
    ) async throws(HetznerCloudError) -> Value {
        try await send(request, root: root, as: HetznerCloudWire.Single<Value>.self).item
    }

    func sendRaw(_ request: HTTPRequest, scrub: Redactor? = nil) async throws(HetznerCloudError) -> HTTPResponse {
        do {
            return try await api.sendRaw(request)
        } catch {
            throw HetznerCloudError.from(error, scrub: scrub)
        }
    }

    func decode<Value: Decodable>(
        _ type: Value.Type, from body: Data, root: String?, request: HTTPRequest
    ) throws(HetznerCloudError) -> Value {
        let decoder = JSONDecoder()
        if let root { decoder.userInfo[HetznerCloudWire.rootKey] = root }
        do {
            return try decoder.decode(Value.self, from: body)
        } catch {
            let excerpt = api.redactor.excerpt(of: body, maxBytes: 160)
            throw HetznerCloudError(
                .unexpectedAnswer,
                "hcloud API: \(request.method) \(request.path): unexpected answer: \(DecodingFailure.describe(error))"
                    + (excerpt.isEmpty ? "" : "; body: \(excerpt)"),
                exitStatus: .unavailable)
        }
    }

    /// Every item of a list endpoint: `per_page=50`, following `meta.pagination.next_page` to the end.
    func listAll<Item: Decodable>(
        _ path: String, root: String, query: HTTPParameters = [:], as type: Item.Type
    ) async throws(HetznerCloudError) -> [Item] {
        var items: [Item] = []
        var page = 1
        while true {
            var parameters = query
            parameters.append("page", String(page))
            parameters.append("per_page", String(Self.perPage))
            let request = HTTPRequest(.get, path, query: parameters)
            let answer = try await send(request, root: root, as: HetznerCloudWire.Page<Item>.self)
            items += answer.items
            // A next page that does not move forward would loop for ever.
            guard let next = answer.nextPage, next > page else { return items }
            page = next
        }
    }

    /// `?name=<name>` and `label_selector`, as the list endpoints take them.
    static func filters(name: String? = nil, labelSelector: String? = nil) -> HTTPParameters {
        var query = HTTPParameters()
        if let name { query.append("name", name) }
        if let labelSelector { query.append("label_selector", labelSelector) }
        return query
    }

    static func jsonBody(_ value: some Encodable) -> HTTPBody {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        // Encoding plain structs of strings and numbers cannot fail.
        return (try? HTTPBody.json(encoding: value, encoder: encoder)) ?? .json(Data("{}".utf8))
    }
}

/// Tells about rate-limit slowdowns at most once a minute.
final class RateLimitNotice: Sendable {
    private let last = Mutex<ContinuousClock.Instant?>(nil)

    func shouldTell() -> Bool {
        let now = ContinuousClock.now
        return last.withLock { last in
            if let previous = last, now - previous < .seconds(60) { return false }
            last = now
            return true
        }
    }
}
