/// Why a DNS question got no usable answer, in one line naming the server.
public struct DNSLookupError: ClassifiedError, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// No answer before the deadline.
        case timeout
        /// The server's port is closed (ICMP port unreachable).
        case refused
        /// Socket or address trouble: no route, an unknown host name, …
        case network
        /// An answer that is not a well-formed DNS response.
        case malformed
        /// A well-formed answer that proves nothing: SERVFAIL, REFUSED, NOTIMP, …
        case serverFailure
        /// The question itself cannot be sent.
        case invalidName
        /// A server address that cannot be read (`ACME_CLOUDNS_DNS_SERVERS`, resolv.conf).
        case invalidAddress
        case cancelled
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var exitStatus: ExitStatus {
        switch kind {
        case .invalidAddress: .configuration
        case .invalidName: .dataError
        case .timeout, .cancelled: .temporaryFailure
        case .refused, .network, .malformed, .serverFailure: .unavailable
        }
    }

    public var description: String { message }

    /// The same failure with `server` in front of the message.
    func at(_ server: DNSServerAddress) -> DNSLookupError {
        DNSLookupError(kind, "\(server): \(message)")
    }
}
