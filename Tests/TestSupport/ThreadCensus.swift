import Foundation

/// The threads of this process, as Linux lists them in `/proc/self/task`.
public enum ThreadCensus {
    /// The name (`comm`) of every live thread.
    public static func threadNames() -> [String] {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []
        return tasks.compactMap { task in
            (try? String(contentsOfFile: "/proc/self/task/\(task)/comm", encoding: .utf8))?
                .trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    /// Threads called `name` right now.
    public static func count(named name: String) -> Int {
        threadNames().filter { $0 == name }.count
    }

    /// Waits up to `timeout` for every thread called `name` to end; returns how many are left.
    public static func waitUntilGone(named name: String, timeout: Duration = .seconds(2)) async -> Int {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if count(named: name) == 0 { return 0 }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return count(named: name)
    }
}
