/// Shared by every fetch of a scan: when GitHub asks one of them to slow down, all of them wait,
/// so that parallel fetches do not keep knocking while the limit lasts.
public actor RateLimitGate {
    private var closedUntil: ContinuousClock.Instant?

    public init() {}

    /// Keeps the gate shut for `duration` from now (or longer, when it already is).
    public func close(for duration: Duration) {
        let until = ContinuousClock.now + duration
        if let closedUntil, closedUntil >= until { return }
        closedUntil = until
    }

    /// Suspends until the gate is open. Throws `CancellationError` when the task is cancelled.
    public func waitUntilOpen() async throws {
        while let until = closedUntil, ContinuousClock.now < until {
            try await Task.sleep(until: until, clock: .continuous)
        }
    }
}
