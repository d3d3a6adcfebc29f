import Synchronization

/// A fixed set of dedicated threads working through numbered jobs: each thread takes the lowest
/// job nobody has taken yet, runs it, and takes the next, until none is left. So at most `width`
/// jobs run at once, they start in order, and a slow job holds up only its own thread.
public enum WorkerThreads {
    /// Runs `job(0)`, `job(1)`, … `job(count - 1)` on `min(width, count)` new threads and returns
    /// at once. Each job runs exactly once; the threads end when the last job has been taken.
    ///
    /// - Parameters:
    ///   - name: The threads' name; each gets its number after it (`probe 3`).
    ///   - stackSize: Each thread's stack size in bytes, or nil for the platform's default.
    public static func start(
        count: Int, width: Int, name: String, stackSize: Int? = nil, _ job: @escaping @Sendable (Int) -> Void
    ) {
        precondition(width >= 1, "a pool needs at least one thread")
        let jobs = JobCounter(count: count)
        for worker in 0..<min(width, count) {
            DedicatedThread.start(name: "\(name) \(worker + 1)", stackSize: stackSize) {
                while let index = jobs.take() { job(index) }
            }
        }
    }
}

/// The next job number to hand out.
private final class JobCounter: Sendable {
    private let count: Int
    private let next = Atomic<Int>(0)

    init(count: Int) {
        self.count = count
    }

    func take() -> Int? {
        let index = next.add(1, ordering: .relaxed).oldValue
        return index < count ? index : nil
    }
}
