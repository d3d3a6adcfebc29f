import Foundation
import Testing
import TestSupport

/// infra-status's load balancer section against the Hetzner emulator (an infra.yaml without hosts,
/// so no SSH is involved): table, JSON, Prometheus, Nagios, and an API failure shown in the section.
@Suite("infra-status load balancer section against the Hetzner emulator", .enabled(if: LoadBalancerToolHarness.isAvailable))
struct LoadBalancerStatusSectionEndToEndTests {
    static let config = """
        hosts: {}
        load_balancer:
          name: lb-prod
          type: lb11
          location: fsn1
        """

    static func start() async throws -> (LoadBalancerToolHarness, String) {
        let harness = try await LoadBalancerToolHarness.start()
        try await harness.applyFixture()
        try await harness.emulator.finishActions()
        return (harness, try harness.config(config))
    }

    func status(_ harness: LoadBalancerToolHarness, _ config: String, _ arguments: [String], environment: [String: String] = [:])
        async throws -> ToolResult
    {
        let result = try await ToolProcess.run(
            "infra-status", ["--config", config] + arguments, environment: harness.emulator.environment.merging(environment) { $1 })
        harness.expectNoSecrets(result)
        return result
    }

    @Test("every target's health per port shows in the table, JSON, Prometheus and Nagios")
    func formats() async throws {
        let (harness, config) = try await Self.start()
        defer { harness.stop() }
        try await harness.emulator.setHealth(["load_balancer": "lb-prod", "target": "app2", "listen_port": 443, "status": "unhealthy"])

        let table = try await status(harness, config, [])
        #expect(table.status == 1, "\(table.stdout)\(table.stderr)")
        #expect(table.stdout.contains("check lb/lb-prod/app1  up  80 healthy, 443 healthy"), "\(table.stdout)")
        #expect(table.stdout.contains("check lb/lb-prod/app2  down  80 healthy, 443 unhealthy"), "\(table.stdout)")

        let json = try await status(harness, config, ["--json"])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let section = try #require((document["load_balancers"] as? [[String: Any]])?.first)
        #expect(section["name"] as? String == "lb-prod")
        #expect((section["targets"] as? [[String: Any]])?.count == 2)

        let prometheus = try await status(harness, config, ["--format", "prometheus"])
        #expect(prometheus.stdout.contains(#"infra_lb_target_healthy{lb="lb-prod",target="app2",port="443"} 0"#), "\(prometheus.stdout)")
        #expect(prometheus.stdout.contains(#"infra_lb_target_healthy{lb="lb-prod",target="app1",port="80"} 1"#), "\(prometheus.stdout)")

        let nagios = try await status(harness, config, ["--nagios"])
        #expect(nagios.status == 2, "\(nagios.stdout)")
        #expect(nagios.stdout.contains("lb/lb-prod/app2: down - 80 healthy, 443 unhealthy"), "\(nagios.stdout)")
    }

    @Test("an API failure or a slow API shows in the section, within the timeout, and is no crash")
    func failures() async throws {
        let (harness, config) = try await Self.start()
        defer { harness.stop() }
        let refused = try await status(harness, config, ["--json"], environment: ["HCLOUD_TOKEN": String(repeating: "z", count: 64)])
        #expect(refused.status == 1, "\(refused.stderr)")
        #expect(refused.stdout.contains("unauthorized"), "\(refused.stdout)")

        try await harness.emulator.addFault(["kind": "slow", "delay": 20, "path": "/v1/load_balancers", "count": 5])
        let started = ContinuousClock.now
        let slow = try await status(harness, config, ["--timeout", "1"])
        #expect(ContinuousClock.now - started < .seconds(10))
        #expect(slow.stdout.contains("check lb/lb-prod  unknown"), "\(slow.stdout)")
    }

    @Test("without HCLOUD_TOKEN there is no load balancer section")
    func noToken() async throws {
        let (harness, config) = try await Self.start()
        defer { harness.stop() }
        let result = try await status(harness, config, ["--json"], environment: ["HCLOUD_TOKEN": ""])
        #expect(!result.stdout.contains("lb-prod"), "\(result.stdout)")
    }
}
