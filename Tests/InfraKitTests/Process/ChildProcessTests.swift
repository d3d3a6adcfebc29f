import Foundation
import InfraKit
import Testing
import TestSupport

/// The child-process runner against /bin/sh and friends.
@Suite("Child process runner")
struct ChildProcessTests {
    static let path = ["PATH": "/usr/bin:/bin"]

    static func shell(_ script: String, _ arguments: [String] = [], timeout: Duration? = nil) -> ProcessRequest {
        ProcessRequest("/bin/sh", ["-c", script, "sh"] + arguments, environment: path, timeout: timeout)
    }

    @Test func capturesStdoutAndStderrApart() async throws {
        let result = try await ChildProcess.run(Self.shell("printf 'to out'; printf 'to err' >&2"))
        #expect(result.termination == .exited(0))
        #expect(result.stdoutText == "to out")
        #expect(result.stderrText == "to err")
        #expect(!result.stdoutTruncated && !result.stderrTruncated && !result.timedOut)
    }

    @Test(arguments: [0, 1, 3, 64, 255] as [Int32])
    func reportsTheExitStatus(_ code: Int32) async throws {
        let result = try await ChildProcess.run(Self.shell("exit \(code)"))
        #expect(result.termination == .exited(code))
        #expect(result.status == code)
    }

    @Test func reportsTheSignalThatEndedIt() async throws {
        let result = try await ChildProcess.run(Self.shell("kill -USR1 $$"))
        #expect(result.termination == .signalled(SIGUSR1))
        #expect(result.status == 128 + SIGUSR1)
    }

    @Test func outputPastTheLimitIsDroppedWithoutBlockingTheChild() async throws {
        var request = Self.shell("head -c 3000000 /dev/zero; head -c 10 /dev/zero >&2; echo done >&2")
        request.outputLimit = 1000
        request.timeout = .seconds(60)
        let result = try await ChildProcess.run(request)
        #expect(result.termination == .exited(0))
        #expect(result.stdout == [UInt8](repeating: 0, count: 1000))
        #expect(result.stdoutTruncated)
        #expect(result.stderr.count == 15)
        #expect(!result.stderrTruncated)
        #expect(!result.timedOut)
    }

    @Test func standardInputIsTheGivenBytesOrNothing() async throws {
        let bytes = Array("line one\nline two\n".utf8) + [0, 255]
        var request = ProcessRequest("/bin/cat", environment: Self.path, standardInput: .bytes(bytes))
        #expect(try await ChildProcess.run(request).stdout == bytes)
        request.standardInput = .null
        let empty = try await ChildProcess.run(request)
        #expect(empty.stdout.isEmpty && empty.termination == .exited(0))
    }

    @Test func theEnvironmentIsExactlyTheOneGiven() async throws {
        let result = try await ChildProcess.run(ProcessRequest("/usr/bin/env", environment: ["ONLY": "this one"]))
        #expect(result.stdoutText == "ONLY=this one\n")
    }

