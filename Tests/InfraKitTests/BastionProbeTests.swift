import Foundation
import InfraKit
import TestSupport
import Testing

/// Probes through bastions (`ssh.proxy_jump`) on a fleet whose hosts live in a network namespace
/// the test process cannot reach: a connect to their addresses from here is refused, so a host
/// that answers was reached through its bastion's `direct-tcpip` channel and nothing else.
///
/// Serialized: the tests count the connections and logins each bastion receives.
@Suite(.serialized, BastionFleetScope())
struct BastionProbeTests {
    static let layout: [(role: String, kind: String, network: String)] = [
        ("bastion", "healthy", "bastion"),  // 01: the way in
        ("app", "healthy", "behind"),  // 02
        ("db", "healthy", "behind"),  // 03
        ("cache", "healthy", "behind"),  // 04
        ("app", "unknown", "behind"),  // 05: not in known_hosts
        ("ci", "down", "behind"),  // 06: nothing listens; the bastion cannot connect
        ("app", "hang", "behind"),  // 07: docker ps hangs
        ("bastion", "badkey", "bastion"),  // 08: its key is not the one known_hosts holds
        ("bastion", "down", "direct"),  // 09: nothing listens
        ("bastion", "tarpit", "direct"),  // 10: accepts TCP, never a banner
        ("bastion", "healthy", "behind"),  // 11: a second hop, reachable only through 01
        ("bastion", "noforward", "bastion"),  // 12: logs in, but refuses to forward
    ]

    static let timeout: Duration = .seconds(3)
    static let timeoutSeconds = 3.0

    @TaskLocal static var current: FleetFixture?

    var fleet: FleetFixture {
        guard let fleet = Self.current else { preconditionFailure("this test needs BastionFleetScope") }
        return fleet
    }

    private var bastion: FleetFixture.Host { fleet.hosts[0] }
    private var healthyBehind: [FleetFixture.Host] { Array(fleet.hosts[1...3]) }

    private func target(_ host: FleetFixture.Host, via bastions: [FleetFixture.Host]) -> ProbeTarget {
        var target = fleet.target(host)
        target.jumps = bastions.map(fleet.jump)
        return target
    }

    private func probe(_ targets: [ProbeTarget]) async -> (report: FleetReport, seconds: Double) {
        let options = ProbeOptions(
            timeout: Self.timeout, knownHosts: KnownHostsPolicy(file: KnownHostsFile(path: fleet.knownHostsPath)),
            agentSocket: nil)
        let start = ContinuousClock.now
        let report = await FleetProber.probe(targets, options: options)
        let elapsed = start.duration(to: .now).components
        return (report, Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18)
    }

