import Foundation
import Synchronization

/// How a fleet probe runs.
public struct ProbeOptions: Sendable {
    /// One budget per host for connect, handshake, auth, exec and output.
    public var timeout: Duration
    public var knownHosts: KnownHostsPolicy
    /// The ssh-agent socket whose keys are offered before each host's key file; nil for none.
    public var agentSocket: String?
    /// Receives one line per host as it finishes (`--verbose`).
    public var trace: TraceSink?
    /// At most this many hosts are probed at once; nil probes every host at once. A host's
    /// timeout starts when its own probe starts, not while it waits for a free place.
    public var concurrency: Int?

    public init(
        timeout: Duration = .seconds(10), knownHosts: KnownHostsPolicy,
        agentSocket: String? = ProcessInfo.processInfo.environment["SSH_AUTH_SOCK"], trace: TraceSink? = nil,
        concurrency: Int? = nil
    ) {
        self.timeout = timeout
        self.knownHosts = knownHosts
        self.agentSocket = agentSocket
        self.trace = trace
        self.concurrency = concurrency
    }
}

/// Probes many hosts at once, each on a dedicated thread (never the Swift concurrency pool:
/// libssh2 and poll(2) block their thread): one thread per host, or `concurrency` threads taking
/// the hosts in order. Each host has its own deadline, so a dead or hung host costs the timeout
/// and holds up only the thread probing it.
public enum FleetProber {
    /// Blocks the calling thread until every host has answered or timed out; reports come
    /// back in the order of `targets`.
    public static func probe(_ targets: [ProbeTarget], options: ProbeOptions) -> FleetReport {
        let done = DispatchSemaphore(value: 0)
        let run = FleetRun(count: targets.count) { _ in done.signal() }
        run.start(targets, options: options)
        if !targets.isEmpty { done.wait() }
        return FleetReport(hosts: run.reports)
    }

    /// The same, suspending instead of blocking: the host threads do the waiting.
    public static func probe(_ targets: [ProbeTarget], options: ProbeOptions) async -> FleetReport {
        if targets.isEmpty { return FleetReport(hosts: []) }
        let hosts = await withCheckedContinuation { (continuation: CheckedContinuation<[HostReport], Never>) in
            let run = FleetRun(count: targets.count) { continuation.resume(returning: $0) }
            run.start(targets, options: options)
        }
        return FleetReport(hosts: hosts)
    }

    /// The most file descriptors one host's probe holds at once: its TCP socket, the agent's
    /// socket, and known_hosts or a key file while it is read. A caller probing many hosts at once
    /// makes sure the process may open that many per host (`OpenFileLimit.raise(toAtLeast:)`).
    public static let descriptorsPerHost = 4

    /// The exact command sent to a host in its one exec (a POSIX sh script handed to /bin/sh).
    public static func command(for target: ProbeTarget) -> String {
        ProbeScript.command(for: target)
    }

    /// Probes one host on the calling thread; a host behind a bastion gets a jump session of its
    /// own (a fleet probe shares one per bastion instead).
    public static func probeHost(_ target: ProbeTarget, options: ProbeOptions) -> HostReport {
        let routes = JumpRoutes(for: [target])
        routes.start(options: options)
        let report = probeHost(target, options: options, via: routes.gateway(for: target))
        routes.gateway(for: target)?.release()
        routes.waitUntilStopped()
        return report
    }

    static func probeHost(_ target: ProbeTarget, options: ProbeOptions, via gateway: JumpGateway?) -> HostReport {
        var request = SSHCommandRequest(
            host: target.address, port: target.port, user: target.user, keyPath: target.keyPath,
            aliases: target.name == target.address ? [] : [target.name],
            command: command(for: target), timeout: options.timeout,
            knownHosts: options.knownHosts, agentSocket: options.agentSocket)
        request.tunnel = gateway
        let outcome = SSHCommandRunner.run(request)
        let report = HostClassifier.report(for: target, outcome: outcome)
        options.trace?(traceLine(report, outcome, jumps: target.jumps))
        return report
    }

    private static func traceLine(_ report: HostReport, _ outcome: SSHCommandOutcome, jumps: [JumpHost]) -> String {
        func ms(_ seconds: Double?) -> String { seconds.map { String(format: "%.1f ms", $0 * 1000) } ?? "-" }
        let via = jumps.isEmpty ? "" : " via " + jumps.map(\.name).joined(separator: ", ")
        return "\(report.name)\(via): \(report.state.rawValue); tcp \(ms(outcome.connectSeconds)), "
            + "session \(ms(outcome.sessionSeconds)), total \(ms(outcome.totalSeconds))"
            + (outcome.failure.map { "; \($0.message)" } ?? "")
    }
}

/// The worker threads of one fleet probe and the slots they fill.
private final class FleetRun: Sendable {
    private let slots: Mutex<(reports: [HostReport?], remaining: Int)>
    private let finished: @Sendable ([HostReport]) -> Void

    init(count: Int, finished: @escaping @Sendable ([HostReport]) -> Void) {
        slots = Mutex((Array(repeating: nil, count: count), count))
        self.finished = finished
    }

    var reports: [HostReport] {
        slots.withLock { $0.reports.compactMap { $0 } }
    }

    func start(_ targets: [ProbeTarget], options: ProbeOptions) {
        let routes = JumpRoutes(for: targets)
        routes.start(options: options)
        let width = max(1, min(options.concurrency ?? targets.count, targets.count))
        WorkerThreads.start(count: targets.count, width: width, name: "probe", stackSize: 1 << 20) { [self] index in
            let gateway = routes.gateway(for: targets[index])
            let report = FleetProber.probeHost(targets[index], options: options, via: gateway)
            gateway?.release()
            store(report, at: index, routes: routes)
        }
    }

    /// The last host's thread hands over the reports once the jump sessions are down too.
    private func store(_ report: HostReport, at index: Int, routes: JumpRoutes) {
        let complete: [HostReport]? = slots.withLock { state in
            state.reports[index] = report
            state.remaining -= 1
            return state.remaining == 0 ? state.reports.compactMap { $0 } : nil
        }
        if let complete {
            routes.waitUntilStopped()
            finished(complete)
        }
    }
}
