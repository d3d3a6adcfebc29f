import Foundation

/// The HTTP client every provider (CloudNS, Hetzner Cloud, Hetzner Robot) talks through: one instance
/// per provider, holding its base URL, credentials, retry policy and rate-limit state.
///
/// Each call makes up to `retryPolicy.attempts` attempts. Per attempt the client waits out the
/// client-wide blocked window (and its pacing slot), adds the credentials, sends, and then:
/// - **2xx**: runs the ``ResponseClassifier`` if there is one, else returns the response;
/// - **429** (or a `rateLimited` verdict): blocks *every* request of this client for `Retry-After`
///   (seconds or HTTP-date; 1 s when missing or unreadable) and tries again;
/// - **5xx, refused or reset connections, timeouts, DNS failures**: waits the jittered backoff of the
///   ``RetryPolicy`` and tries again;
/// - **other statuses, TLS failures**: fails at once. Redirects are not followed: a 3xx is a failure.
///
/// A provider's ``FailureClassifier`` may overrule this for non-2xx answers whose body says more (a
/// 409 `conflict` that proves nothing was done is retried like a rate limit refusal, for every
/// method), and its ``ResponsePacer`` may hold back the client's next request after any answer (a
/// rate-limit budget running low).
///
/// After the last attempt the last failure is thrown; an HTTP failure carries its whole body, redacted,
/// in ``APIError/responseBody``.
///
/// **Repeating non-idempotent requests.** GET, HEAD, PUT, DELETE and OPTIONS are retried as above.
/// A POST or PATCH is retried only when the server provably never saw it — the connection was refused,
/// the host did not resolve, or no byte of the request had been written when the attempt failed (a
/// connect timeout) — or when the request is marked ``HTTPRequest/isRepeatable``. A 5xx answer or a
/// connection lost after sending therefore ends a plain POST. Rate-limit refusals (429, `rateLimited`)
/// are the exception: the server declares it did not act, so they are retried for every method.
///
/// **Cancellation.** Cancelling the calling task, or reaching `overallTimeout`, ends backoff waits and
/// transfers in flight within milliseconds.
public final class APIClient: Sendable {
    public struct Configuration: Sendable {
        /// Such as `https://api.hetzner.cloud/v1`; request paths are appended to it.
        public var baseURL: String
        /// Starts every error message, such as `hcloud API`.
        public var errorPrefix: String
        /// Sent as `User-Agent`, normally `<tool>/<version>`.
        public var userAgent: String
        public var authenticator: RequestAuthenticator = .none
        public var retryPolicy: RetryPolicy = .default
        public var connectTimeout: Duration = .seconds(10)
        /// Limit for one attempt, connection included.
        public var requestTimeout: Duration = .seconds(60)
        /// Limit for a whole call: every attempt and every wait. Nil means none.
        public var overallTimeout: Duration?
        /// Client-wide pacing (CloudNS allows fewer than 20 requests per second). Nil means none.
        public var maxRequestsPerSecond: Double?
        /// A PEM file trusted in addition to the system store; see ``ExtraCABundle``.
        public var extraCABundlePath: String?
        /// Receives one redacted line per attempt (`--verbose`).
        public var trace: TraceSink?
        /// Lets the provider turn a 2xx answer into a rate limit or a failure.
        public var classifier: ResponseClassifier?
        /// Lets the provider decide from a non-2xx answer's body whether to retry, wait or fail.
        public var failureClassifier: FailureClassifier?
        /// Reads a pause before the next request from every answer (rate-limit budget headers).
        public var pacer: ResponsePacer?
        /// Replaces libcurl (tests). When set, `extraCABundlePath` is the transport's business.
        public var transport: (any HTTPTransport)?

        public init(baseURL: String, errorPrefix: String, userAgent: String) {
            self.baseURL = baseURL
            self.errorPrefix = errorPrefix
            self.userAgent = userAgent
        }

        /// `User-Agent` value naming the tool and its version.
        public static func userAgent(tool: String, version: String) -> String {
            "\(tool)/\(version)"
        }
    }

    public let configuration: Configuration
    let transport: any HTTPTransport
    let redactor: Redactor
    let gate: RequestGate

    /// Fails only when the default libcurl transport cannot be set up (unreadable CA bundle).
    public init(_ configuration: Configuration) throws(TransportSetupError) {
        self.configuration = configuration
        if let transport = configuration.transport {
            self.transport = transport
        } else {
            self.transport = try CurlTransport(extraCABundlePath: configuration.extraCABundlePath)
        }
        redactor = Redactor(secrets: configuration.authenticator.secrets)
        gate = RequestGate(maxRequestsPerSecond: configuration.maxRequestsPerSecond)
    }

    /// Sends `request` and decodes a successful JSON body as `Value`.
    public func send<Value: Decodable>(
        _ request: HTTPRequest, as type: Value.Type = Value.self, decoder: JSONDecoder = JSONDecoder()
    ) async throws(APIError) -> Value {
        let exchange = try await perform(request)
        do {
            return try decoder.decode(Value.self, from: exchange.response.body)
        } catch {
            var detail = DecodingFailure.describe(error)
            let body = redactor.excerpt(of: exchange.response.body)
            if !body.isEmpty { detail += "; body: " + body }
            throw exchange.failure(.decoding(redactor.redact(detail)))
        }
    }

    /// Sends `request` and returns the successful response as it came, undecoded.
    public func sendRaw(_ request: HTTPRequest) async throws(APIError) -> HTTPResponse {
        try await perform(request).response
    }
}

/// Short descriptions of decoding errors, without the values they saw.
enum DecodingFailure {
    static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(type(of: error))" }
        switch error {
        case .typeMismatch(let type, let context):
            return "expected \(type) at \(path(context.codingPath))"
        case .valueNotFound(let type, let context):
            return "missing \(type) at \(path(context.codingPath))"
        case .keyNotFound(let key, let context):
            return "missing key \"\(key.stringValue)\" at \(path(context.codingPath))"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "not valid JSON" : "invalid value at \(path(context.codingPath))"
        @unknown default:
            return "invalid data"
        }
    }

    private static func path(_ codingPath: [any CodingKey]) -> String {
        let path = codingPath.map { key in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }.joined()
        return path.isEmpty ? "top level" : String(path.drop { $0 == "." })
    }
}