    @Test func hostsBehindABastionAnswerThroughOneConnectionToIt() async throws {
        for host in healthyBehind { #expect(!fleet.answersDirectly(host), "\(host.name) must not be reachable directly") }
        let connectionsBefore = fleet.relayedConnections(to: bastion)
        let loginsBefore = fleet.acceptedLogins(on: bastion)

        let (report, _) = await probe(healthyBehind.map { target($0, via: [bastion]) })

        #expect(report.hosts.map(\.name) == healthyBehind.map(\.name))
        for host in report.hosts {
            #expect(host.state == .ok, "\(host.name): \(host.detail ?? "")")
            #expect(host.services.allSatisfy { $0.state == .up }, "\(host.name): \(host.services)")
            #expect(host.hostKeyFingerprint?.hasPrefix("SHA256:") == true)
        }
        #expect(report.hosts[0].operatingSystem == "Ubuntu 22.04.5 LTS")
        #expect(StatusExit.status(for: report) == .success)
        #expect(fleet.relayedConnections(to: bastion) - connectionsBefore == 1)
        #expect(fleet.acceptedLogins(on: bastion) - loginsBefore == 1)
        for host in healthyBehind { #expect(fleet.commandsRun(on: host).count >= 1) }
        // The jump session ends with the probe (its thread is named after the bastion).
        #expect(await ThreadCensus.waitUntilGone(named: "jump \(bastion.name)") == 0)
    }

    @Test func withoutItsBastionAHostBehindItIsUnreachable() async {
        let (report, _) = await probe([fleet.target(healthyBehind[0])])
        #expect(report.hosts.first?.state == .unreachable)
        #expect(report.hosts.first?.detail?.contains("connection refused") == true)
    }

    @Test func theBastionItselfIsProbedNormallyAlongsideTheHostsBehindIt() async {
        let targets = [fleet.target(bastion)] + healthyBehind.prefix(1).map { target($0, via: [bastion]) }
        let (report, _) = await probe(targets)
        #expect(report.hosts.map(\.state) == [.ok, .ok], "\(report.hosts.map { $0.detail ?? "" })")
        #expect(report.hosts[0].services.isEmpty)
    }

    @Test func anUnknownHostBehindTheBastionIsRefusedUnderItsOwnName() async throws {
        let unknown = fleet.hosts[4]
        let (report, _) = await probe([target(unknown, via: [bastion])])
        let host = try #require(report.hosts.first)
        #expect(host.state == .unknownHost)
        #expect(host.detail?.contains("[\(unknown.address)]:2222") == true, "\(host.detail ?? "")")
        #expect(host.detail?.contains("via bastion") == false)
        #expect(fleet.commandsRun(on: unknown).isEmpty)
        #expect(StatusExit.status(for: report) == .noPermission)
    }

    @Test func aHostTheBastionCannotConnectToIsUnreachableAtOnce() async throws {
        let (report, seconds) = await probe([target(fleet.hosts[5], via: [bastion]), target(healthyBehind[0], via: [bastion])])
        let host = try #require(report.hosts.first)
        #expect(host.state == .unreachable)
        #expect(host.detail?.contains("via bastion \(bastion.name): \(fleet.hosts[5].address):2222") == true, "\(host.detail ?? "")")
        #expect(host.detail?.contains("could not connect") == true)
        #expect(host.probeSeconds < 1, "took \(host.probeSeconds) s")
        #expect(report.hosts[1].state == .ok)
        #expect(seconds < Self.timeoutSeconds)
        #expect(StatusExit.status(for: report) == .failure)
    }

    @Test func aBastionThatMayNotForwardSaysSo() async throws {
        let noforward = fleet.hosts[11]
        let (report, seconds) = await probe([target(healthyBehind[0], via: [noforward])])
        let host = try #require(report.hosts.first)
        #expect(host.state == .unreachable)
        #expect(host.detail?.contains("via bastion \(noforward.name): \(healthyBehind[0].address):2222: the bastion may not forward there") == true, "\(host.detail ?? "")")
        #expect(host.detail?.contains("administratively prohibited") == true)
        #expect(seconds < Self.timeoutSeconds)
        #expect(StatusExit.status(for: report) == .unavailable)
    }

    @Test func aHangingHostBehindTheBastionCostsTheDeadlineAndDelaysNoOne() async throws {
        let hang = fleet.hosts[6]
        let (report, seconds) = await probe([target(hang, via: [bastion])] + healthyBehind.map { target($0, via: [bastion]) })
        let host = try #require(report.hosts.first)
        #expect(host.state == .timeout)
        #expect(host.dockerVersion != nil, "the output before the hang is kept")
        #expect(host.probeSeconds <= Self.timeoutSeconds + 0.5)
        #expect(seconds < Self.timeoutSeconds + 1.5)
        for other in report.hosts.dropFirst() {
            #expect(other.state == .ok, "\(other.name): \(other.detail ?? "")")
            #expect(other.probeSeconds < Self.timeoutSeconds / 2)
        }
        #expect(await ThreadCensus.waitUntilGone(named: "jump \(bastion.name)") == 0)
    }

    @Test func aDownBastionFailsEveryHostBehindItFastAndNamesTheBastion() async {
        let down = fleet.hosts[8]
        let (report, seconds) = await probe(healthyBehind.map { target($0, via: [down]) })
        for host in report.hosts {
            #expect(host.state == .unreachable)
            #expect(host.detail?.hasPrefix("via bastion \(down.name): \(down.address):2222: connection refused") == true, "\(host.detail ?? "")")
        }
        #expect(seconds < 1)
        #expect(StatusExit.status(for: report) == .unavailable)
    }

    @Test func aBastionThatNeverAnswersCostsItsHostsTheirDeadlineOnly() async {
        let tarpit = fleet.hosts[9]
        let (report, seconds) = await probe(healthyBehind.map { target($0, via: [tarpit]) })
        for host in report.hosts {
            #expect(host.state == .timeout, "\(host.name): \(host.detail ?? "")")
            #expect(host.detail?.contains("via bastion \(tarpit.name)") == true, "\(host.detail ?? "")")
            #expect(host.probeSeconds <= Self.timeoutSeconds + 0.5)
        }
        #expect(seconds < Self.timeoutSeconds + 1.5)
        #expect(StatusExit.status(for: report) == .unavailable)
    }

    @Test func aBastionWithTheWrongKeyIsRefusedAndNothingRunsBehindIt() async {
        let badkey = fleet.hosts[7]
        let behind = healthyBehind[1]
        let before = fleet.commandsRun(on: behind).count
        let (report, _) = await probe([target(behind, via: [badkey])])
        let host = report.hosts.first
        #expect(host?.state == .hostKeyMismatch)
        #expect(host?.detail?.hasPrefix("via bastion \(badkey.name): [\(badkey.address)]:2222: HOST KEY MISMATCH") == true, "\(host?.detail ?? "")")
        #expect(fleet.commandsRun(on: behind).count == before)
        #expect(StatusExit.status(for: report) == .noPermission)
    }

    @Test func aBastionThatRefusesTheLoginFailsItsHostsAsAuthentication() async {
        var jump = fleet.jump(bastion)
        jump.keyPath = fleet.strangerKeyPath
        var behind = fleet.target(healthyBehind[0])
        behind.jumps = [jump]
        let (report, _) = await probe([behind])
        #expect(report.hosts.first?.state == .authFailed)
        #expect(report.hosts.first?.detail?.hasPrefix("via bastion \(bastion.name): ") == true, "\(report.hosts.first?.detail ?? "")")
        #expect(StatusExit.status(for: report) == .noPermission)
    }

    @Test func aChainOfTwoBastionsIsFollowedHopByHop() async {
        let second = fleet.hosts[10]
        #expect(!fleet.answersDirectly(second))
        let connectionsBefore = fleet.relayedConnections(to: bastion)
        let targets = healthyBehind.map { target($0, via: [bastion, second]) } + [target(healthyBehind[0], via: [bastion])]
        let (report, _) = await probe(targets)
        for host in report.hosts {
            #expect(host.state == .ok, "\(host.name): \(host.detail ?? "") after \(host.probeSeconds) s")
        }
        #expect(fleet.relayedConnections(to: bastion) - connectionsBefore == 1)
        #expect(fleet.acceptedLogins(on: second) >= 1)
    }
}

/// Starts the bastion fleet once for the suite and stops it afterwards.
struct BastionFleetScope: SuiteTrait, TestScoping {
    func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        let fleet = try await onDedicatedThread { try FleetFixture.start(networkLayout: BastionProbeTests.layout) }
        do {
            try await BastionProbeTests.$current.withValue(fleet) { try await function() }
        } catch {
            await onDedicatedThread { fleet.stop() }
            throw error
        }
        await onDedicatedThread { fleet.stop() }
    }
}
