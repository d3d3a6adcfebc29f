import Foundation
import Synchronization

/// The process groups of the children of this process that are still running, so that an
/// interrupted tool can end them all.
final class LiveChildren: Sendable {
    static let shared = LiveChildren()
    private let groups = Mutex<Set<pid_t>>([])

    func add(_ group: pid_t) { groups.withLock { _ = $0.insert(group) } }
    func remove(_ group: pid_t) { groups.withLock { _ = $0.remove(group) } }

    func terminateAll(grace: Duration) {
        let running = groups.withLock { $0 }
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
                    LiveChildren.shared.terminateAll(grace: .seconds(2))
                    signal(number, SIG_DFL)
                    raise(number)
                }
            }
            source.resume()
            sources.append(source)
        }
    }
}
