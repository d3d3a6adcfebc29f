import Foundation
import InfraKit
import TestSupport
import Testing

/// The fleet a suite runs against, with one probe of all of it already done.
struct FleetContext: Sendable {
    let fleet: FleetFixture
    /// The report of probing every host at once.
    let report: FleetReport
    /// Wall time of that probe.
    let wallSeconds: Double
    let options: ProbeOptions

    static let timeout: Duration = .seconds(3)
    static var timeoutSeconds: Double { Double(timeout.components.seconds) }

    @TaskLocal static var current: FleetContext?

    /// The context of the enclosing `.fleet` suite.
    static var shared: FleetContext {
        guard let current else { preconditionFailure("this test needs the .fleet suite trait") }
        return current
    }

    func host(kind: String) -> HostReport {
        let name = fleet.host(kind: kind).name
        guard let report = report.hosts.first(where: { $0.name == name }) else { preconditionFailure("no report for \(name)") }
        return report
    }

    /// Probes some hosts again with other settings (the shared report stays as it is).
    func probe(_ targets: [ProbeTarget], knownHosts: KnownHostsPolicy? = nil, agentSocket: String? = nil) async -> FleetReport {
        var options = self.options
        if let knownHosts { options.knownHosts = knownHosts }
        options.agentSocket = agentSocket
        return await FleetProber.probe(targets, options: options)
    }
}

/// Starts the fake fleet once for a whole suite, probes it once, and stops it afterwards.
struct FleetScope: SuiteTrait, TestScoping {
    func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        let fleet = try await onDedicatedThread { try FleetFixture.start() }
        do {
            let options = ProbeOptions(
                timeout: FleetContext.timeout,
                knownHosts: KnownHostsPolicy(file: KnownHostsFile(path: fleet.knownHostsPath)),
                agentSocket: nil)
            let started = ContinuousClock.now
            let report = await FleetProber.probe(fleet.hosts.map { fleet.target($0) }, options: options)
            let elapsed = started.duration(to: .now).components
            let context = FleetContext(
                fleet: fleet, report: report,
                wallSeconds: Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18, options: options)
            try await FleetContext.$current.withValue(context) { try await function() }
        } catch {
            await onDedicatedThread { fleet.stop() }
            throw error
        }
        await onDedicatedThread { fleet.stop() }
    }
}

extension Trait where Self == FleetScope {
    /// Runs the suite against a fake fleet of real sshd servers on loopback.
    static var fleet: FleetScope { FleetScope() }
}
