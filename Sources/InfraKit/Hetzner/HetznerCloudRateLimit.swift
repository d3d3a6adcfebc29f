import Foundation

/// Hetzner Cloud's rate-limit headers and what the client does with them.
///
/// The budget is a token bucket: `RateLimit-Limit` tokens per hour, refilled evenly (one a second at
/// 3600), `RateLimit-Remaining` left now, and `RateLimit-Reset` the UNIX time at which the bucket is
/// *full* again. The reset is therefore not when the next request may go (waiting for it after a 429
/// could take an hour); the headers give the refill interval instead:
/// `(Reset − now) / (Limit − Remaining)`. That interval is
/// - the wait after a 429 `rate_limit_exceeded` (one token has come back), and
/// - the pause between requests once `Remaining` falls below ``lowWater(limit:)``: the client then runs
///   at the refill rate, spending no more than comes back, instead of running dry.
struct HetznerCloudRateLimit: Equatable {
    var limit: Int?
    var remaining: Int?
    /// Seconds since 1970.
    var reset: Double?

    init?(_ headers: HTTPHeaders) {
        limit = headers["RateLimit-Limit"].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        remaining = headers["RateLimit-Remaining"].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        reset = headers["RateLimit-Reset"].flatMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        if limit == nil && remaining == nil && reset == nil { return nil }
    }

    /// Below this many remaining requests the client paces itself: 5 % of the budget, at least 10.
    static func lowWater(limit: Int?) -> Int {
        max(10, (limit ?? 3600) / 20)
    }

    /// Longest pause the headers can impose at once; a wrong clock must not park the client for hours.
    static let maximumPause: Duration = .seconds(120)

    /// Time for one token to come back, from the headers; nil when they do not tell.
    func refillInterval(now: Date) -> Duration? {
        guard let reset else { return nil }
        let untilFull = reset - now.timeIntervalSince1970
        guard untilFull > 0 else { return nil }
        let missing: Int
        if let limit, let remaining, remaining >= 0, limit > remaining {
            missing = limit - remaining
        } else {
            missing = max(1, remaining ?? 1)
        }
        return .serverWait(seconds: untilFull / Double(missing), atMost: Self.maximumPause)
    }

    /// The pause before the next request after any answer: the refill interval when the budget is low.
    /// A 429 is left to ``wait(afterRefusal:now:)``.
    static func pause(after response: HTTPResponse, now: Date = Date()) -> Duration? {
        guard response.status != 429, let budget = HetznerCloudRateLimit(response.headers), let remaining = budget.remaining,
            remaining < lowWater(limit: budget.limit)
        else { return nil }
        return budget.refillInterval(now: now)
    }

    /// The wait after a 429: until one token is back (`Retry-After` if the server ever sends one wins).
    static func wait(afterRefusal response: HTTPResponse, now: Date = Date()) -> Duration? {
        if let retryAfter = response.headers["Retry-After"] { return RetryAfter.delay(retryAfter, now: now) }
        return HetznerCloudRateLimit(response.headers)?.refillInterval(now: now)
    }
}

/// Which failed answers of the Cloud API are worth another attempt (``FailureClassifier``).
///
/// - `rate_limit_exceeded` (429): the server did not act; wait for a token, for every method.
/// - `conflict` (409): the object changed under the request and it was refused; retried for every method.
/// - `timeout`, `unavailable`, `bad_gateway`, bare 502/503/504: retried for reads; a POST may have
///   been acted on, so it is not repeated (the caller re-reads instead).
/// - `locked` (423) is not retried here: the client waits for the resource's running action and then
///   sends again (see `HetznerCloudClient.mutating`).
/// - Everything else, `invalid_input`, `uniqueness_error` and `protected` above all, fails at once.
enum HetznerCloudFailure {
    static func verdict(for response: HTTPResponse) -> FailureVerdict? {
        let code = try? JSONDecoder().decode(HetznerCloudWire.ErrorEnvelope.self, from: response.body).error.code
        switch code {
        case "rate_limit_exceeded":
            return .rateLimited(retryAfter: HetznerCloudRateLimit.wait(afterRefusal: response))
        case "conflict":
            return .retry(serverDidNotAct: true)
        case "timeout", "unavailable", "bad_gateway":
            return .retry(serverDidNotAct: false)
        case .some:
            return .fail
        case nil:
            switch response.status {
            case 429: return .rateLimited(retryAfter: HetznerCloudRateLimit.wait(afterRefusal: response))
            case 502, 503, 504: return .retry(serverDidNotAct: false)
            default: return nil
            }
        }
    }
}
