import InfraKit

extension APIClient.Configuration {
    /// A configuration for tests: prefix `test API`, quick retries (3 retries, 1 ms → 5 ms), short timeouts.
    public static func testing(_ baseURL: String, prefix: String = "test API") -> Self {
        var configuration = Self(baseURL: baseURL, errorPrefix: prefix, userAgent: "infra-tests/1.0")
        configuration.retryPolicy = RetryPolicy(maxRetries: 3, initialBackoff: .milliseconds(1), maxBackoff: .milliseconds(5))
        configuration.connectTimeout = .seconds(5)
        configuration.requestTimeout = .seconds(20)
        return configuration
    }

    /// Returns a copy with `change` applied.
    public func with(_ change: (inout Self) -> Void) -> Self {
        var copy = self
        change(&copy)
        return copy
    }
}

/// The ``APIError`` `body` throws; nil when it succeeds or throws anything else.
public func apiFailure<Value>(_ body: () async throws -> Value) async -> APIError? {
    do {
        _ = try await body()
        return nil
    } catch {
        return error as? APIError
    }
}

/// Polls `condition` every 5 ms until it holds (true) or `timeout` passes (false). The default is
/// long because it costs nothing when the condition comes true, and tests run in parallel on two
/// shared cores, where a thread may wait seconds for its turn.
public func eventually(timeout: Duration = .seconds(30), _ condition: () -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if condition() { return true }
        try? await Task.sleep(for: .milliseconds(5))
    }
    return condition()
}
