/// Lets at most `limit` callers through at once, suspending (never blocking a thread) the others.
///
/// Tests run in parallel, and dozens of them start an emulator (a Python interpreter importing its
/// modules) in the same second; on two shared cores, starting them all at once made each take
/// over 30 s. Through the gate they start a few at a time, each quickly.
public actor StartGate {
    /// For starting the emulators and servers written in Python.
    public static let pythonServers = StartGate(limit: 3)

    private let limit: Int
    private var running = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    public init(limit: Int) {
        self.limit = limit
    }

    /// Runs `body` once fewer than `limit` others are running through the gate.
    public func withPermit<Value: Sendable>(_ body: @Sendable () async throws -> Value) async rethrows -> Value {
        if running >= limit {
            await withCheckedContinuation { waiting.append($0) }
        } else {
            running += 1
        }
        defer { release() }
        return try await body()
    }

    private func release() {
        if waiting.isEmpty {
            running -= 1
        } else {
            waiting.removeFirst().resume()  // the permit passes straight to the next in line
        }
    }
}
