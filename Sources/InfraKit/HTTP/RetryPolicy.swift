/// How often and how patiently ``APIClient`` retries.
///
/// Before retry number `n + 1` (after failed attempt `n`, counted from 0) the client waits
/// `min(initialBackoff * 2^n, maxBackoff)` scaled by a uniformly random factor in `[0.5, 1.0]`.
public struct RetryPolicy: Sendable {
    /// Retries after the first attempt; 0 disables retrying.
    public var maxRetries: Int
    public var initialBackoff: Duration
    public var maxBackoff: Duration
    /// Returns a uniformly distributed number in `0...1`; replaceable so tests can pin the jitter.
    public var randomUnit: @Sendable () -> Double

    /// 3 retries, 100 ms initial backoff, 5 s cap.
    public static let `default` = RetryPolicy()

    public init(
        maxRetries: Int = 3, initialBackoff: Duration = .milliseconds(100), maxBackoff: Duration = .seconds(5),
        randomUnit: @escaping @Sendable () -> Double = { Double.random(in: 0...1) }
    ) {
        self.maxRetries = max(0, maxRetries)
        self.initialBackoff = initialBackoff
        self.maxBackoff = maxBackoff
        self.randomUnit = randomUnit
    }

    /// Attempts in total, the first one included.
    public var attempts: Int { maxRetries + 1 }

    /// The un-jittered wait after failed attempt `attempt` (0-based): `min(initial * 2^attempt, cap)`.
    public func ceiling(afterAttempt attempt: Int) -> Duration {
        var delay = initialBackoff
        for _ in 0..<max(0, attempt) {
            if delay >= maxBackoff { break }
            delay *= 2
        }
        return min(delay, maxBackoff)
    }

    /// The jittered wait after failed attempt `attempt` (0-based), in `[ceiling / 2, ceiling]`.
    public func backoff(afterAttempt attempt: Int) -> Duration {
        let unit = min(1, max(0, randomUnit()))
        return ceiling(afterAttempt: attempt) * (0.5 + 0.5 * unit)
    }
}
