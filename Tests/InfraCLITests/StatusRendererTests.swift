import Foundation
import InfraKit
import Testing

@testable import InfraCLI

struct StatusRendererTests {
    static let healthy = HostReport(
        name: "web1", address: "10.0.0.1", port: 22, role: "app", state: .ok, detail: nil, sshSeconds: 0.0412,
        probeSeconds: 0.0813, operatingSystem: "Debian GNU/Linux 12 (bookworm)", dockerVersion: "27.3.1",
        services: [CheckResult(name: "docker", state: .up, detail: "6 containers running")])
    static let degraded = HostReport(
        name: "db \"2\"", address: "10.0.0.2", port: 22, role: "db", state: .degraded,
        detail: "galera degraded: size 2/3", sshSeconds: 0.05, probeSeconds: 0.09, operatingSystem: nil,
        dockerVersion: nil, galeraClusterSize: 2,
        services: [CheckResult(name: "galera", state: .degraded, detail: "size 2/3, Primary, Synced (host mariadb)")])
    static let mismatch = HostReport(
        name: "web3", address: "10.0.0.3", port: 2222, role: nil, state: .hostKeyMismatch,
        detail: "[10.0.0.3]:2222: HOST KEY MISMATCH", sshSeconds: nil, probeSeconds: 0.02, operatingSystem: nil,
        dockerVersion: nil, services: [CheckResult(name: "docker", state: .unknown, detail: "not checked")])

    @Test func theTableShowsHostsThenTheirServices() {
        let table = StatusTableRenderer.render(FleetReport(hosts: [Self.healthy, Self.mismatch]), color: false)
        let lines = table.split(separator: "\n").map(String.init)
        #expect(lines[0].split(separator: " ", omittingEmptySubsequences: true) == ["HOST", "IP", "ROLE", "SSH", "OS", "DOCKER", "STATE"])
        #expect(lines[1].hasPrefix("web1  10.0.0.1  app   41 ms  Debian GNU/Linux 12 (bookworm)  27.3.1  ok"))
        #expect(lines[2] == "    docker  up        6 containers running")
        #expect(lines[3].hasSuffix("HOST KEY MISMATCH"))
        #expect(lines[4] == "    ! [10.0.0.3]:2222: HOST KEY MISMATCH")
        #expect(!table.contains("\u{1B}["))
        #expect(StatusTableRenderer.render(FleetReport(hosts: [Self.healthy]), color: true).contains("\u{1B}[32mok"))
    }

