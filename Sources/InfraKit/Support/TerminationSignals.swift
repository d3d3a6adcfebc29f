import Foundation
import Synchronization

/// SIGHUP, SIGINT or SIGTERM: the signals that ask a process to stop (a closed terminal, Ctrl-C,
/// `kill`, a caller's timeout).
public struct TerminationSignal: Sendable, Hashable, CustomStringConvertible {
    public let number: Int32

    public static let hangUp = TerminationSignal(number: SIGHUP)
    public static let interrupt = TerminationSignal(number: SIGINT)
    public static let terminate = TerminationSignal(number: SIGTERM)
    public static let all: [TerminationSignal] = [.hangUp, .interrupt, .terminate]

    /// `SIGHUP`, `SIGINT`, `SIGTERM`.
    public var name: String {
        switch number {
        case SIGHUP: "SIGHUP"
        case SIGINT: "SIGINT"
        case SIGTERM: "SIGTERM"
        default: "signal \(number)"
        }
    }

    /// 128 + the signal's number, what shells report for a process the signal ended: 129, 130, 143.
    public var exitStatus: ExitStatus { ExitStatus(rawValue: 128 + number) }

    public var description: String { name }
}

/// Catches the ``TerminationSignal``s for the whole process: the first one calls `onFirst` (a tool
/// cancels its command, which then cleans up); any later one calls `onRepeat` and ends the process
/// at once with that signal's ``TerminationSignal/exitStatus``.
///
/// The handler only writes the signal's number to a pipe; a thread of its own reads the pipe and
/// does the rest, so nothing runs in signal context and nothing waits on the concurrency pool.
/// Blocking the signals and calling `sigwait` would not do: on Linux, `dispatchMain()` parks the
/// main thread in `sigsuspend` with every signal unblocked, so the default action would win.
/// Children start with default handlers again (exec resets caught signals). A signal the process
/// inherited as ignored stays ignored.
public enum TerminationSignals {
    private static let installed = Mutex(false)

    /// Starts catching the signals. Only the first call in a process has an effect.
    public static func install(
        onFirst: @escaping @Sendable (TerminationSignal) -> Void,
        onRepeat: @escaping @Sendable (TerminationSignal) -> Void = { _ in }
    ) {
        guard installed.withLock({ done in defer { done = true }; return !done }) else { return }
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { return }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        _ = fcntl(ends[1], F_SETFL, O_NONBLOCK)
        signalPipe = ends[1]
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { number in
            let saved = errno
            var byte = UInt8(truncatingIfNeeded: number)
            _ = write(signalPipe, &byte, 1)
            errno = saved
        }
        action.sa_flags = SA_RESTART
        sigemptyset(&action.sa_mask)
        for signal in TerminationSignal.all {
            // A signal ignored from the start stays ignored (nohup, a background job's SIGINT).
            var inherited = sigaction()
            sigaction(signal.number, nil, &inherited)
            if unsafeBitCast(inherited.__sigaction_handler.sa_handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self) {
                continue
            }
            sigaction(signal.number, &action, nil)
        }

        let reader = Thread { [readEnd = ends[0]] in
            var received = 0
            while true {
                var byte: UInt8 = 0
                let count = read(readEnd, &byte, 1)
                if count < 0 && errno == EINTR { continue }
                guard count == 1 else { return }
                let signal = TerminationSignal(number: Int32(byte))
                received += 1
                if received == 1 {
                    onFirst(signal)
                } else {
                    onRepeat(signal)
                    _exit(signal.exitStatus.rawValue)
                }
            }
        }
        reader.name = "signals"
        reader.start()
    }
}

/// The pipe's write end, for the signal handler (which can capture nothing); set once, before
/// the handler is installed.
nonisolated(unsafe) private var signalPipe: Int32 = -1
