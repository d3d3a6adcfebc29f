import InfraKit
import Synchronization

/// What SIGHUP, SIGINT and SIGTERM do to a tool while its command runs; declared in its
/// ``ToolSpec``.
public enum SignalHandling: Sendable, Hashable {
    /// The process ends at once: the tool has nothing to undo.
    case terminate
    /// The first signal cancels the command, which undoes what it started and returns; the tool
    /// then exits with 128 + the signal's number (129, 130, 143). A second signal exits at once.
    case cancelCommand
}

/// Links the first termination signal to the running command: ``deliver(_:)`` cancels the task
/// that ``run(_:)`` started (at once, or as soon as it starts when the signal came first), and
/// remembers the signal so the runner can report it and exit with its status.
public final class CommandInterruption: Sendable {
    private struct State {
        var signal: TerminationSignal?
        var cancel: (@Sendable () -> Void)?
    }

    private let state = Mutex(State())

    public init() {}

    /// The signal that interrupted the command, if one did.
    public var signal: TerminationSignal? { state.withLock { $0.signal } }

    /// Records `signal` (the first one wins) and cancels the command.
    public func deliver(_ signal: TerminationSignal) {
        let cancel = state.withLock { state in
            if state.signal == nil { state.signal = signal }
            return state.cancel
        }
        cancel?()
    }

    /// Runs `operation` in a task of its own, which ``deliver(_:)`` cancels.
    func run<Value: Sendable>(_ operation: @escaping @Sendable () async throws -> Value) async throws -> Value {
        let task = Task { try await operation() }
        let interrupted = state.withLock { state in
            state.cancel = { task.cancel() }
            return state.signal != nil
        }
        if interrupted { task.cancel() }
        return try await withTaskCancellationHandler { try await task.value } onCancel: { task.cancel() }
    }

    /// Catches the process's termination signals for a tool declaring ``SignalHandling/cancelCommand``:
    /// the first is announced on `stderr` and delivered here, a second one ends the process at once.
    /// Call it on the main thread before any task starts (see ``TerminationSignals``).
    func catchSignals(toolName: String, stderr: any OutputWriter) {
        TerminationSignals.install(
            onFirst: { [self] signal in
                stderr.write("\(toolName): \(signal): stopping (a second signal exits at once)\n")
                deliver(signal)
            },
            onRepeat: { signal in
                stderr.write("\(toolName): \(signal) again: exiting at once\n")
            })
    }
}
