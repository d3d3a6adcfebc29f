import Foundation
import InfraCLI
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
        let lb = try await setup.hetzner.loadBalancer(named: "lb-prod")
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

    @Test func aFailureInTheDNSStepListsWhatWasMadeAndHowToResume() async throws {
        let (setup, _) = try await Self.startWithLoadBalancer()
        defer { setup.stop() }
        try await setup.cloudNS.addFault(["method": "add-record", "kind": "failed", "skip": 2, "description": "Invalid record."])
        let failed = try await setup.run(["--yes", "--quiet"])
        #expect(failed.status != 0)
        #expect(failed.stderr.contains("infra-setup: made (2):\n"), "\(failed.stderr)")
        #expect(failed.stderr.contains("infra-setup: step lb: ran (5 changes made)\n"))
        #expect(failed.stderr.contains("infra-setup: step dns: failed (2 changes made before the failure)\n"))
        #expect(failed.stderr.hasSuffix("to resume, run 'infra-setup --step dns' (or 'infra-setup' again: every step reads what is there afresh and makes only what is missing)\n"))
        let resumed = try await setup.run(["--step", "dns", "--yes", "--quiet"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(try await setup.run(["--dry-run", "--quiet"]).status == 0)
    }

    @Test func withoutYesAndWithoutATerminalNothingIsChanged() async throws {
        let (setup, _) = try await Self.startWithLoadBalancer()
        defer { setup.stop() }
        let result = try await setup.run(["--step", "dns", "--quiet"], stdin: "y\n")
        #expect(result.status == 64)
        #expect(result.stderr == "infra-setup: error: standard input is not a terminal, so there is no one to ask; add --yes to make the changes shown\n")
        #expect(try await setup.held("example.com").isEmpty)
    }

    @Test func infraYAMLWarningsArePrintedOnceForAllSteps() async throws {
        let setup = try await SetupToolHarness.start(config: try SetupToolHarness.configWithTemplates + "dns_zones_typo: {}\n")
        defer { setup.stop() }
        try await setup.hetzner.seed(["load_balancers": [["name": "lb-prod", "load_balancer_type": "lb11", "location": "fsn1"]]])
        let result = try await setup.run(["--dry-run"])
        #expect(result.status == 2, "\(result.stderr)")
        let warnings = result.stderr.split(separator: "\n").filter { $0.contains("dns_zones_typo") }
        #expect(warnings.count == 1, "\(result.stderr)")
    }

    /// One question for every step, asked once on a terminal. (In-process, with a terminal
    /// declared in the context.)
    @Test(arguments: [("y\n", Int32(0)), ("n\n", Int32(1))])
    func oneConfirmationCoversEveryStep(answer: String, status: Int32) async throws {
        let setup = try await SetupToolHarness.start(config: try SetupToolHarness.configWithTemplates)
        defer { setup.stop() }
        let stdout = BufferWriter()
        let stderr = BufferWriter()
        let context = Context(
            stdout: stdout, stderr: stderr, stdin: StringInputReader(answer), environment: setup.environment,
            currentDirectory: setup.scratch.url.path, terminal: TerminalInfo(stdinIsTerminal: true))
        let exit = await ToolRunner(spec: SetupTool.spec, completionCandidates: NoCompletionCandidates())
            .run(["--quiet"], context: context)
        #expect(exit.rawValue == status, "\(stderr.text)")
        #expect(stderr.text.components(separatedBy: "[y/N]").count == 2)
        #expect(stderr.text.hasPrefix("infra-setup: make these 10 changes? [y/N] "))
        let created = try await setup.hetzner.loadBalancer(named: "lb-prod") != nil
        #expect(created == (status == 0))
        #expect(try await setup.held("example.com").isEmpty == (status != 0))
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
        (["--step", "discover"], "hetzner", "infra-setup: error: discover needs Hetzner Cloud or Robot credentials"),
        ([], "cloudNS", "infra-setup: error: no CloudNS credentials"),
    ])
    func missingCredentialsStopTheRunBeforeAnyCall(arguments: [String], without: String, message: String) async throws {
        let setup = try await SetupToolHarness.start(config: try SetupToolHarness.configWithTemplates)
        defer { setup.stop() }
        let environment: [String: String] =
            switch without {
            case "cloudNS": setup.hetznerEnvironment
            case "hcloud": setup.robotEnvironment.merging(setup.cloudNS.environment) { first, _ in first }
            default: setup.cloudNS.environment
            }
        let result = try await setup.run(arguments + ["--yes"], environment: environment)
        #expect(result.status == 78, "\(result.stderr)")
        #expect(result.stderr.hasPrefix(message), "\(result.stderr)")
        #expect(try await !setup.hetznerWasCalled())
        #expect(try await setup.cloudNS.calls().isEmpty)
    }
}

