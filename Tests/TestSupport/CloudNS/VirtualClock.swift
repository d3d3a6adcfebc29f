import InfraKit
import Synchronization

/// A ``PollingClock`` whose time moves only when something sleeps on it: waits of minutes take
/// no time in a test, and the sleeps are recorded.
public final class VirtualClock: Sendable {
    private let state: Mutex<(now: ContinuousClock.Instant, sleeps: [Duration])>

    public init() {
        state = Mutex((ContinuousClock.now, []))
    }

    public var clock: PollingClock {
        PollingClock(
            now: { [self] in state.withLock { $0.now } },
            sleep: { [self] duration in
                state.withLock {
                    $0.now += duration
                    $0.sleeps.append(duration)
                }
            })
    }

    /// Every sleep so far, in order.
    public var sleeps: [Duration] { state.withLock { $0.sleeps } }
}