    @Test func aBareNameIsFoundInTheChildsPATH() async throws {
        let found = try await ChildProcess.run(ProcessRequest("sh", ["-c", "echo hi"], environment: Self.path))
        #expect(found.stdoutText == "hi\n")
        await #expect(throws: ProcessError.cannotStart(executable: "sh", errno: ENOENT)) {
            try await ChildProcess.run(ProcessRequest("sh", ["-c", "true"], environment: ["PATH": "/nonexistent"]))
        }
        await #expect(throws: ProcessError.cannotStart(executable: "/nonexistent/tool", errno: ENOENT)) {
            try await ChildProcess.run(ProcessRequest("/nonexistent/tool"))
        }
    }

    @Test func runsInTheGivenDirectory() async throws {
        let scratch = try ScratchDirectory()
        var request = ProcessRequest("/bin/pwd", ["-P"], environment: Self.path)
        request.workingDirectory = scratch.url.path
        let result = try await ChildProcess.run(request)
        let expected = URL(fileURLWithPath: scratch.url.path).resolvingSymlinksInPath().path
        #expect(result.stdoutText == expected + "\n")
    }

    @Test func theTimeoutEndsTheWholeGroup() async throws {
        let result = try await ChildProcess.run(Self.shell("sleep 60 & echo $!; wait", timeout: .milliseconds(300)))
        #expect(result.timedOut)
        #expect(result.termination == .signalled(SIGTERM))
        // As the child's thread measured it; the slack is for a busy machine, far below the sleep.
        #expect(result.duration >= .milliseconds(300) && result.duration < .seconds(20))
        let grandchild = try #require(pid_t(result.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(await ProcessTable.isGone(grandchild))
    }

    @Test func membersThatIgnoreSIGTERMGetSIGKILLAfterTheGrace() async throws {
        var request = Self.shell(#"trap "" TERM; sleep 60 & echo $!; wait"#, timeout: .milliseconds(200))
        request.terminationGrace = .milliseconds(300)
        let result = try await ChildProcess.run(request)
        #expect(result.timedOut)
        #expect(result.termination == .signalled(SIGKILL))
        #expect(result.duration >= .milliseconds(500) && result.duration < .seconds(20))
        let grandchild = try #require(pid_t(result.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(await ProcessTable.isGone(grandchild))
    }

    @Test func cancellingTheTaskEndsTheGroupAndThrows() async throws {
        let scratch = try ScratchDirectory()
        let pidFile = scratch.url.appendingPathComponent("pid").path
        let task = Task {
            try await ChildProcess.run(Self.shell("sleep 60 & echo $! > \"$1\"; wait", [pidFile]))
        }
        var grandchild: pid_t?
        let deadline = ContinuousClock.now + .seconds(60)
        while grandchild == nil && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
            grandchild = (try? String(contentsOfFile: pidFile, encoding: .utf8))
                .flatMap { pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        }
        task.cancel()
        await #expect(throws: ProcessError.cancelled) { try await task.value }
        #expect(await ProcessTable.isGone(try #require(grandchild)))
    }

    @Test func aDescriptorWithoutCloseOnExecDoesNotReachTheChild() async throws {
        let stray = open("/dev/null", O_RDONLY)  // deliberately without O_CLOEXEC
        defer { close(stray) }
        let result = try await ChildProcess.run(Self.shell("ls /proc/$$/fd"))
        let inherited = Set(result.stdoutText.split(separator: "\n").compactMap { Int32($0) })
        #expect(!inherited.contains(stray))
        // 0, 1, 2 and at most the directory the listing itself has open.
        #expect(inherited.subtracting([0, 1, 2]).count <= 1)
    }

    @Test func runsLeaveNoDescriptorBehind() async throws {
        // Other tests open descriptors at the same time, so only pipes and stdin files are counted,
        // and the bound is far below what one leaked descriptor per run would add.
        let before = ProcessTable.runnerDescriptors()
        for index in 0..<100 {
            let request = ProcessRequest(
                "/bin/cat", environment: Self.path, standardInput: .bytes(Array("\(index)".utf8)))
            #expect(try await ChildProcess.run(request).stdoutText == "\(index)")
        }
        let after = ProcessTable.runnerDescriptors()
        #expect(after - before < 50)
    }

    @Test func fiftyRunsAtOnce() async throws {
        let outputs = try await withThrowingTaskGroup(of: (Int, String).self) { group in
            for index in 0..<50 {
                group.addTask {
                    let result = try await ChildProcess.run(Self.shell("sleep 0.2; echo \"$1\"", ["\(index)"], timeout: .seconds(120)))
                    return (index, result.stdoutText)
                }
            }
            return try await group.reduce(into: [Int: String]()) { $0[$1.0] = $1.1 }
        }
        #expect(outputs.count == 50)
        #expect(outputs.allSatisfy { $0.value == "\($0.key)\n" })
    }

    @Test func aLongLivedChildRunsUntilStopped() async throws {
        let scratch = try ScratchDirectory()
        let log = scratch.url.appendingPathComponent("log").path
        var request = Self.shell("echo started; echo on stderr >&2; exec sleep 60")
        request.standardOutput = .file(log)
        request.standardError = .file(log)
        let child = try await ChildProcess.start(request)
        #expect(child.pid > 0)
        try await Task.sleep(for: .milliseconds(200))
        #expect(child.isRunning)
        let result = await child.stop()
        #expect(result.termination == .signalled(SIGTERM))
        #expect(!result.timedOut)
        #expect(!child.isRunning)
        let written = try String(contentsOfFile: log, encoding: .utf8)
        #expect(written == "started\non stderr\n")
    }
}

/// What /proc says about processes and this process's descriptors.
enum ProcessTable {
    /// Waits up to 5 s for `pid` to be gone (or a zombie nobody has reaped yet).
    static func isGone(_ pid: pid_t) async -> Bool {
        let deadline = ContinuousClock.now + .seconds(5)
        while ContinuousClock.now < deadline {
            let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
            guard let stat, let close = stat.lastIndex(of: ")") else { return true }
            if stat[stat.index(after: close)...].split(separator: " ").first == "Z" { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return false
    }

    /// Descriptors of the kinds the runner opens: pipes and the unlinked stdin files.
    static func runnerDescriptors() -> Int {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        return entries.filter { entry in
            guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(entry)")
            else { return false }
            return target.hasPrefix("pipe:") || target.contains("infra-stdin")
        }.count
    }
}
