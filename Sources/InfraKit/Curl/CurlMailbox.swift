internal import CCurl
import Synchronization

/// Commands from any thread to the engine thread, with the wake-up that interrupts its poll.
final class CurlMailbox: Sendable {
    enum Command: Sendable {
        case start(CurlTransferTicket)
        case cancel(CurlTransferTicket)
    }

    private struct State {
        var commands: [Command] = []
        /// Set while the engine's multi handle is alive; only then may `curl_multi_wakeup` touch it.
        var multi: WakeupTarget?
        var isShutdownRequested = false
        var isClosed = false
    }

    /// The multi handle's address, shared only for `curl_multi_wakeup`, which libcurl allows from any
    /// thread; `close()` withdraws it before the handle is destroyed.
    private struct WakeupTarget: @unchecked Sendable {
        let multi: UnsafeMutableRawPointer
    }

    private let state = Mutex(State())

    /// Returns false when the engine has stopped and will never see the command.
    func post(_ command: Command) -> Bool {
        state.withLock { state in
            guard !state.isClosed else { return false }
            state.commands.append(command)
            if let target = state.multi { curl_multi_wakeup(target.multi) }
            return true
        }
    }

    func requestShutdown() {
        state.withLock { state in
            state.isShutdownRequested = true
            if let target = state.multi { curl_multi_wakeup(target.multi) }
        }
    }

    /// Called by the engine thread once its multi handle exists.
    func open(multi: UnsafeMutableRawPointer) {
        let target = WakeupTarget(multi: multi)
        state.withLock { $0.multi = target }
    }

    /// The commands posted since the last call, and whether the engine should stop.
    func take() -> (commands: [Command], isShutdownRequested: Bool) {
        state.withLock { state in
            defer { state.commands.removeAll() }
            return (state.commands, state.isShutdownRequested)
        }
    }

    /// Refuses further commands and forgets the multi handle before the engine destroys it;
    /// returns the commands nobody will process.
    func close() -> [Command] {
        state.withLock { state in
            state.isClosed = true
            state.multi = nil
            defer { state.commands.removeAll() }
            return state.commands
        }
    }
}
