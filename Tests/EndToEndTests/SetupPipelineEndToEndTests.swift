import Foundation
import Testing
import TestSupport

/// The `infra-setup` pipeline against the Hetzner and CloudNS emulators: steps, dry runs, one
/// confirmation, and refusals before any API call.
@Suite("infra-setup pipeline")
struct SetupPipelineEndToEndTests {
    /// The fixture's load balancer already made, so that the dns step can run alone.
    static func startWithLoadBalancer() async throws -> (SetupToolHarness, ipv4: String) {
        let setup = try await SetupToolHarness.start(config: try SetupToolHarness.configWithTemplates)
        try await setup.hetzner.seed([
            "load_balancers": [["name": "lb-prod", "load_balancer_type": "lb11", "location": "fsn1"]]
        ])
        let lb = try await setup.hetzner.loadBalancers().first
        let ipv4 = ((lb?["public_net"] as? [String: Any])?["ipv4"] as? [String: Any])?["ip"] as? String
        return (setup, ipv4 ?? "?")
    }

    @Test func theDNSStepRepairsOnlyWhatChangedBehindItsBack() async throws {
        let (setup, ipv4) = try await Self.startWithLoadBalancer()
        defer { setup.stop() }
        let first = try await setup.run(["--step", "dns", "--yes", "--quiet"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("+ CREATE lb.example.com A \(ipv4) ttl=300\n"))
        #expect(first.stdout.hasSuffix("example.com: 8 changes made\nexample.org: 1 change made\n"))
        #expect(try await setup.held("example.com").contains("lb A \(ipv4) 300"))

        let changed = try await setup.run(
            ["set", "www", "CNAME", "elsewhere.example.net.", "--zone", "example.com", "--quiet"], tool: "infra-dns")
        #expect(changed.status == 0, "\(changed.stderr)")
        let deleted = try await setup.run(["delete", "lb", "A", "--zone", "example.com", "--quiet"], tool: "infra-dns")
        #expect(deleted.status == 0, "\(deleted.stderr)")
        try await setup.cloudNS.clearCalls()
        let dryRun = try await setup.run(["--step", "dns", "--dry-run", "--quiet"])
        #expect(dryRun.status == 2)
        #expect(dryRun.stdout == """
            == dns
            example.com: 2 changes
            + CREATE lb.example.com A \(ipv4) ttl=300
            ~ MODIFY www.example.com CNAME elsewhere.example.net. ttl=300 → lb.example.com. ttl=3600
            example.org: no changes
            Plan: 1 to create, 1 to modify, 0 to delete.
            Setup: 2 changes pending (dns 2).

            """)

        let repair = try await setup.run(["--step", "dns", "--yes", "--quiet"])
        #expect(repair.status == 0, "\(repair.stderr)")
        let counts = try await setup.cloudNS.calls().reduce(into: [String: Int]()) { $0[$1.method, default: 0] += 1 }
        #expect(counts == ["records": 4, "add-record": 1, "mod-record": 1])
        let held = try await setup.held("example.com")
        #expect(held.contains("lb A \(ipv4) 300") && held.contains("www CNAME lb.example.com. 3600"))

        let settled = try await setup.run(["--step", "dns", "--dry-run", "--quiet"])
        #expect(settled.status == 0)
        #expect(settled.stdout.hasSuffix("Nothing to do.\n"))
        #expect(SetupToolHarness.showsNoSecret(first.stdout + first.stderr + repair.stdout + repair.stderr))
    }

    @Test func withoutYesAndWithoutATerminalNothingIsChanged() async throws {
        let (setup, _) = try await Self.startWithLoadBalancer()
        defer { setup.stop() }
        let result = try await setup.run(["--step", "dns", "--quiet"], stdin: "y\n")
        #expect(result.status == 64)
        #expect(result.stderr == "infra-setup: error: standard input is not a terminal, so there is no one to ask; add --yes to make the changes shown\n")
        #expect(try await setup.held("example.com").isEmpty)
    }

    @Test func anUnknownStepIsAUsageError() async throws {
        let result = try await ToolProcess.run("infra-setup", ["--step", "certs"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("certs"))
        #expect(result.stderr.contains("all, discover, lb"))
    }

    @Test(arguments: [
        (["--step", "dns"], "cloudNS", "infra-setup: error: no CloudNS credentials"),
        (["--step", "lb"], "hcloud", "infra-setup: error: no Hetzner Cloud token: set HCLOUD_TOKEN or HCLOUD_TOKEN_FILE"),
        (["--step", "discover"], "hetzner", "infra-setup: error: the discover step needs Hetzner Cloud or Robot credentials"),
        ([], "cloudNS", "infra-setup: error: no CloudNS credentials"),
    ])
    func missingCredentialsStopTheRunBeforeAnyCall(arguments: [String], without: String, message: String) async throws {
        let setup = try await SetupToolHarness.start(config: try SetupToolHarness.configWithTemplates)
        defer { setup.stop() }
        let environment: [String: String] =
            switch without {
            case "cloudNS": setup.hetzner.environment
            case "hcloud": setup.hetzner.robotEnvironment.merging(setup.cloudNS.environment) { first, _ in first }
            default: setup.cloudNS.environment
            }
        let result = try await setup.run(arguments + ["--yes"], environment: environment)
        #expect(result.status == 78, "\(result.stderr)")
        #expect(result.stderr.hasPrefix(message), "\(result.stderr)")
        #expect(try await setup.hetzner.callCounts().isEmpty)
        #expect(try await setup.cloudNS.calls().isEmpty)
    }
}
