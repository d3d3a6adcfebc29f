import Foundation
import InfraKit
import Synchronization

/// What the hook writes on stderr: one line per step, and with `--verbose` (or
/// `ACME_CLOUDNS_VERBOSE`) every API request and DNS check with the time since the start, and a
/// count of CloudNS requests at the end. `--quiet` keeps only errors (which the runner prints).
/// stdout is not touched here: it carries nothing but certbot's hand-over.
final class ACMEHookOutput: Sendable {
    private let toolName: String
    private let stderr: any OutputWriter
    private let quiet: Bool
    let verbose: Bool
    private let started = ContinuousClock.now
    private let counts = Mutex((requests: 0, polls: 0))

    init(toolName: String, stderr: any OutputWriter, quiet: Bool, verbose: Bool) {
        self.toolName = toolName
        self.stderr = stderr
        self.quiet = quiet
        self.verbose = verbose
    }

    func step(_ line: String) {
        guard !quiet else { return }
        stderr.write("\(toolName): \(verbose ? "[\(elapsed)] " : "")\(line)\n")
    }

    func trace(_ line: String) {
        guard verbose else { return }
        stderr.write("\(toolName): [\(elapsed)] \(line)\n")
    }

    /// The ``APIClient`` trace: one redacted line per HTTP attempt, counted.
    func apiRequest(_ line: String) {
        let isPoll = line.contains("/update-status.json") || line.contains("/is-updated.json")
        counts.withLock { counts in
            counts.requests += 1
            if isPoll { counts.polls += 1 }
        }
        trace(line)
    }

    /// `--verbose`: how many CloudNS requests the run made, polls apart.
    func summary(succeeded: Bool) {
        let (requests, polls) = counts.withLock { ($0.requests, $0.polls) }
        let calls = requests - polls
        trace(
            "\(succeeded ? "done" : "failed"): \(calls) CloudNS API request\(calls == 1 ? "" : "s"),"
                + " \(polls) update-status poll\(polls == 1 ? "" : "s")")
    }

    var log: ACMEHookLog {
        ACMEHookLog(step: { [self] in step($0) }, trace: { [self] in trace($0) })
    }

    private var elapsed: String {
        let duration = started.duration(to: .now)
        let (seconds, attoseconds) = duration.components
        return String(format: "%.3f s", Double(seconds) + Double(attoseconds) / 1e18)
    }
}
