import Foundation
import Synchronization
import TestSupport

/// A built tool running as a child the test can signal while it works: posix_spawn with an empty
/// signal mask and default handlers (the test runner's threads block signals, and a child would
/// inherit that), stdout and stderr in files, reaped by a thread of its own that also notes when
/// the child ended. After `limit` the child is killed, so a hanging tool fails the test instead
/// of hanging it.
final class SignalledTool: Sendable {
    struct Exit: Sendable {
        /// The exit status, or 128 + the signal that ended the child.
        let status: Int32
        /// True when the child ended by a signal rather than by calling exit.
        let bySignal: Bool
        let at: ContinuousClock.Instant
    }

    let pid: pid_t
    private let scratch: ScratchDirectory
    private let state = Mutex<(exit: Exit?, waiters: [CheckedContinuation<Exit, Never>])>((nil, []))

    init(_ tool: String, _ arguments: [String], environment: [String: String], limit: Duration = .seconds(60)) throws {
        scratch = try ScratchDirectory()
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, scratch.url.appendingPathComponent("stdout").path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, scratch.url.appendingPathComponent("stderr").path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let path = ToolProcess.url(of: tool).path
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = ToolProcess.environment(home: scratch.url, overrides: environment).map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
        guard spawned == 0 else { throw SandboxFailure("\(path): cannot start: \(String(cString: strerror(spawned)))") }
        self.pid = pid
        Thread { [self] in reap(limit: limit) }.start()
    }

    func signal(_ number: Int32) { kill(pid, number) }

    var stderr: String { (try? String(contentsOf: scratch.url.appendingPathComponent("stderr"), encoding: .utf8)) ?? "" }
    var stdout: String { (try? String(contentsOf: scratch.url.appendingPathComponent("stdout"), encoding: .utf8)) ?? "" }

    /// Suspends until the child has ended.
    func exit() async -> Exit {
        await withCheckedContinuation { continuation in
            let done: Exit? = state.withLock { state in
                if state.exit == nil { state.waiters.append(continuation) }
                return state.exit
            }
            if let done { continuation.resume(returning: done) }
        }
    }

    /// Polls `condition` every 20 ms until it holds; false if the child ended or `limit` passed first.
    func waitUntil(limit: Duration = .seconds(20), _ condition: () async throws -> Bool) async rethrows -> Bool {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            if state.withLock({ $0.exit != nil }) { return false }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return false
    }

    private func reap(limit: Duration) {
        let deadline = ContinuousClock.now + limit
        var status: Int32 = 0
        while waitpid(pid, &status, WNOHANG) == 0 {
            if ContinuousClock.now > deadline { kill(pid, SIGKILL) }
            usleep(5_000)
        }
        let bySignal = status & 0x7f != 0
        let exit = Exit(status: bySignal ? 128 + (status & 0x7f) : (status >> 8) & 0xff, bySignal: bySignal, at: .now)
        let waiters = state.withLock { state in
            state.exit = exit
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume(returning: exit) }
    }
}
