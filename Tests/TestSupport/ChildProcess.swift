import Foundation

/// Runs a program to completion with posix_spawn + waitpid, with exactly the environment given,
/// a clean signal mask, stdout and stderr captured in separate files, and a timeout.
///
/// For programs that leave daemons behind (the ACME sandbox's start script) or start process
/// trees (ACME clients): Foundation's `Process` on Linux learns of the child's exit through a
/// descriptor that every descendant inherits, so it waits for the daemons too and never
/// returns; and test-runner threads block signals that a child would inherit, so daemons
/// started from it would ignore the SIGTERM meant to stop them.
public enum ChildProcess {
    public static func run(
        _ path: String, _ arguments: [String], environment: [String: String], timeout: Duration = .seconds(60)
    ) async throws -> ProcessResult {
        try await onDedicatedThread { try runBlocking(path, arguments, environment: environment, timeout: timeout) }
    }

    /// An environment to start from: PATH and a UTF-8 locale, nothing of the caller's.
    public static func baseEnvironment(home: String) -> [String: String] {
        ["PATH": "\(ToolProcess.binDirectory.path):/usr/local/bin:/usr/bin:/bin", "HOME": home, "LANG": "C.UTF-8", "NO_COLOR": "1"]
    }

    /// The same on the calling thread, which it blocks: for callers already off the concurrency pool.
    public static func runBlocking(
        _ path: String, _ arguments: [String], environment: [String: String], timeout: Duration = .seconds(60)
    ) throws -> ProcessResult {
        let scratch = try ScratchDirectory()
        let outPath = scratch.url.appendingPathComponent("stdout").path
        let errPath = scratch.url.appendingPathComponent("stderr").path
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        // Its own process group, so a timeout stops the whole tree.
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))

        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
        guard spawned == 0 else {
            throw SpawnFailure(description: "\(path): cannot start: \(String(cString: strerror(spawned)))")
        }

        let deadline = ContinuousClock.now + timeout
        var status: Int32 = 0
        var terminated = false
        while true {
            let done = waitpid(pid, &status, WNOHANG)
            if done == pid || (done < 0 && errno != EINTR) { break }
            let now = ContinuousClock.now
            if now >= deadline + .seconds(5) {
                kill(-pid, SIGKILL)
            } else if now >= deadline && !terminated {
                kill(-pid, SIGTERM)
                terminated = true
            }
            usleep(10_000)
        }
        let exited = status & 0x7f == 0
        return ProcessResult(
            status: exited ? (status >> 8) & 0xff : 128 + (status & 0x7f),
            stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
    }

    struct SpawnFailure: Error, CustomStringConvertible {
        let description: String
    }
}
