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

/// A provider's reading of a non-2xx answer, for APIs whose error body says whether the server acted.
public enum FailureVerdict: Sendable, Equatable {
    /// The server refused because of rate limiting and did not act: block every request of the client
    /// for `retryAfter` (1 s when nil) and try again, for every method.
    case rateLimited(retryAfter: Duration?)
    /// A passing trouble: wait the ``RetryPolicy`` backoff and try again. `serverDidNotAct` true lets a
    /// POST or PATCH be retried too (the answer proves nothing was done, such as a `conflict` refusal).
    case retry(serverDidNotAct: Bool)
    /// Fail at once with the HTTP error.
    case fail
}

/// Called with every non-2xx response; nil keeps the client's default handling of that status.
public typealias FailureClassifier = @Sendable (HTTPResponse) -> FailureVerdict?

/// Called with every response, any status: how long the client should hold back its next request
/// (a provider reading its rate-limit budget from headers), or nil for no pause.
public typealias ResponsePacer = @Sendable (HTTPResponse) -> Duration?
