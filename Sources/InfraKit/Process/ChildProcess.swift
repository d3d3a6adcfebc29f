import Foundation
import Synchronization

/// Runs programs as child processes (see ``ProcessRequest`` for what each gets).
///
/// Everything that blocks (posix_spawn, poll and read on the pipes, waitpid) happens on a thread
/// of each child's own, never on the Swift concurrency pool, so any number of children may run at
/// once. The child leads a process group of its own: a timeout, a cancelled task or ``stop()``
/// ends the whole group (SIGTERM, then SIGKILL after the grace period), grandchildren included.
/// That group is not the terminal's, so Ctrl-C does not reach it: a tool that runs children declares
/// `signalHandling: .cancelCommand`, so that a signal cancels its command and with it every child.
public enum ChildProcess {
    /// Runs the child to its end and returns how it ended and what it wrote. A timeout is reported
    /// in the result (``ProcessResult/timedOut``); cancelling the calling task ends the child's
    /// group, waits for the child, then throws ``ProcessError/cancelled``.
    public static func run(_ request: ProcessRequest) async throws(ProcessError) -> ProcessResult {
        let child: RunningProcess = try await start(request)
        let result = await withTaskCancellationHandler {
            await child.wait()
        } onCancel: {
            child.stop(because: .cancelled)
        }
        if child.wasCancelled { throw .cancelled }
        return result
    }

    /// Starts a long-lived child (a daemon for a test: an emulator, sshd) and returns once it has
    /// been spawned. Its output should go to ``ProcessOutput/file(_:)`` or
    /// ``ProcessOutput/discard``; captured output is kept up to the limit until it ends. A
    /// timeout in the request applies to it too.
    public static func start(_ request: ProcessRequest) async throws(ProcessError) -> RunningProcess {
        let child = RunningProcess(request)
        let started = await withCheckedContinuation { (continuation: CheckedContinuation<Result<Void, ProcessError>, Never>) in
            DedicatedThread.start(name: "child-process") { child.supervise { continuation.resume(returning: $0) } }
        }
        try started.get()
        return child
    }

    /// The same for callers off the concurrency pool: blocks the calling thread until the child
    /// has been spawned.
    public static func start(_ request: ProcessRequest) throws(ProcessError) -> RunningProcess {
        let child = RunningProcess(request)
        let spawned = SpawnOutcome()
        DedicatedThread.start(name: "child-process") { child.supervise { spawned.deliver($0) } }
        try spawned.await().get()
        return child
    }
}

/// A running (or finished) child started by ``ChildProcess/start(_:)``.
public final class RunningProcess: Sendable {
    /// Why a stop was asked for, first reason wins.
    enum StopReason: Sendable { case timeout, cancelled, requested }

    private struct State {
        var pid: pid_t = 0
        var stopReason: StopReason?
        var stopGrace: Duration?
        var result: ProcessResult?
        var waiters: [CheckedContinuation<ProcessResult, Never>] = []
        var blockedWaiters: [DispatchSemaphore] = []
    }

    let request: ProcessRequest
    private let state = Mutex(State())

    init(_ request: ProcessRequest) {
        self.request = request
    }

    /// The child's pid, which is also its process group's id.
    public var pid: pid_t { state.withLock { $0.pid } }

    /// True until the child has ended and been reaped.
    public var isRunning: Bool { state.withLock { $0.result == nil } }

    var wasCancelled: Bool { state.withLock { $0.stopReason == .cancelled } }

    /// Suspends until the child ends.
    public func wait() async -> ProcessResult {
        await withCheckedContinuation { continuation in
            let done: ProcessResult? = state.withLock { state in
                if state.result == nil { state.waiters.append(continuation) }
                return state.result
            }
            if let done { continuation.resume(returning: done) }
        }
    }

    /// Blocks the calling thread until the child ends: for callers already off the concurrency pool.
    public func waitBlocking() -> ProcessResult {
        let semaphore = DispatchSemaphore(value: 0)
        let done: ProcessResult? = state.withLock { state in
            if state.result == nil { state.blockedWaiters.append(semaphore) }
            return state.result
        }
        if let done { return done }
        semaphore.wait()
        return state.withLock { $0.result! }
    }

    /// Ends the child's process group (SIGTERM, then SIGKILL after `grace`, or the request's
    /// grace period) and suspends until the child has been reaped.
    @discardableResult
    public func stop(grace: Duration? = nil) async -> ProcessResult {
        stop(because: .requested, grace: grace)
        return await wait()
    }

    /// The same, blocking the calling thread.
    @discardableResult
    public func stopBlocking(grace: Duration? = nil) -> ProcessResult {
        stop(because: .requested, grace: grace)
        return waitBlocking()
    }

    /// Asks the child's process group to end (SIGTERM now, SIGKILL after `grace` or the request's
    /// grace period) and returns at once; the child's thread reaps it.
    public func terminate(grace: Duration? = nil) {
        stop(because: .requested, grace: grace)
    }

    func stop(because reason: StopReason, grace: Duration? = nil) {
        state.withLock { state in
            if state.stopReason == nil { state.stopReason = reason }
            if let grace { state.stopGrace = grace }
        }
    }

    /// Spawns the child, reports the outcome through `started`, then watches the child until it
    /// ends. Blocks: runs on the child's own thread.
    func supervise(started: (Result<Void, ProcessError>) -> Void) {
        let spawned: SpawnedChild
        do {
            spawned = try ProcessSpawner.spawn(request)
        } catch {
            started(.failure(error))
            return
        }
        state.withLock { $0.pid = spawned.pid }
        started(.success(()))
        let result = ProcessWatch(child: spawned, request: request) { [self] in
            state.withLock { ($0.stopReason, $0.stopGrace) }
        }.run()
        finish(result)
    }

    private func finish(_ result: ProcessResult) {
        let (waiters, blocked) = state.withLock { state in
            state.result = result
            defer {
                state.waiters = []
                state.blockedWaiters = []
            }
            return (state.waiters, state.blockedWaiters)
        }
        waiters.forEach { $0.resume(returning: result) }
        blocked.forEach { $0.signal() }
    }
}

/// Hands the outcome of a spawn from the child's thread to a caller that blocks for it.
private final class SpawnOutcome: Sendable {
    private let semaphore = DispatchSemaphore(value: 0)
    private let outcome = Mutex<Result<Void, ProcessError>?>(nil)

    func deliver(_ result: Result<Void, ProcessError>) {
        outcome.withLock { $0 = result }
        semaphore.signal()
    }

    func await() -> Result<Void, ProcessError> {
        semaphore.wait()
        return outcome.withLock { $0! }
    }
}
