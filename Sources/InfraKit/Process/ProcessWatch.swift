import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Watches one child on its own thread: reads its captured output as it comes, reaps it, and
/// ends its process group when the deadline passes or a stop is asked for.
///
/// The child's exit is noticed by polling waitpid rather than by the end of its output, because a
/// daemon it leaves behind may hold the pipes open for ever. The pause between polls starts at
/// 1 ms (short runs end quickly) and doubles up to 50 ms while nothing happens (a long-lived
/// daemon costs a wake-up 20 times a second).
struct ProcessWatch {
    let child: SpawnedChild
    let request: ProcessRequest
    /// Asked on every tick: has a stop been requested, and with which grace period?
    let stopRequest: () -> (RunningProcess.StopReason?, Duration?)

    private static let longestPause: Int32 = 50  // milliseconds

    func run() -> ProcessResult {
        var pause: Int32 = 1
        var stdout = CapturedStream(descriptor: child.stdout, limit: request.outputLimit)
        var stderr = CapturedStream(descriptor: child.stderr, limit: request.outputLimit)
        let clock = ContinuousClock()
        let spawned = clock.now
        let deadline = request.timeout.map { spawned + $0 }
        var stopping: RunningProcess.StopReason?
        var killAt: ContinuousClock.Instant?
        var killed = false
        var termination: ProcessTermination?

        while true {
            let now = clock.now
            if stopping == nil {
                let (asked, grace) = stopRequest()
                if let asked {
                    stopping = asked
                } else if let deadline, now >= deadline {
                    stopping = .timeout
                }
                if stopping != nil {
                    kill(-child.pid, SIGTERM)
                    killAt = now + (grace ?? request.terminationGrace)
                }
            }
            if let killAt, !killed, now >= killAt {
                kill(-child.pid, SIGKILL)
                killed = true
            }
            if termination == nil { termination = reap() }
            if termination != nil {
                // A stopped group is gone only when its last member is: stragglers that outlive
                // the leader get the same SIGKILL at the end of the grace period.
                if stopping == nil || killed || !Self.groupHasLiveMembers(child.pid) { break }
            }
            if termination == nil {
                let nextEvent = stopping == nil ? deadline : (killed ? nil : killAt)
                let waitingFor = nextEvent.map { Self.milliseconds(until: $0, from: now) } ?? pause
                let arrived = stdout.pump(waitingUpTo: max(1, min(pause, waitingFor)), alongside: &stderr)
                pause = arrived ? 1 : min(pause * 2, Self.longestPause)
            } else {
                stdout.pump(waitingUpTo: 0, alongside: &stderr)
                usleep(UInt32(Self.longestPause) * 1000)  // the group's members are looked up in /proc
            }
        }
        stdout.drain()
        stderr.drain()
        stdout.close()
        stderr.close()
        return ProcessResult(
            termination: termination!, stdout: stdout.bytes, stderr: stderr.bytes,
            stdoutTruncated: stdout.truncated, stderrTruncated: stderr.truncated, timedOut: stopping == .timeout,
            duration: clock.now - spawned)
    }

    private static func milliseconds(until instant: ContinuousClock.Instant, from now: ContinuousClock.Instant) -> Int32 {
        let left = now.duration(to: instant).components
        return Int32(clamping: max(0, left.seconds * 1000 + left.attoseconds / 1_000_000_000_000_000))
    }

    /// True while a process of the group is alive. Zombies do not count: an orphan killed with
    /// its group stays one for as long as nobody reaps it, which in a container may be for ever.
    static func groupHasLiveMembers(_ group: pid_t) -> Bool {
        guard kill(-group, 0) == 0 else { return false }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        for entry in entries where entry.first?.isNumber == true {
            guard let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { continue }
            // After the command: state, ppid, pgrp, …
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            if fields.count > 2, fields[2] == "\(group)", fields[0] != "Z" { return true }
        }
        return false
    }

    private func reap() -> ProcessTermination? {
        var status: Int32 = 0
        let reaped = waitpid(child.pid, &status, WNOHANG)
        guard reaped == child.pid else {
            // ECHILD: someone else reaped it (a SIGCHLD set to SIG_IGN); nothing more to learn.
            if reaped < 0 && errno == ECHILD { return .exited(-1) }
            return nil
        }
        let signal = status & 0x7f
        return signal == 0 ? .exited((status >> 8) & 0xff) : .signalled(signal)
    }
}

/// One captured output stream: the read end of its pipe and the bytes kept so far.
struct CapturedStream {
    private(set) var descriptor: Int32
    let limit: Int
    private(set) var bytes: [UInt8] = []
    private(set) var truncated = false

    init(descriptor: Int32, limit: Int) {
        self.descriptor = descriptor
        self.limit = max(0, limit)
    }

    /// Waits up to `milliseconds` for either stream to have data (or end), then reads what is
    /// there; true when something arrived.
    @discardableResult
    mutating func pump(waitingUpTo milliseconds: Int32, alongside other: inout CapturedStream) -> Bool {
        var fds = [self, other].filter { $0.descriptor >= 0 }.map { pollfd(fd: $0.descriptor, events: Int16(POLLIN), revents: 0) }
        if fds.isEmpty {
            if milliseconds > 0 { usleep(UInt32(milliseconds) * 1000) }
            return false
        }
        guard poll(&fds, nfds_t(fds.count), milliseconds) > 0 else { return false }
        readAvailable()
        other.readAvailable()
        return true
    }

    /// Reads what the pipe holds now, without waiting.
    mutating func drain() { readAvailable() }

    mutating func close() {
        if descriptor >= 0 { Glibc.close(descriptor) }
        descriptor = -1
    }

    private mutating func readAvailable() {
        guard descriptor >= 0 else { return }
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else {
                if count == 0 { close() }  // every writer has gone
                return
            }
            let room = limit - bytes.count
            if count > room { truncated = true }
            bytes.append(contentsOf: chunk[0..<min(count, max(0, room))])
        }
    }
}
