import Foundation

/// Threads of their own for blocking work (waitpid, poll, blocking C calls, fsync), so that it
/// never holds one of the Swift concurrency pool's few threads.
public enum DedicatedThread {
    /// Starts `body` on a new thread and returns at once.
    ///
    /// - Parameters:
    ///   - name: The thread's name, as `/proc/self/task/*/comm` and debuggers show it (Linux keeps
    ///     the first 15 bytes).
    ///   - stackSize: The stack size in bytes, or nil for the platform's default.
    public static func start(name: String? = nil, stackSize: Int? = nil, _ body: @escaping @Sendable () -> Void) {
        let thread = Thread(block: body)
        if let name { thread.name = name }
        if let stackSize { thread.stackSize = stackSize }
        thread.start()
    }
}

/// Runs `body` on a thread of its own and suspends until it is done.
///
/// Cancelling the calling task does not interrupt `body`: work that must end early watches a flag
/// of its own (set from `withTaskCancellationHandler`).
public func onDedicatedThread<Value: Sendable, Failure: Error>(
    name: String? = nil, stackSize: Int? = nil, _ body: @escaping @Sendable () throws(Failure) -> Value
) async throws(Failure) -> Value {
    let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<Value, Failure>, Never>) in
        DedicatedThread.start(name: name, stackSize: stackSize) {
            do throws(Failure) {
                continuation.resume(returning: .success(try body()))
            } catch {
                continuation.resume(returning: .failure(error))
            }
        }
    }
    return try result.get()
}
