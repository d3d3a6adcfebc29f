/// A provider's reading of a 2xx answer, for APIs that report failures inside a successful response.
public enum ResponseVerdict: Sendable, Equatable {
    /// A real success: return it to the caller.
    case accept
    /// The server refused because of rate limiting (CloudNS: HTTP 200 with "Request blocked …").
    /// The client sets its shared blocked window (`retryAfter`, 1 s when nil) and tries again, for every
    /// method: a refusal means the server did not act on the request.
    case rateLimited(retryAfter: Duration?)
    /// The server rejected the request for good: fail with `message` (redacted) and `exitStatus`.
    case failure(message: String, exitStatus: ExitStatus)
}

/// Called with every 2xx response before it is returned or decoded.
public typealias ResponseClassifier = @Sendable (HTTPResponse) -> ResponseVerdict
