import Foundation
import InfraKit
import Synchronization
import Testing

struct WorkerThreadsTests {
    /// What the jobs saw: how many ran at once at most, on which threads, in which order.
    final class Record: Sendable {
        let state = Mutex((running: 0, peak: 0, order: [Int](), threads: Set<ObjectIdentifier>()))
        let done = DispatchSemaphore(value: 0)

        func job(_ index: Int, total: Int) {
            state.withLock {
                $0.running += 1
                $0.peak = max($0.peak, $0.running)
                $0.threads.insert(ObjectIdentifier(Thread.current))
            }
            usleep(3_000)
            let finished = state.withLock {
                $0.running -= 1
                $0.order.append(index)
                return $0.order.count == total
            }
            if finished { done.signal() }
        }
    }

    private func run(count: Int, width: Int) async -> Record {
        let record = Record()
        WorkerThreads.start(count: count, width: width, name: "test") { record.job($0, total: count) }
        await onDedicatedThread { record.done.wait() }
        return record
    }

    @Test func noMoreThanWidthJobsRunAtOnceAndEachRunsOnce() async {
        let record = await run(count: 40, width: 3)
        let seen = record.state.withLock { $0 }
        #expect(seen.peak <= 3)
        #expect(seen.threads.count <= 3)
        #expect(seen.order.sorted() == Array(0..<40))
    }

    @Test func oneThreadRunsTheJobsInOrder() async {
        let record = await run(count: 12, width: 1)
        let seen = record.state.withLock { $0 }
        #expect(seen.order == Array(0..<12))
        #expect(seen.threads.count == 1)
    }
}
