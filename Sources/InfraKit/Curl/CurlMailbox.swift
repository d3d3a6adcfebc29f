import Glibc
import Synchronization

/// Commands from any thread to the engine thread, with a wake-up pipe that interrupts its poll.
///
/// The pipe (rather than `curl_multi_wakeup`) is written outside the lock, so a poster never holds
/// the lock across a system call the engine is waiting for, and it lives as long as this object, so
/// a late wake-up can never touch a destroyed multi handle.
final class CurlMailbox: Sendable {
    enum Command: Sendable {
        case start(CurlTransferTicket)
        case cancel(CurlTransferTicket)
    }

    private struct State {
        var commands: [Command] = []
        /// True while the engine is awake or a byte is already in the pipe: posting needs no write.
        var isWakeupPending = true
        var isShutdownRequested = false
        var isClosed = false
    }

    private let state = Mutex(State())
    /// Read end, polled by the engine next to libcurl's sockets; both ends are non-blocking.
    let wakeupFD: Int32
    private let wakeupWriteFD: Int32

    /// Nil when the process is out of file descriptors.
    init?() {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { return nil }
        for end in ends {
            _ = fcntl(end, F_SETFL, O_NONBLOCK)
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
        }
        wakeupFD = ends[0]
        wakeupWriteFD = ends[1]
    }

    deinit {
        Glibc.close(wakeupFD)
        Glibc.close(wakeupWriteFD)
    }

    /// Returns false when the engine has stopped and will never see the command.
    func post(_ command: Command) -> Bool {
        let outcome: (accepted: Bool, mustWake: Bool) = state.withLock { state in
            guard !state.isClosed else { return (false, false) }
            state.commands.append(command)
            defer { state.isWakeupPending = true }
            return (true, !state.isWakeupPending)
        }
        if outcome.mustWake { wake() }
        return outcome.accepted
    }

    func requestShutdown() {
        let mustWake = state.withLock { state in
            state.isShutdownRequested = true
            defer { state.isWakeupPending = true }
            return !state.isWakeupPending
        }
        if mustWake { wake() }
    }

    /// Empties the pipe, then returns the commands posted so far and whether the engine should stop.
    /// Until ``prepareToSleep()``, posters count on the engine looking again and do not write.
    func take() -> (commands: [Command], isShutdownRequested: Bool) {
        withUnsafeTemporaryAllocation(byteCount: 64, alignment: 1) { sink in
            while read(wakeupFD, sink.baseAddress, sink.count) > 0 {}
        }
        return state.withLock { state in
            defer {
                state.commands.removeAll()
                state.isWakeupPending = true
            }
            return (state.commands, state.isShutdownRequested)
        }
    }

    /// Whether commands (or a shutdown) are waiting, without consuming them.
    var hasWork: Bool {
        state.withLock { !$0.commands.isEmpty || $0.isShutdownRequested }
    }

    /// Called before the engine blocks in poll: returns false when work arrived meanwhile; otherwise
    /// every later post writes to the pipe, which ends the poll.
    func prepareToSleep() -> Bool {
        state.withLock { state in
            guard state.commands.isEmpty && !state.isShutdownRequested else { return false }
            state.isWakeupPending = false
            return true
        }
    }

    /// Refuses further commands; returns those nobody will process.
    func close() -> [Command] {
        state.withLock { state in
            state.isClosed = true
            defer { state.commands.removeAll() }
            return state.commands
        }
    }

    private func wake() {
        var byte: UInt8 = 1
        _ = write(wakeupWriteFD, &byte, 1)
    }
}
