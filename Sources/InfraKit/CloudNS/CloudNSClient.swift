import Foundation
import Synchronization

/// The CloudNS DNS API (`https://api.cloudns.net/dns/<method>.json`) on the shared ``APIClient``.
///
/// - Every call is a POST whose form body carries the parameters and the credentials, so the
///   password never appears in a URL; the ``Redactor`` scrubs it from every error and trace line.
/// - Every answer is checked for `"status":"Failed"` before anything is decoded. `Missing
///   domain-name` becomes ``CloudNSError/Kind/zoneNotFound(_:)`` (exit 65), refused credentials
///   exit 77, and `Request blocked … per second` (HTTP 200) blocks every request of the client for a
///   moment and retries, like HTTP 429.
/// - Requests are paced below CloudNS's 20 per second; reads are retried after 5xx answers and
///   lost connections, changes only when CloudNS provably did not act (see ``addRecord(_:in:)``).
/// - Lists page through everything, 100 rows at a time.
///
/// Methods are grouped by topic in extensions: zones and the zone finder, records, record sets,
/// propagation, ACME challenges, and applying a ``DNSZonePlan``.
public final class CloudNSClient: Sendable {
    public static let defaultAPIURL = "https://api.cloudns.net"
    /// The largest page CloudNS serves.
    public static let rowsPerPage = 100

    public struct Options: ConnectionOptions {
        /// `CLOUDNS_API_URL`; plain `http://` only for loopback addresses.
        public var apiURL: String
        /// `<tool>/<version>`.
        public var userAgent: String
        /// `--verbose` lines: one per HTTP attempt, redacted.
        public var trace: TraceSink?
        /// Things the user should know although nothing failed, such as a TTL rounded up.
        public var notice: (@Sendable (String) -> Void)?
        public var retryPolicy = RetryPolicy(maxRetries: 4, initialBackoff: .milliseconds(250), maxBackoff: .seconds(4))
        /// CloudNS blocks a source address sending 20 or more requests in a second.
        public var maxRequestsPerSecond = 15.0
        /// Pause of every request after a per-second "Request blocked" answer.
        public var rateLimitPause: Duration = .seconds(1)
        /// Pause after a per-minute "Request blocked" answer (600 requests a minute).
        public var minuteRateLimitPause: Duration = .seconds(15)
        public var connectTimeout: Duration = .seconds(10)
        public var requestTimeout: Duration = .seconds(60)
        public var extraCABundlePath: String?
        /// Replaces libcurl (tests).
        public var transport: (any HTTPTransport)?
        /// Time for propagation waits; tests inject a virtual one.
        public var clock: PollingClock = .continuous

        public init(apiURL: String = CloudNSClient.defaultAPIURL, userAgent: String = "infra") {
            self.apiURL = apiURL
            self.userAgent = userAgent
        }

        /// Options with the endpoint from `CLOUDNS_API_URL`, when set and not empty.
        public static func fromEnvironment(_ environment: [String: String], userAgent: String) -> Options {
            let url = environment[CloudNSCredentials.Variable.apiURL.name].flatMap { $0.isEmpty ? nil : $0 } ?? CloudNSClient.defaultAPIURL
            return Options(apiURL: url, userAgent: userAgent)
        }
    }

    /// Who the client calls as (never the password).
    public let identity: CloudNSCredentials.Identity
    let options: Options
    let api: APIClient
    let zoneCache = Mutex<[CloudNSZone]?>(nil)

