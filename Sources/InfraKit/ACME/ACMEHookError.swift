/// The hook's own failures (CloudNS and DNS failures arrive as ``CloudNSError`` and
/// ``DNSLookupError``): one line each, with the exit status the man page documents.
public struct ACMEHookError: ClassifiedError, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// The record was not served everywhere before `ACME_CLOUDNS_PROPAGATION_TIMEOUT`.
        case notServed
        /// No DNS server to check the record at.
        case noDNSServer
    }

    public let kind: Kind
    public let message: String
    public let exitStatus: ExitStatus

    public init(_ kind: Kind, _ message: String, exitStatus: ExitStatus) {
        self.kind = kind
        self.message = message
        self.exitStatus = exitStatus
    }

    public var description: String { message }
}
