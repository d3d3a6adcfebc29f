/// Why a CloudNS operation failed, as one line without secrets, with the exit status it deserves.
///
/// | kind | exit |
/// |---|---|
/// | `zoneNotFound`, `noZoneForName` (also a zone not assigned to a sub-user) | 65 |
/// | `authentication` (CloudNS refused the credentials) | 77 |
/// | `rejected` (another `"status":"Failed"` answer) | 65 for refused input, 69 otherwise |
/// | `rateLimited` (still blocked after every retry, or an hourly block) | 75 |
/// | `service` (HTTP or network failure) | as ``APIError``: 69 down, 75 flaky |
/// | `unexpectedAnswer` (not JSON, wrong shape: a maintenance page) | 69 |
/// | `propagationTimeout` | 1 |
/// | `configuration` (a bad `CLOUDNS_API_URL`) | 78 |
/// | `invalidInput` (a record the client will not send) | 65 |
public struct CloudNSError: ClassifiedError, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// The zone does not exist in the account, or a sub-user may not see it.
        case zoneNotFound(String)
        /// No zone of the account holds this name.
        case noZoneForName(String)
        case authentication
        case rejected
        case rateLimited
        case service
        case unexpectedAnswer
        case propagationTimeout
        case configuration
        case invalidInput
    }

    public let kind: Kind
    public let message: String
    public let exitStatus: ExitStatus
    /// For a change (add, modify, delete): true when the answer was lost after CloudNS may have
    /// acted on it, so the change may have been made although the call failed.
    public let mayHaveTakenEffect: Bool
    /// CloudNS's `statusDescription`, for `"status":"Failed"` answers.
    public let statusDescription: String?

    public init(
        _ kind: Kind, _ message: String, exitStatus: ExitStatus, mayHaveTakenEffect: Bool = false,
        statusDescription: String? = nil
    ) {
        self.kind = kind
        self.message = message
        self.exitStatus = exitStatus
        self.mayHaveTakenEffect = mayHaveTakenEffect
        self.statusDescription = statusDescription
    }

    public var description: String { message }

    public var isZoneNotFound: Bool {
        switch kind {
        case .zoneNotFound, .noZoneForName: true
        default: false
        }
    }

    static func zoneNotFound(_ zone: String, identity: CloudNSCredentials.Identity) -> CloudNSError {
        let hint = identity.isSubUser ? " or is not assigned to \(identity)" : ""
        return CloudNSError(
            .zoneNotFound(zone), "CloudNS: zone \(zone) does not exist in the account\(hint)",
            exitStatus: .dataError, statusDescription: CloudNSFailure.missingZone)
    }

    static func invalidInput(_ message: String) -> CloudNSError {
        CloudNSError(.invalidInput, "CloudNS: \(message)", exitStatus: .dataError)
    }

    /// An ``APIError`` from the shared client, re-read with CloudNS's conventions.
    static func from(_ error: APIError, zone: String?, identity: CloudNSCredentials.Identity) -> CloudNSError {
        switch error.reason {
        case .rejected(let description, let exitStatus):
            if description == CloudNSFailure.missingZone, let zone {
                return zoneNotFound(zone, identity: identity)
            }
            let kind: Kind
            switch exitStatus {
            case .noPermission: kind = .authentication
            case .temporaryFailure: kind = .rateLimited
            default: kind = .rejected
            }
            return CloudNSError(kind, error.message, exitStatus: exitStatus, statusDescription: description)
        case .rateLimited:
            return CloudNSError(.rateLimited, error.message, exitStatus: .temporaryFailure)
        case .decoding:
            return CloudNSError(.unexpectedAnswer, error.message, exitStatus: .unavailable, mayHaveTakenEffect: true)
        case .http(let status, _):
            let hint = status == 404 ? " (is CLOUDNS_API_URL right?)" : ""
            return CloudNSError(
                .service, error.message + hint, exitStatus: error.exitStatus, mayHaveTakenEffect: status >= 500)
        case .transport(let kind, _):
            let reachedServer = kind == .connectionLost || kind == .timedOut || kind == .other
            return CloudNSError(.service, error.message, exitStatus: error.exitStatus, mayHaveTakenEffect: reachedServer)
        case .deadlineExceeded, .cancelled:
            return CloudNSError(.service, error.message, exitStatus: error.exitStatus, mayHaveTakenEffect: true)
        case .invalidRequest:
            return CloudNSError(.service, error.message, exitStatus: error.exitStatus)
        }
    }
}
