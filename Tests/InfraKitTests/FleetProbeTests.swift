import Foundation
import InfraKit
import TestSupport
import Testing

@Suite(.fleet)
struct FleetProbeTests {
    /// Each kind of host of the standard fleet and the state a user must see for it.
    static let expectations: [(kind: String, role: String, state: HostState)] = [
        ("healthy", "app", .ok), ("healthy", "db", .ok), ("healthy", "cache", .ok), ("healthy", "ci", .ok),
        ("galera1", "db", .degraded), ("redis_down", "cache", .serviceDown), ("badkey", "app", .hostKeyMismatch),
        ("down", "ci", .unreachable), ("tarpit", "db", .timeout), ("hang", "app", .timeout),
        ("unknown", "app", .unknownHost), ("rsa_host", "app", .unreachable), ("ecdsa_known", "db", .ok),
    ]

    @Test("each host is classified correctly, within the deadline", arguments: expectations)
    func hostIsClassified(kind: String, role: String, state: HostState) throws {
        let context = FleetContext.shared
        let name = try #require(context.fleet.hosts.first { $0.kind == kind && $0.role == role }).name
        let host = try #require(context.report.hosts.first { $0.name == name })
        #expect(host.state == state, "\(name): \(host.detail ?? "")")
        #expect(host.probeSeconds <= FleetContext.timeoutSeconds + 0.5)
    }

    @Test func theWholeFleetTakesOneDeadlineAndSlowHostsDelayNoOne() {
        let context = FleetContext.shared
        #expect(context.wallSeconds < FleetContext.timeoutSeconds + 1.5)
        for host in context.report.hosts where host.state == .ok {
            #expect(host.probeSeconds < FleetContext.timeoutSeconds / 2, "\(host.name) took \(host.probeSeconds) s")
        }
        #expect(context.report.hosts.map(\.name) == context.fleet.hosts.map(\.name))
    }

    @Test func aFleetWithMixedFaultsExitsOne() {
        let report = FleetContext.shared.report
        #expect(StatusExit.status(for: report) == .failure)
        let healthy = FleetReport(hosts: report.hosts.filter { $0.state == .ok })
        #expect(StatusExit.status(for: healthy) == .success)
    }

    @Test func healthyHostsReportTheirServicesOSAndDocker() throws {
        let context = FleetContext.shared
        let app = context.host(kind: "healthy")
        #expect(app.role == "app")
        #expect(app.operatingSystem == "Ubuntu 24.04.1 LTS")
        #expect(app.dockerVersion == "26.1.4")
        #expect(app.sshSeconds.map { $0 > 0 && $0 < FleetContext.timeoutSeconds } == true)
        #expect(app.services.map(\.state) == [.up, .up, .up])
        #expect(app.services[1].detail.contains("coolify-proxy (traefik:v3.1)"))
        #expect(context.fleet.commandsRun(on: context.fleet.host(app.name)).count == 2)

        let byName = Dictionary(uniqueKeysWithValues: context.report.hosts.map { ($0.name, $0) })
        let database = try #require(byName[context.fleet.hosts[1].name])
        #expect(database.services == [CheckResult(name: "galera", state: .up, detail: "size 3/3, Primary, Synced (host mariadb)")])
        #expect(database.dockerVersion == nil)
        #expect(database.galeraClusterSize == 3)
        let cache = try #require(byName[context.fleet.hosts[2].name])
        #expect(cache.services == [CheckResult(name: "redis", state: .up, detail: "PONG, role master (container redis)")])
        let ci = try #require(byName[context.fleet.hosts[3].name])
        #expect(ci.services.map(\.state) == [.up, .up])
        #expect(ci.services[1].detail == "systemd unit active")
        let ecdsa = context.host(kind: "ecdsa_known")
        #expect(ecdsa.services.first?.detail.hasSuffix("(container mariadb)") == true)
    }

    @Test func faultyServicesSayWhatIsWrong() {
        let context = FleetContext.shared
        let galera = context.host(kind: "galera1")
        #expect(galera.services.first?.state == .degraded)
        #expect(galera.services.first?.detail == "size 1/3, non-Primary, Initialized, not ready (container mariadb)")
        let redis = context.host(kind: "redis_down")
        #expect(redis.services.first?.state == .down)
        #expect(redis.services.first?.detail.contains("Could not connect to Redis") == true)
    }

    @Test func aHangingProbeKeepsWhatItPrintedBeforeTheDeadline() {
        let hang = FleetContext.shared.host(kind: "hang")
        #expect(hang.operatingSystem != nil)
        #expect(hang.dockerVersion != nil)
        #expect(hang.detail?.contains("docker ps") == true)
        #expect(hang.services.allSatisfy { $0.state == .unknown })
    }

