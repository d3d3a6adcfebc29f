import Foundation

/// One API call, relative to the client's base URL.
///
/// The request never holds credentials: the client's ``RequestAuthenticator`` adds them to a copy
/// just before each attempt.
public struct HTTPRequest: Sendable {
    public var method: HTTPMethod
    /// Path relative to the base URL, such as `/servers` or `dns/records.json`.
    public var path: String
    public var query: HTTPParameters
    public var headers: HTTPHeaders
    public var body: HTTPBody
    /// The caller's promise that sending this request more than once is harmless, which lets
    /// a non-idempotent method (POST, PATCH) be retried after the server may have seen it.
    public var isRepeatable: Bool

    public init(
        _ method: HTTPMethod, _ path: String, query: HTTPParameters = [:], headers: HTTPHeaders = [:],
        body: HTTPBody = .empty, isRepeatable: Bool = false
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.isRepeatable = isRepeatable
    }

    /// Whether a retry is allowed once the server may have received the request.
    public var mayBeRepeated: Bool { method.isIdempotent || isRepeatable }
}

/// The body of an ``HTTPRequest``.
public enum HTTPBody: Sendable, Equatable {
    case empty
    /// Sent as `application/x-www-form-urlencoded`.
    case form(HTTPParameters)
    /// Sent as `application/json`.
    case json(Data)
    case raw(Data, contentType: String)

    /// A JSON body holding `value` as `encoder` encodes it.
    public static func json(encoding value: some Encodable, encoder: JSONEncoder = JSONEncoder()) throws -> HTTPBody {
        .json(try encoder.encode(value))
    }

    var contentType: String? {
        switch self {
        case .empty: nil
        case .form: "application/x-www-form-urlencoded"
        case .json: "application/json"
        case .raw(_, let contentType): contentType
        }
    }

    var data: Data? {
        switch self {
        case .empty: nil
        case .form(let parameters): Data(parameters.percentEncoded.utf8)
        case .json(let data), .raw(let data, _): data
        }
    }
}

/// What the server answered.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: Data

    public init(status: Int, headers: HTTPHeaders = [:], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public var isSuccess: Bool { (200...299).contains(status) }
}