/// The whole pipeline from a cold start: the load balancer and the records pointing at it.
@Suite("infra-setup pipeline with the load balancer")
struct SetupColdStartEndToEndTests {
    @Test func aColdStartCreatesTheLoadBalancerThenRecordsWithItsAddress() async throws {
        let setup = try await SetupToolHarness.start(config: try SetupToolHarness.configWithTemplates)
        defer { setup.stop() }
        let plan = try await setup.run(["--dry-run"])
        #expect(plan.status == 2, "\(plan.stderr)")
        #expect(plan.stdout.contains("== discover\n") && plan.stdout.contains("== lb\n") && plan.stdout.contains("== dns\n"))
        #expect(plan.stdout.contains("+ CREATE lb.example.com A (lb ipv4, known after apply) ttl=300\n"))
        #expect(plan.stdout.contains("+ CREATE lb.example.com AAAA (lb ipv6, known after apply) ttl=300\n"))
        #expect(plan.stdout.contains("+ CREATE bastion.example.com A 203.0.113.10 ttl=300\n"))
        #expect(try await setup.hetzner.loadBalancer(named: "lb-prod") == nil)
        #expect(try await setup.held("example.com").isEmpty)

        let json = try await setup.run(["--dry-run", "--json", "--quiet"])
        #expect(json.status == 2)
        let answer = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let steps = try #require(answer["steps"] as? [[String: Any]])
        #expect(steps.map { $0["step"] as? String } == ["discover", "lb", "dns"])
        #expect(steps.map { $0["status"] as? String } == ["ran", "planned", "planned"])
        #expect(answer["dry_run"] as? Bool == true)

        let apply = try await setup.run(["--yes"])
        #expect(apply.status == 0, "\(apply.stderr)")
        let lb = try #require(try await setup.hetzner.loadBalancer(named: "lb-prod"))
        let publicNet = lb["public_net"] as? [String: Any]
        let ipv4 = try #require((publicNet?["ipv4"] as? [String: Any])?["ip"] as? String)
        let ipv6 = try #require((publicNet?["ipv6"] as? [String: Any])?["ip"] as? String)
        let held = try await setup.held("example.com")
        #expect(held.contains("lb A \(ipv4) 300") && held.contains("lb AAAA \(ipv6) 300"), "\(held)")
        #expect(held.contains("app1.internal A 10.0.1.21 300"))
        #expect(!held.contains { $0.contains("known after apply") })
        #expect(apply.stdout.contains("lb-prod: "), "\(apply.stdout)")

        let again = try await setup.run(["run", "--dry-run", "--quiet"])
        #expect(again.status == 0, "\(again.stdout)\(again.stderr)")
        #expect(again.stdout.hasSuffix("Nothing to do.\n"))
        for result in [plan, json, apply, again] { #expect(SetupToolHarness.showsNoSecret(result.stdout + result.stderr)) }
    }

    @Test func verboseTracesOfEveryAPIShowNoSecret() async throws {
        let setup = try await SetupToolHarness.start(config: try SetupToolHarness.configWithTemplates)
        defer { setup.stop() }
        let result = try await setup.run(["--yes", "--verbose"])
        #expect(result.status == 0, "\(result.stderr)")
        for path in ["/v1/servers", "/robot/server", "/v1/load_balancers", "records.json", "add-record.json"] {
            #expect(result.stderr.contains(path), "no trace of \(path)")
        }
        #expect(SetupToolHarness.showsNoSecret(result.stdout + result.stderr))
        #expect(!result.stderr.contains(setup.hetzner.token) && !result.stderr.contains(setup.robotPassword))
    }

    @Test func aFaultInTheLoadBalancerStepLeavesDNSUntouchedAndSaysHowToResume() async throws {
        let setup = try await SetupToolHarness.start(config: try SetupToolHarness.configWithTemplates)
        defer { setup.stop() }
        try await setup.hetzner.addFault(["kind": "http-error", "path": "/v1/load_balancers", "method": "POST", "status": 503])
        let failed = try await setup.run(["--yes"])
        #expect(failed.status == 69, "\(failed.stderr)")
        #expect(failed.stderr.contains("infra-setup: error: lb-prod: change 1 of "))
        #expect(failed.stderr.contains("infra-setup: step discover: ran"))
        #expect(failed.stderr.contains("infra-setup: step lb: failed (0 changes made before the failure)\n"))
        #expect(failed.stderr.contains("infra-setup: step dns: not run ("))
        #expect(failed.stderr.contains("to resume, run 'infra-setup --step lb', then 'infra-setup --step dns'"))
        let calls = try await setup.cloudNS.calls()
        #expect(!calls.contains { ["add-record", "mod-record", "delete-record"].contains($0.method) })
        #expect(try await setup.held("example.com").isEmpty)

        let resumed = try await setup.run(["--step", "lb", "--yes", "--quiet"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let dns = try await setup.run(["--step", "dns", "--yes", "--quiet"])
        #expect(dns.status == 0, "\(dns.stderr)")
        #expect(try await setup.run(["--dry-run", "--quiet"]).status == 0)
    }
}