    @Test func jsonAlwaysHasTheSameKeys() throws {
        let json = StatusJSONRenderer.render(FleetReport(hosts: [Self.healthy, Self.mismatch]))
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let hosts = try #require(document["hosts"] as? [[String: Any]])
        #expect(Set(hosts[0].keys) == Set(hosts[1].keys))
        #expect(Set(hosts[0].keys) == [
            "name", "address", "port", "role", "state", "detail", "ssh_seconds", "probe_seconds", "os",
            "docker_version", "galera_cluster_size", "services", "host_key_fingerprint", "host_key_recorded", "via",
        ])
        #expect(hosts[1]["ssh_seconds"] is NSNull)
        #expect(hosts[1]["state"] as? String == "host_key_mismatch")
        let summary = try #require(document["summary"] as? [String: Any])
        #expect(summary["exit_status"] as? Int == 77)
        #expect(json == StatusJSONRenderer.render(FleetReport(hosts: [Self.healthy, Self.mismatch])))
    }

    @Test func prometheusHasHelpAndTypeOnceAndEscapedLabels() {
        let text = PrometheusTextfileRenderer.render(
            FleetReport(hosts: [Self.healthy, Self.degraded]), generatedAt: Date(timeIntervalSince1970: 1_800_000_000))
        #expect(text.hasSuffix("\n"))
        let lines = text.split(separator: "\n")
        var typed = Set<String>()
        for line in lines where line.hasPrefix("# TYPE ") {
            let name = String(line.split(separator: " ")[2])
            #expect(!typed.contains(name), "TYPE twice for \(name)")
            typed.insert(name)
        }
        for line in lines where !line.hasPrefix("#") {
            let name = String(line.prefix { $0 != "{" && $0 != " " })
            #expect(typed.contains(name), "no TYPE for \(name)")
            #expect(name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" })
        }
        #expect(text.contains("infra_host_up{host=\"web1\",address=\"10.0.0.1\",role=\"app\"} 1\n"))
        #expect(text.contains("infra_ssh_seconds{host=\"web1\"} 0.041200\n"))
        #expect(text.contains("infra_service_up{host=\"db \\\"2\\\"\",service=\"galera\"} 1\n"))
        #expect(text.contains("infra_service_state{host=\"db \\\"2\\\"\",service=\"galera\",state=\"degraded\"} 1\n"))
        #expect(text.contains("infra_galera_cluster_size{host=\"db \\\"2\\\"\"} 2\n"))
        #expect(text.contains("infra_status_last_run_timestamp_seconds 1800000000\n"))
        #expect(PrometheusTextfileRenderer.escapeLabel("a\\b\"c\nd") == "a\\\\b\\\"c\\nd")
    }

    @Test(arguments: [
        ([HostState.ok], NagiosStatus.ok, InfraKit.ExitStatus.success),
        ([.ok, .degraded], .warning, .failure),
        ([.ok, .serviceDown], .critical, .failure),
        ([.ok, .timeout], .critical, .failure),
        ([.unreachable, .timeout], .critical, .unavailable),
        ([.unreachable, .degraded], .critical, .failure),
        ([.unreachable, .hostKeyMismatch], .critical, .failure),
        ([.authFailed], .critical, .noPermission),
        ([.unknownHost, .ok], .critical, .noPermission),
    ])
    func statesMapToNagiosAndExitStatuses(states: [HostState], nagios: NagiosStatus, exit: InfraKit.ExitStatus) {
        let hosts = states.enumerated().map { index, state in
            var host = Self.healthy
            host.name = "h\(index)"
            host.state = state
            return host
        }
        let report = FleetReport(hosts: hosts)
        #expect(NagiosRenderer.status(for: report) == nagios)
        #expect(StatusExit.status(for: report) == exit)
        #expect(NagiosRenderer.render(report).text.hasPrefix("INFRA-STATUS \(nagios.label) - "))
    }

    @Test func nagiosPrintsOneStatusLineWithPerfdataThenTheProblems() {
        let result = NagiosRenderer.render(FleetReport(hosts: [Self.healthy, Self.degraded, Self.mismatch]))
        let lines = result.text.split(separator: "\n").map(String.init)
        #expect(result.status == .critical)
        #expect(result.status.exitStatus.rawValue == 2)
        #expect(lines[0] == "INFRA-STATUS CRITICAL - 3 hosts: 1 ok, 1 degraded, 1 HOST KEY MISMATCH | hosts=3;;;0 "
            + "hosts_ok=1;;;0;3 hosts_degraded=1;;;0;3 hosts_failed=1;;;0;3 web1_ssh=41200us;;;0 "
            + "'db \"2\"_ssh'=50000us;;;0 web3_ssh=U;;;0")
        #expect(lines.dropFirst() == ["db \"2\": degraded - galera degraded: size 2/3", "web3: HOST KEY MISMATCH - [10.0.0.3]:2222: HOST KEY MISMATCH"])
        #expect(NagiosRenderer.status(for: FleetReport(hosts: [])) == .unknown)
        #expect(NagiosRenderer.label("it's") == "'it''s'")
    }

    @Test func externalChecksCountInEveryFormat() {
        let report = FleetReport(hosts: [Self.healthy], checks: [CheckResult(name: "lb1 target web1", state: .down, detail: "unhealthy")])
        #expect(StatusExit.status(for: report) == .failure)
        #expect(NagiosRenderer.status(for: report) == .critical)
        #expect(StatusTableRenderer.render(report, color: false).contains("check lb1 target web1  down  unhealthy"))
        #expect(PrometheusTextfileRenderer.render(report, generatedAt: Date()).contains("infra_check_up{check=\"lb1 target web1\"} 0\n"))
        #expect(StatusJSONRenderer.render(report).contains("\"lb1 target web1\""))
    }

    @Test("each host state shows in every output format", arguments: HostState.allCases)
    func eachHostStateShowsInEveryFormat(state: HostState) throws {
        var host = Self.healthy
        host.state = state
        host.detail = state == .ok ? nil : "why it is \(state.label)"
        let report = FleetReport(hosts: [host])

        let row = try #require(StatusTableRenderer.render(report, color: false).split(separator: "\n").dropFirst().first)
        #expect(row.hasPrefix("web1 ") && row.hasSuffix("  " + state.label))

        let json = try JSONSerialization.jsonObject(with: Data(StatusJSONRenderer.render(report).utf8))
        let hosts = try #require((json as? [String: Any])?["hosts"] as? [[String: Any]])
        #expect(hosts.first?["state"] as? String == state.rawValue)

        let metrics = PrometheusTextfileRenderer.render(report, generatedAt: Date())
        #expect(metrics.contains("infra_host_state{host=\"web1\",state=\"\(state.rawValue)\"} 1\n"))
        #expect(metrics.contains("infra_host_up{host=\"web1\",address=\"10.0.0.1\",role=\"app\"} \(state.answered ? 1 : 0)\n"))

        let nagios = NagiosRenderer.render(report).text.split(separator: "\n").dropFirst()
        #expect(nagios.contains("web1: \(state.label) - why it is \(state.label)") == (state != .ok))
    }

    @Test func colorPaintsTheStatesWithoutMovingAColumn() {
        var slow = Self.healthy
        slow.name = "web-é"
        slow.role = nil
        slow.state = .timeout
        slow.detail = "no answer in 5 s"
        slow.services = [CheckResult(name: "redis", state: .down, detail: ""), CheckResult(name: "a", state: .unknown, detail: "x")]
        let report = FleetReport(hosts: [Self.healthy, slow], checks: [CheckResult(name: "lb1 target web1", state: .down, detail: "unhealthy")])
        let plain = StatusTableRenderer.render(report, color: false)
        #expect(plain == """
            HOST   IP        ROLE  SSH    OS                              DOCKER  STATE
            web1   10.0.0.1  app   41 ms  Debian GNU/Linux 12 (bookworm)  27.3.1  ok
                docker  up        6 containers running
            web-é  10.0.0.1  -     41 ms  Debian GNU/Linux 12 (bookworm)  27.3.1  timeout
                ! no answer in 5 s
                redis   down      \n    a       unknown   x
            check lb1 target web1  down  unhealthy

            """)
        let colored = StatusTableRenderer.render(report, color: true)
        #expect(colored.contains("27.3.1  \u{1B}[32mok\u{1B}[0m\n"))
        #expect(colored.contains("27.3.1  \u{1B}[1;31mtimeout\u{1B}[0m\n"))
        #expect(colored.contains("    \u{1B}[2munknown \u{1B}[0m  x\n"))
        #expect(colored.replacing(#/\x{1B}\[[0-9;]*m/#, with: "") == plain)
    }
}
