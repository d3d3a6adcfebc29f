@testable import InfraKit
import Testing

struct StatusClassifierTests {
    private func target(_ services: [String], expected: Int? = 3, sentinel: Bool = false) -> ProbeTarget {
        ProbeTarget(name: "h1", address: "10.0.0.1", user: "root", role: "x", services: services,
                    expectedClusterSize: expected, redisSentinel: sentinel)
    }

    private func outcome(_ lines: [String], failure: SSHError? = nil) -> SSHCommandOutcome {
        var outcome = SSHCommandOutcome()
        outcome.standardOutput = lines.joined(separator: "\n") + "\n"
        outcome.failure = failure
        outcome.sessionSeconds = 0.04
        outcome.totalSeconds = 0.08
        outcome.exitStatus = failure == nil ? 0 : nil
        return outcome
    }

    private func galera(size: String, status: String = "Primary", state: String = "Synced") -> [String] {
        ["infra-probe\t1", "docker\tabsent", "galera\tsource\thost mariadb", "galera\tbegin",
         "galera\tline\twsrep_cluster_size\t\(size)", "galera\tline\twsrep_cluster_status\t\(status)",
         "galera\tline\twsrep_local_state_comment\t\(state)", "galera\tend\t0", "infra-probe\tdone"]
    }

    @Test(arguments: [
        ("3", "Primary", "Synced", ServiceState.up, HostState.ok),
        ("2", "Primary", "Synced", .degraded, .degraded),
        ("3", "non-Primary", "Synced", .degraded, .degraded),
        ("3", "Primary", "Donor/Desynced", .degraded, .degraded),
    ])
    func galeraIsDegradedUnlessPrimarySyncedAndFull(size: String, status: String, state: String,
                                                  service: ServiceState, host: HostState) {
        let report = HostClassifier.report(for: target(["galera"]), outcome: outcome(galera(size: size, status: status, state: state)))
        #expect(report.services.first?.state == service)
        #expect(report.state == host)
        #expect(report.galeraClusterSize == Int(size))
    }

    @Test func galeraWithoutExpectedSizeOnlyLooksAtStatus() {
        let report = HostClassifier.report(for: target(["galera"], expected: nil), outcome: outcome(galera(size: "1")))
        #expect(report.services.first == CheckResult(name: "galera", state: .up, detail: "size 1, Primary, Synced (host mariadb)"))
    }

    @Test(arguments: [
        ("Up 3 days (healthy)", ServiceState.up), ("Up 2 minutes (unhealthy)", .degraded),
        ("Up 5 seconds (health: starting)", .degraded), ("Restarting (1) 4 seconds ago", .down), ("Up 1 hour (Paused)", .degraded),
    ])
    func containerServicesFollowDockerStatus(status: String, expected: ServiceState) {
        let lines = ["infra-probe\t1", "docker\tbegin", "docker\tline\tDocker version 27.3.1, build x", "docker\tend\t0",
                     "containers\tbegin", "containers\tline\tcoolify-proxy\ttraefik:v3.1\t\(status)", "containers\tend\t0",
                     "infra-probe\tdone"]
        let report = HostClassifier.report(for: target(["traefik"]), outcome: outcome(lines))
        #expect(report.services.first?.state == expected)
        #expect(report.dockerVersion == "27.3.1")
    }

    @Test func missingDockerMeansContainerServicesAreDown() {
        let report = HostClassifier.report(
            for: target(["docker", "coolify"]), outcome: outcome(["infra-probe\t1", "docker\tabsent", "infra-probe\tdone"]))
        #expect(report.state == .serviceDown)
        #expect(report.services.map(\.detail) == ["docker is not installed", "docker is not installed"])
        #expect(report.detail?.contains("docker down: docker is not installed") == true)
    }

    @Test func aRunnerContainerStandsInForAnInactiveUnit() {
        let lines = ["infra-probe\t1", "containers\tbegin", "containers\tline\trunner-1-dind\tdocker:dind\tUp 6 hours",
                     "containers\tend\t0", "runner-unit\tbegin", "runner-unit\tline\tinactive", "runner-unit\tend\t3",
                     "infra-probe\tdone"]
        let report = HostClassifier.report(for: target(["forgejo-runner"]), outcome: outcome(lines))
        #expect(report.services.first?.state == .up)
        #expect(report.services.first?.detail.hasPrefix("container runner-1-dind") == true)
    }

    @Test func redisRoleIsShownWhenSentinelIsOn() {
        let lines = ["infra-probe\t1", "redis\tsource\thost", "redis\tbegin", "redis\tline\tPONG", "redis\tend\t0",
                     "redis-role\tbegin", "redis-role\tline\tslave", "redis-role\tline\t10.0.0.2", "redis-role\tend\t0",
                     "infra-probe\tdone"]
        let report = HostClassifier.report(for: target(["redis"], sentinel: true), outcome: outcome(lines))
        #expect(report.services.first == CheckResult(name: "redis", state: .up, detail: "PONG, role slave (host)"))
    }

    @Test(arguments: [
        (SSHError.Kind.hostKeyMismatch, SSHError.Phase.hostKey, HostState.hostKeyMismatch),
        (.hostKeyUnknown, .hostKey, .unknownHost), (.authenticationFailed, .auth, .authFailed),
        (.rsaUnsupported, .auth, .authFailed), (.rsaUnsupported, .handshake, .unreachable),
        (.connectionRefused, .connect, .unreachable), (.timeout, .handshake, .timeout), (.localFile, .auth, .authFailed),
    ])
    func sshFailuresBecomeHostStates(kind: SSHError.Kind, phase: SSHError.Phase, expected: HostState) {
        let failure = SSHError(kind, phase: phase, "10.0.0.1: something")
        let report = HostClassifier.report(for: target(["docker"]), outcome: outcome([], failure: failure))
        #expect(report.state == expected)
        #expect(report.detail == "10.0.0.1: something")
        #expect(report.services == [CheckResult(name: "docker", state: .unknown, detail: "not checked: \(expected.label)")])
    }
}
