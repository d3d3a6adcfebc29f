import Synchronization

/// Client-wide admission of attempts: the blocked window that a rate-limit answer opens for every
/// request of the client, and optional pacing to a maximum request rate.
final class RequestGate: Sendable {
    enum Interruption: Error {
        case cancelled
        case deadline
    }

    private struct State {
        var blockedUntil: ContinuousClock.Instant?
        var nextSlot: ContinuousClock.Instant?
    }

    private let state = Mutex(State())
    private let interval: Duration?

    /// `maxRequestsPerSecond` nil (or not positive) means no pacing.
    init(maxRequestsPerSecond: Double?) {
        interval = maxRequestsPerSecond.flatMap { $0 > 0 ? Duration.seconds(1 / $0) : nil }
    }

    /// Extends the blocked window to at least `instant`.
    func block(until instant: ContinuousClock.Instant) {
        state.withLock { state in
            state.blockedUntil = max(state.blockedUntil ?? instant, instant)
        }
    }

    /// Returns when an attempt may start: after the blocked window, at its own pacing slot.
    ///
    /// The window is checked again after every wait, because another request of the client may have
    /// been told to back off in the meantime.
    func admit(deadline: ContinuousClock.Instant?) async throws(Interruption) {
        var hasSlot = interval == nil
        while true {
            let now = ContinuousClock.now
            let wakeUp: ContinuousClock.Instant? = state.withLock { state in
                if let blockedUntil = state.blockedUntil, blockedUntil > now { return blockedUntil }
                guard !hasSlot, let interval else { return nil }
                let slot = max(now, state.nextSlot ?? now)
                state.nextSlot = slot + interval
                hasSlot = true
                return slot > now ? slot : nil
            }
            guard let wakeUp else { return }
            try await Self.sleep(until: wakeUp, deadline: deadline)
        }
    }

    /// Sleeps until `instant`, or fails at `deadline` or on cancellation, whichever comes first.
    static func sleep(until instant: ContinuousClock.Instant, deadline: ContinuousClock.Instant?)
        async throws(Interruption)
    {
        let target = deadline.map { min($0, instant) } ?? instant
        do {
            try await Task.sleep(until: target, clock: .continuous)
        } catch {
            throw .cancelled
        }
        if let deadline, instant > deadline { throw .deadline }
    }
}