    /// Throws a configuration error (78) for an unusable `apiURL` or CA bundle.
    public init(credentials: CloudNSCredentials, options: Options = Options()) throws(CloudNSError) {
        try Self.checkEndpoint(options.apiURL)
        identity = credentials.identity
        self.options = options
        var configuration = APIClient.Configuration(baseURL: options.apiURL, errorPrefix: "CloudNS API", options: options)
        configuration.authenticator = .formFields(
            HTTPParameters([(credentials.identity.parameterName, credentials.identity.value)]),
            secret: ["auth-password": credentials.password])
        configuration.maxRequestsPerSecond = options.maxRequestsPerSecond
        let pauses = CloudNSFailure.RateLimitPauses(
            perSecond: options.rateLimitPause, perMinute: options.minuteRateLimitPause)
        configuration.classifier = { response in CloudNSFailure.verdict(for: response, pauses: pauses) }
        do {
            api = try APIClient(configuration)
        } catch {
            throw CloudNSError(.configuration, error.message, exitStatus: .configuration)
        }
    }

    /// A client from the environment (and `--credentials FILE`): credentials as
    /// ``CloudNSCredentials/resolve(environment:credentialsFile:)`` finds them, endpoint from
    /// `CLOUDNS_API_URL`. Both kinds of failure are configuration errors (78).
    public static func fromEnvironment(
        _ environment: [String: String], credentialsFile: String? = nil, userAgent: String,
        adjust: (inout Options) -> Void = { _ in }
    ) throws(CloudNSError) -> CloudNSClient {
        let credentials: CloudNSCredentials
        do {
            credentials = try CloudNSCredentials.resolve(environment: environment, credentialsFile: credentialsFile)
        } catch {
            throw CloudNSError(.configuration, error.message, exitStatus: .configuration)
        }
        var options = Options.fromEnvironment(environment, userAgent: userAgent)
        adjust(&options)
        return try CloudNSClient(credentials: credentials, options: options)
    }

    // MARK: Calls

    /// Sends `method` with `parameters` and returns the body of a successful answer.
    /// `zone` names the zone for a "zone not found" error; `repeatable` allows retries after the
    /// server may have acted (reads, and changes that are harmless twice).
    func call(
        _ method: String, _ parameters: HTTPParameters = [:], zone: String? = nil, repeatable: Bool
    ) async throws(CloudNSError) -> Data {
        let request = HTTPRequest(.post, "/dns/\(method).json", body: .form(parameters), isRepeatable: repeatable)
        do {
            return try await api.sendRaw(request).body
        } catch {
            throw CloudNSError.from(error, zone: zone, identity: identity)
        }
    }

    /// Decodes an answer; anything but the expected JSON (a maintenance page, a cut-off body) is
    /// an unexpected answer (exit 69).
    func decode<Value: Decodable>(_ type: Value.Type, from body: Data, method: String) throws(CloudNSError) -> Value {
        do {
            return try JSONDecoder().decode(Value.self, from: body)
        } catch {
            let start = body.prefix(64).drop { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
            let isHTML = start.first == UInt8(ascii: "<")
            let what = isHTML ? "an HTML page instead of JSON" : DecodingFailure.describe(error)
            let excerpt = api.redactor.excerpt(of: body, maxBytes: 160)
            throw CloudNSError(
                .unexpectedAnswer,
                "CloudNS API: POST /dns/\(method).json: unexpected answer: \(what)" + (excerpt.isEmpty ? "" : "; body: \(excerpt)"),
                exitStatus: .unavailable, mayHaveTakenEffect: true)
        }
    }

    /// Tells the user a TTL was rounded up to one CloudNS accepts; returns the TTL to send.
    func acceptedTTL(for record: DNSRecord, in zone: String) -> Int {
        let ttl = CloudNSTTL.accepted(atLeast: record.ttl)
        if ttl != record.ttl {
            let name = DNSName.fqdn(host: record.host, zone: zone)
            options.notice?("TTL \(record.ttl) of \(name) \(record.type) is not one CloudNS accepts; using \(ttl)")
        }
        return ttl
    }

    private static func checkEndpoint(_ url: String) throws(CloudNSError) {
        if let problem = EndpointCheck.problem(url, example: defaultAPIURL) {
            throw CloudNSError(.configuration, "\(CloudNSCredentials.Variable.apiURL.name): \(problem)", exitStatus: .configuration)
        }
    }
}
