import Foundation
import InfraKit
import Synchronization
import TestSupport
import Testing

extension FleetProbeTests {
    /// What a user checks of a host: its name, state, reason and each service's verdict.
    private static func verdicts(_ report: FleetReport) -> [String] {
        report.hosts.map { host in
            "\(host.name) \(host.state.rawValue) \(host.detail ?? "") " + host.services.map { "\($0)" }.joined(separator: ", ")
        }
    }

    @Test func twoAtATimeGivesTheSameReportAsAllAtOnce() async {
        let context = FleetContext.shared
        var options = context.options
        options.concurrency = 2
        let report = await FleetProber.probe(context.fleet.hosts.map { context.fleet.target($0) }, options: options)
        #expect(Self.verdicts(report) == Self.verdicts(context.report))
    }

    @Test func oneAtATimeProbesTheHostsOneAfterAnotherInOrder() async {
        let context = FleetContext.shared
        let quick = context.fleet.hosts.filter { ["healthy", "galera1", "redis_down", "down", "badkey"].contains($0.kind) }
        let finished = FinishedHosts()
        var options = context.options
        options.concurrency = 1
        options.trace = { line in finished.names.withLock { $0.append(String(line.prefix { $0 != ":" })) } }
        let report = await FleetProber.probe(quick.map { context.fleet.target($0) }, options: options)
        #expect(report.hosts.map(\.name) == quick.map(\.name))
        // Hosts finish in the order they were given only when each waits for the one before.
        #expect(finished.names.withLock { $0 } == quick.map(\.name))
    }
}

/// The hosts named by the trace, in the order their probes finished.
private final class FinishedHosts: Sendable {
    let names = Mutex([String]())
}

extension BastionProbeTests {
    @Test func hostsWaitingForAPlaceStillShareTheOneBastionConnection() async {
        let bastion = fleet.hosts[0]
        let behind = Array(fleet.hosts[1...3])
        let connectionsBefore = fleet.relayedConnections(to: bastion)
        let targets = behind.map { host in
            var target = fleet.target(host)
            target.jumps = [fleet.jump(bastion)]
            return target
        }
        var options = ProbeOptions(
            timeout: .seconds(Int(Self.patientSeconds)), knownHosts: KnownHostsPolicy(file: KnownHostsFile(path: fleet.knownHostsPath)),
            agentSocket: nil)
        options.concurrency = 1
        let report = await FleetProber.probe(targets, options: options)
        #expect(report.hosts.map(\.name) == behind.map(\.name))
        #expect(report.hosts.allSatisfy { $0.state == .ok }, "\(report.hosts.map { $0.detail ?? "ok" })")
        #expect(fleet.relayedConnections(to: bastion) - connectionsBefore == 1)
    }
}