    @Test func hashedAndPlainPortEntriesOfKnownHostsAreBothUnderstood() throws {
        let context = FleetContext.shared
        let knownHosts = try String(contentsOfFile: context.fleet.knownHostsPath, encoding: .utf8)
        let plain = context.fleet.hosts[0]
        let hashed = context.fleet.hosts[1]
        #expect(knownHosts.contains("[\(plain.address)]:2222 ssh-ed25519 "))
        #expect(!knownHosts.contains("[\(hashed.address)]:2222"))
        #expect(knownHosts.contains("|1|"))
        let states = context.report.hosts.filter { [plain.name, hashed.name].contains($0.name) }.map(\.state)
        #expect(states == [.ok, .ok])
    }

    @Test func aTarpitAndAClosedPortAreToldApart() {
        let context = FleetContext.shared
        let tarpit = context.host(kind: "tarpit")
        #expect(tarpit.detail?.contains("SSH handshake") == true)
        let closed = context.host(kind: "down")
        #expect(closed.detail?.contains("connection refused") == true)
        #expect(closed.probeSeconds < 0.5)
    }

    @Test func aHostKeyMismatchRunsNothingAndNamesTheFix() {
        let context = FleetContext.shared
        let host = context.host(kind: "badkey")
        #expect(context.fleet.commandsRun(on: context.fleet.host(kind: "badkey")).isEmpty)
        #expect(host.detail?.contains("HOST KEY MISMATCH") == true)
        #expect(host.detail?.contains("ssh-keygen -R") == true)
        #expect(host.hostKeyFingerprint?.hasPrefix("SHA256:") == true)
    }

    @Test func anUnknownHostIsRefusedThenRecordedWithAcceptNew() async throws {
        let context = FleetContext.shared
        let unknown = context.host(kind: "unknown")
        #expect(unknown.detail?.contains("--accept-new") == true)
        #expect(context.fleet.commandsRun(on: context.fleet.host(kind: "unknown")).isEmpty)

        let copy = context.fleet.stateDirectory + "/known_hosts.accept-new"
        try? FileManager.default.removeItem(atPath: copy)
        try FileManager.default.copyItem(atPath: context.fleet.knownHostsPath, toPath: copy)
        let before = try String(contentsOfFile: copy, encoding: .utf8)
        let target = context.fleet.target(context.fleet.host(kind: "unknown"))
        let accepting = KnownHostsPolicy(file: KnownHostsFile(path: copy), acceptNew: true)
        let first = await context.probe([target], knownHosts: accepting)
        #expect(first.hosts.first?.state == .ok)
        #expect(first.hosts.first?.hostKeyRecorded == true)
        let after = try String(contentsOfFile: copy, encoding: .utf8)
        #expect(after.hasPrefix(before))
        #expect(after.dropFirst(before.count).hasPrefix("[\(target.address)]:2222 ssh-ed25519 AAAA"))

        let strict = KnownHostsPolicy(file: KnownHostsFile(path: copy), acceptNew: false)
        let second = await context.probe([target], knownHosts: strict)
        #expect(second.hosts.first?.state == .ok)
        #expect(second.hosts.first?.hostKeyRecorded == false)
    }

    @Test func acceptNewStillRefusesAChangedKey() async {
        let context = FleetContext.shared
        let target = context.fleet.target(context.fleet.host(kind: "badkey"))
        let accepting = KnownHostsPolicy(file: KnownHostsFile(path: context.fleet.knownHostsPath), acceptNew: true)
        let report = await context.probe([target], knownHosts: accepting)
        #expect(report.hosts.first?.state == .hostKeyMismatch)
    }

    @Test func aKeyTheServerDoesNotKnowIsAnAuthFailure() async {
        let context = FleetContext.shared
        let target = context.fleet.target(context.fleet.hosts[0], keyPath: context.fleet.strangerKeyPath)
        let host = await context.probe([target]).hosts.first
        #expect(host?.state == .authFailed)
        #expect(host?.detail?.contains("authentication failed") == true)
        #expect(StatusExit.status(for: FleetReport(hosts: host.map { [$0] } ?? [])) == .noPermission)
    }

    @Test func anRSAUserKeyIsExplainedWithTheFix() async {
        let context = FleetContext.shared
        let target = context.fleet.target(context.fleet.hosts[0], keyPath: context.fleet.rsaKeyPath)
        let host = await context.probe([target]).hosts.first
        #expect(host?.state == .authFailed)
        #expect(host?.detail?.contains("RSA") == true)
        #expect(host?.detail?.contains("use an ed25519 key") == true)
    }

    @Test func anRSAOnlyHostIsExplainedWithTheFix() {
        let host = FleetContext.shared.host(kind: "rsa_host")
        #expect(host.detail?.contains("only an RSA key") == true)
        #expect(host.detail?.contains("ed25519") == true)
    }

    @Test func theAgentsKeysAreOfferedBeforeTheKeyFile() async throws {
        let context = FleetContext.shared
        let agent = try await onDedicatedThread { try SSHAgentFixture.start(adding: context.fleet.userKeyPath) }
        defer { agent.stop() }
        let target = context.fleet.target(context.fleet.hosts[0], keyPath: context.fleet.strangerKeyPath)
        let host = await context.probe([target], agentSocket: agent.socketPath).hosts.first
        #expect(host?.state == .ok, "\(host?.detail ?? "")")
    }
}
