import Foundation

/// Why a Robot webservice call failed, as one line without secrets, with its exit status.
///
/// | case | exit |
/// |---|---|
/// | 401 (`UNAUTHORIZED`), other 403 | 77 |
/// | 403 `RATE_LIMIT_EXCEEDED` (per endpoint group and hour; ``retryAfter`` says how long at most) | 75 |
/// | 404 `SERVER_NOT_FOUND` and other not-found codes | 65 |
/// | 400 `INVALID_INPUT`, other 4xx | 65 |
/// | 409 `CONFLICT` | 75 |
/// | 5xx, 503 maintenance, network failures | as ``APIError``: 69 down, 75 flaky |
/// | an answer that is not the JSON expected | 69 |
/// | a bad endpoint or empty credentials | 78 |
public struct HetznerRobotError: ClassifiedError, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        case api
        case rateLimited
        case notFound
        case service
        case unexpectedAnswer
        case configuration
    }

    public let kind: Kind
    /// Robot's code, such as `SERVER_NOT_FOUND`.
    public let code: String?
    public let message: String
    public let exitStatus: ExitStatus
    public let httpStatus: Int?
    /// For `rateLimited`: the limit's window (`interval`), the longest wait before a request is
    /// admitted again.
    public let retryAfter: Duration?

    public init(
        _ kind: Kind, code: String? = nil, _ message: String, exitStatus: ExitStatus, httpStatus: Int? = nil,
        retryAfter: Duration? = nil
    ) {
        self.kind = kind
        self.code = code
        self.message = message
        self.exitStatus = exitStatus
        self.httpStatus = httpStatus
        self.retryAfter = retryAfter
    }

    public var description: String { message }

    static func from(_ error: APIError) -> HetznerRobotError {
        guard let status = error.status, let body = error.responseBody,
            let envelope = try? JSONDecoder().decode(HetznerRobotWireError.self, from: Data(body.utf8))
        else {
            if case .decoding = error.reason {
                return HetznerRobotError(.unexpectedAnswer, error.message, exitStatus: .unavailable)
            }
            return HetznerRobotError(.service, error.message, exitStatus: error.exitStatus, httpStatus: error.status)
        }
        let detail = envelope.error
        let head = "\(error.prefix): \(error.method) \(error.target): \(detail.code)"
        var text = detail.message.map { "\(head): \($0)" } ?? head
        if detail.code == "RATE_LIMIT_EXCEEDED" {
            let window = detail.interval.map { Duration.seconds($0) }
            if let limit = detail.maxRequest, let interval = detail.interval {
                text += " (\(limit) requests per \(interval) s)"
            }
            if let window { text += "; try again within \(APIError.format(window))" }
            return HetznerRobotError(
                .rateLimited, code: detail.code, text, exitStatus: .temporaryFailure, httpStatus: status,
                retryAfter: window ?? .seconds(3600))
        }
        let fields = (detail.missing ?? []).map { "missing \($0)" } + (detail.invalid ?? []).map { "invalid \($0)" }
        if !fields.isEmpty { text += " (" + fields.joined(separator: ", ") + ")" }
        let kind: Kind = detail.code.hasSuffix("NOT_FOUND") ? .notFound : .api
        let exitStatus: ExitStatus =
            switch status {
            case 401, 403: .noPermission
            case 409: .temporaryFailure
            case 500...: .unavailable
            default: .dataError
            }
        return HetznerRobotError(kind, code: detail.code, text, exitStatus: exitStatus, httpStatus: status)
    }
}
