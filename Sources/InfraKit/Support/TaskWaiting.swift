import Synchronization

extension Task where Failure == any Error {
    /// The task's value, or `CancellationError` as soon as the *calling* task is cancelled. The
    /// task itself keeps running: its answer can still be collected (and it can still be
    /// cancelled) afterwards.
    public func valueUnlessCancelled() async throws -> Success {
        let once = ResumeOnce<Success>()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                once.store(continuation)
                Task<Void, Never> { once.resume(with: await self.result) }
                // A cancellation before the store found nothing to resume.
                if Task<Never, Never>.isCancelled { once.resume(with: .failure(Swift.CancellationError())) }
            }
        } onCancel: {
            once.resume(with: .failure(Swift.CancellationError()))
        }
    }
}

/// Runs `body` in a task of its own that the caller's cancellation does not reach, and cancels it
/// after `limit`: for cleanup that must run, briefly, even when the caller was cancelled.
public func withUncancelledDeadline(_ limit: Duration, _ body: @escaping @Sendable () async -> Void) async {
    await Task {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await body() }
            group.addTask { try? await Task<Never, Never>.sleep(for: limit) }
            await group.next()
            group.cancelAll()
        }
    }.value
}

/// A continuation resumed by whichever comes first; later attempts do nothing.
private final class ResumeOnce<Value: Sendable>: Sendable {
    private let continuation = Mutex<CheckedContinuation<Value, any Error>?>(nil)

    func store(_ continuation: CheckedContinuation<Value, any Error>) {
        self.continuation.withLock { $0 = continuation }
    }

    func resume(with result: Result<Value, any Error>) {
        let waiting = continuation.withLock { stored in
            defer { stored = nil }
            return stored
        }
        waiting?.resume(with: result)
    }
}
