import Foundation
import Testing
import TestSupport

/// Templates in dns.zones values, filled in by `infra-dns plan/apply` and `infra-setup`: hosts'
/// addresses from infra.yaml, the load balancer's from the Hetzner Cloud API.
@Suite("DNS templates end to end")
struct SetupTemplateEndToEndTests {
    @Test func infraDNSFillsInHostsAndTheLoadBalancer() async throws {
        let setup = try await SetupToolHarness.start(config: try SetupToolHarness.configWithTemplates)
        defer { setup.stop() }
        try await setup.hetzner.seed([
            "load_balancers": [["name": "lb-prod", "load_balancer_type": "lb11", "location": "fsn1"]]
        ])
        let lb = try #require(try await setup.hetzner.loadBalancer(named: "lb-prod"))
        let publicNet = lb["public_net"] as? [String: Any]
        let ipv4 = try #require((publicNet?["ipv4"] as? [String: Any])?["ip"] as? String)
        let ipv6 = try #require((publicNet?["ipv6"] as? [String: Any])?["ip"] as? String)

        let plan = try await setup.run(["plan", "--quiet"], tool: "infra-dns")
        #expect(plan.status == 0, "\(plan.stderr)")
        #expect(plan.stdout.contains("+ CREATE lb.example.com A \(ipv4) ttl=300\n"))
        #expect(plan.stdout.contains("+ CREATE lb.example.com AAAA \(ipv6) ttl=300\n"))
        #expect(plan.stdout.contains("+ CREATE bastion.example.com A 203.0.113.10 ttl=300\n"))
        #expect(plan.stdout.contains("+ CREATE app1.internal.example.com A 10.0.1.21 ttl=300\n"))

        let apply = try await setup.run(["apply", "--yes", "--quiet"], tool: "infra-dns")
        #expect(apply.status == 0, "\(apply.stderr)")
        #expect(try await setup.held("example.com").contains("lb A \(ipv4) 300"))
        #expect(SetupToolHarness.showsNoSecret(plan.stdout + plan.stderr + apply.stdout + apply.stderr))
    }

    @Test func hostTemplatesNeedNoHetznerToken() async throws {
        let config = try SetupToolHarness.fixtureText.replacingOccurrences(
            of: "value: 203.0.113.5", with: #"value: "{{.host.app1.ip}}""#)
        let setup = try await SetupToolHarness.start(config: config)
        defer { setup.stop() }
        let plan = try await setup.run(["plan", "--quiet"], tool: "infra-dns", environment: setup.cloudNS.environment)
        #expect(plan.status == 0, "\(plan.stderr)")
        #expect(plan.stdout.contains("+ CREATE example.com A 203.0.113.21 ttl=300\n"))
    }

    @Test func theLoadBalancerWithoutATokenIsAnErrorNamingTheRecord() async throws {
        let setup = try await SetupToolHarness.start(config: try SetupToolHarness.configWithTemplates)
        defer { setup.stop() }
        let plan = try await setup.run(["plan"], tool: "infra-dns", environment: setup.cloudNS.environment)
        #expect(plan.status == 78)
        #expect(plan.stderr.hasPrefix("infra-dns: error: \(setup.scratch.url.path)/"))
        #expect(
            plan.stderr.hasSuffix(
                #"/infra.yaml:114:39: dns.zones["example.com"].records[0].value: lb A: {{.lb_ip}} cannot be filled in: HCLOUD_TOKEN is not set, so the load balancer's addresses cannot be read"#
                    + "\n"))
        #expect(try await setup.cloudNS.calls().isEmpty)
    }

    @Test func aLoadBalancerThatDoesNotExistYetIsAnErrorInInfraDNS() async throws {
        let setup = try await SetupToolHarness.start(config: try SetupToolHarness.configWithTemplates)
        defer { setup.stop() }
        let plan = try await setup.run(["plan"], tool: "infra-dns")
        #expect(plan.status == 78)
        #expect(plan.stderr.contains("records[0].value: lb A: {{.lb_ip}} cannot be filled in: load balancer lb-prod does not exist yet"))
    }

    @Test(arguments: [
        (#"{{.host.web9.ip}}"#, #"lb A: {{.host.web9.ip}}: no host named "web9" in hosts"#),
        (#"{{.host.app1.public_ip}}"#, "lb A: unknown template {{.host.app1.public_ip}}; the known ones are"),
        (#"{{.lb_ip"#, #"lb A: "{{.lb_ip" has no closing }}"#),
        (#"{{.host.builder.private_ip}}"#, "lb A: {{.host.builder.private_ip}}: host builder has no private_ip in infra.yaml"),
    ])
    func badTemplatesStopBothToolsBeforeAnyCall(template: String, message: String) async throws {
        let config = try SetupToolHarness.configWithTemplates.replacingOccurrences(of: "{{.lb_ip}}", with: template)
        let setup = try await SetupToolHarness.start(config: config)
        defer { setup.stop() }
        let prefix = #"infra.yaml:114:39: dns.zones["example.com"].records[0].value: "#
        for (tool, arguments) in [("infra-dns", ["plan"]), ("infra-setup", ["--dry-run"]), ("infra-setup", ["--step", "dns", "--yes"])] {
            let result = try await setup.run(arguments, tool: tool)
            #expect(result.status == 78, "\(tool) \(arguments): \(result.stderr)")
            #expect(result.stderr.hasPrefix("\(tool): error: \(setup.scratch.url.path)/\(prefix)\(message)"), "\(result.stderr)")
        }
        #expect(try await setup.cloudNS.calls().isEmpty)
        #expect(try await !setup.hetznerWasCalled())
    }
}
