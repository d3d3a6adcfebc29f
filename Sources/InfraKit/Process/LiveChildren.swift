import Foundation
import Synchronization

/// The process groups of the children of this process that are still running, so that an
/// interrupted tool can end them all.
final class LiveChildren: Sendable {
    static let shared = LiveChildren()

    private struct State {
        var groups: Set<pid_t> = []
        /// Set once the process is going down on a signal: no child starts after that.
        var closed = false
    }

    private let state = Mutex(State())

    /// Runs `body` (a spawn) and records the new child's group in one step, so that an interrupt
    /// never misses a child being started. Once the process is going down on a signal, nothing
    /// more starts: the calling thread (a child's own) waits for the end instead.
    func spawn(_ body: () throws(ProcessError) -> SpawnedChild) throws(ProcessError) -> SpawnedChild {
        let child: SpawnedChild? = try state.withLock { state throws(ProcessError) in
            if state.closed { return nil }
            let child = try body()
            state.groups.insert(child.pid)
            return child
        }
        guard let child else { Self.waitForTheEnd() }
        return child
    }

    /// Forgets a child that has ended. Once the process is going down on a signal, the child was
    /// most likely ended by the interrupt: its result is never handed on (a caller would act on it,
    /// print, exit with a status of its own) and the calling thread waits for the end instead.
    func finished(_ group: pid_t) {
        let closed = state.withLock { state in
            state.groups.remove(group)
            return state.closed
        }
        if closed { Self.waitForTheEnd() }
    }

    /// Parks the calling thread until the signal being forwarded ends the process.
    private static func waitForTheEnd() -> Never {
        while true { sleep(60) }
    }

    /// SIGTERM to every group, SIGKILL after `grace` to those left. With `closing`, no child starts
    /// from now on (the caller is about to die: a task that carries on meanwhile must not leave
    /// one behind).
    func terminateAll(grace: Duration, closing: Bool = false) {
        let running = state.withLock { state in
            if closing { state.closed = true }
            return state.groups
        }
        for group in running { kill(-group, SIGTERM) }
        let deadline = ContinuousClock.now + grace
        while ContinuousClock.now < deadline, running.contains(where: { kill(-$0, 0) == 0 }) {
            usleep(10_000)
        }
        for group in running { kill(-group, SIGKILL) }
    }
}

/// Turns SIGINT, SIGTERM and SIGHUP into: end every child's group, then die of the signal.
enum InterruptForwarding {
    private static let installed = Mutex(false)
    /// Kept for ever once installed; written only by the one caller that installs them.
    nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []

    static func install() {
        guard installed.withLock({ done in defer { done = true }; return !done }) else { return }
        for number in [SIGINT, SIGTERM, SIGHUP] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number)
            source.setEventHandler {
                // terminateAll blocks for up to its grace period: not on a dispatch thread.
                DedicatedThread.start(name: "interrupt") {
                    LiveChildren.shared.terminateAll(grace: .seconds(2), closing: true)
                    signal(number, SIG_DFL)
                    // This thread inherits the dispatch threads' mask, which blocks the signal:
                    // raised while blocked it would stay pending and vanish with the thread.
                    var unblock = sigset_t()
                    sigemptyset(&unblock)
                    sigaddset(&unblock, number)
                    pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
                    raise(number)
                }
            }
            source.resume()
            sources.append(source)
        }
    }
}
