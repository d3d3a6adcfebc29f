import Foundation

/// Sends one HTTP exchange; ``APIClient`` adds retries, authentication and error text on top.
///
/// ``CurlTransport`` is the real one; tests may supply their own.
public protocol HTTPTransport: Sendable {
    /// Performs a single attempt and returns whatever status the server answered.
    ///
    /// Implementations must end promptly (within about 100 ms) with ``TransportError/Kind/cancelled``
    /// when the calling task is cancelled, and must not block the Swift concurrency pool.
    func execute(_ request: TransportRequest) async throws(TransportError) -> HTTPResponse
}

/// A fully resolved request as a transport sees it: absolute URL, final headers, encoded body.
public struct TransportRequest: Sendable {
    public var method: HTTPMethod
    public var url: String
    public var headers: HTTPHeaders
    /// Nil when the request has no body.
    public var body: Data?
    public var connectTimeout: Duration
    /// Upper bound for the whole exchange, connection included.
    public var timeout: Duration

    public init(
        method: HTTPMethod, url: String, headers: HTTPHeaders, body: Data?, connectTimeout: Duration,
        timeout: Duration
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.connectTimeout = connectTimeout
        self.timeout = timeout
    }
}

/// Why an exchange produced no HTTP response.
public struct TransportError: Error, Sendable, Equatable {
    public enum Kind: Sendable, Equatable, CustomStringConvertible {
        case cannotResolve
        case cannotConnect
        case timedOut
        /// Reset, closed or broken before the response was complete.
        case connectionLost
        case tls
        case cancelled
        case other

        public var description: String {
            switch self {
            case .cannotResolve: "cannot resolve host"
            case .cannotConnect: "cannot connect"
            case .timedOut: "timed out"
            case .connectionLost: "connection lost"
            case .tls: "TLS failure"
            case .cancelled: "cancelled"
            case .other: "transfer failed"
            }
        }

        /// Failures that a later attempt may not meet: network trouble, not TLS failures or bugs.
        var isTransient: Bool {
            switch self {
            case .cannotResolve, .cannotConnect, .timedOut, .connectionLost: true
            case .tls, .cancelled, .other: false
            }
        }
    }

    public var kind: Kind
    /// Detail from the transport; may name the host, never a credential once the client has redacted it.
    public var message: String
    /// False only when the request provably never left this machine (no byte of it was written to a
    /// connection), which makes even a POST safe to send again.
    public var mayHaveReachedServer: Bool

    public init(_ kind: Kind, _ message: String, mayHaveReachedServer: Bool) {
        self.kind = kind
        self.message = message
        self.mayHaveReachedServer = mayHaveReachedServer
    }
}

/// A transport could not be set up (for example, an unreadable CA bundle).
public struct TransportSetupError: ClassifiedError, Sendable, CustomStringConvertible {
    public let message: String
    public var exitStatus: ExitStatus { .configuration }
    public var description: String { message }

    public init(_ message: String) { self.message = message }
}
