import Foundation

/// Why an ``APIClient`` call failed, as one redacted line: `<prefix>: <METHOD> <path>: <what>`.
///
/// Exit statuses (sysexits):
/// - 401 and 403 → `.noPermission` (77); other 4xx and 3xx → `.dataError` (65); an undecodable body → 65.
/// - The service is down or unreachable — 5xx, refused connection, unknown host, TLS failure →
///   `.unavailable` (69): retrying soon will not help, someone must look.
/// - The service is busy or flaky — 429 or a rate-limit verdict, a timeout, a connection lost half way,
///   the overall deadline, a cancelled call → `.temporaryFailure` (75): the same command may succeed later.
/// - A request the program itself built wrongly → `.software` (70).
public struct APIError: ClassifiedError, Sendable, CustomStringConvertible, CustomDebugStringConvertible,
    LocalizedError
{
    public enum Reason: Sendable, Equatable {
        /// A non-2xx status; `body` is the first 256 bytes at most, redacted, on one line.
        case http(status: Int, body: String)
        case transport(TransportError.Kind, detail: String)
        /// The response classifier said the server refused.
        case rejected(message: String, exitStatus: ExitStatus)
        /// The response classifier kept reporting rate limiting until the attempts ran out.
        case rateLimited
        case decoding(String)
        case invalidRequest(String)
        case cancelled
        case deadlineExceeded(Duration)
    }

    /// The client's error prefix, such as `hcloud API`.
    public let prefix: String
    public let method: HTTPMethod
    /// URL path and query of the request, redacted.
    public let target: String
    public let reason: Reason
    /// Attempts made, the failing one included.
    public let attempts: Int
    /// For an HTTP failure: the whole body of the answer (at most 16 KiB), redacted, so a provider can
    /// read its error envelope beyond the excerpt in `reason`.
    public let responseBody: String?

    public init(
        prefix: String, method: HTTPMethod, target: String, reason: Reason, attempts: Int, responseBody: String? = nil
    ) {
        self.prefix = prefix
        self.method = method
        self.target = target
        self.reason = reason
        self.attempts = attempts
        self.responseBody = responseBody
    }

    /// The HTTP status, when the failure was one.
    public var status: Int? {
        if case .http(let status, _) = reason { status } else { nil }
    }

    public var isCancellation: Bool { reason == .cancelled }

    public var exitStatus: ExitStatus {
        switch reason {
        case .http(let status, _):
            switch status {
            case 401, 403: .noPermission
            case 429: .temporaryFailure
            case 500...: .unavailable
            default: .dataError
            }
        case .transport(let kind, _):
            switch kind {
            case .cannotResolve, .cannotConnect, .tls, .other: .unavailable
            case .timedOut, .connectionLost, .cancelled: .temporaryFailure
            }
        case .rejected(_, let exitStatus): exitStatus
        case .rateLimited, .cancelled, .deadlineExceeded: .temporaryFailure
        case .decoding: .dataError
        case .invalidRequest: .software
        }
    }

    public var message: String {
        let suffix = attempts > 1 ? " (after \(attempts) attempts)" : ""
        return "\(prefix): \(method) \(target): \(what)\(suffix)"
    }

    private var what: String {
        switch reason {
        case .http(let status, let body): body.isEmpty ? "HTTP \(status)" : "HTTP \(status): \(body)"
        case .transport(let kind, let detail): detail.isEmpty ? "\(kind)" : "\(kind): \(detail)"
        case .rejected(let message, _): message
        case .rateLimited: "rate limited by the server"
        case .decoding(let detail): "cannot decode the response: \(detail)"
        case .invalidRequest(let detail): "invalid request: \(detail)"
        case .cancelled: "cancelled"
        case .deadlineExceeded(let limit): "no answer within the overall timeout of \(APIError.format(limit))"
        }
    }

    public var description: String { message }
    public var debugDescription: String { message }
    public var errorDescription: String? { message }

    static func format(_ duration: Duration) -> String {
        let milliseconds = duration.milliseconds
        return milliseconds % 1000 == 0 ? "\(milliseconds / 1000) s" : "\(milliseconds) ms"
    }
}
