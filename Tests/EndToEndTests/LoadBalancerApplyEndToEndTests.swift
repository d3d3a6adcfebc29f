import Foundation
import Testing
import TestSupport

/// `infra-lb plan` and `apply` against the Hetzner emulator: cold create of the fixture's load
/// balancer, the no-op plan's cost, drift repair, pagination, faults in the middle of an apply,
/// and the half-done report of a failed action.
@Suite("infra-lb plan and apply against the Hetzner emulator", .enabled(if: LoadBalancerToolHarness.isAvailable))
struct LoadBalancerApplyEndToEndTests {
    @Test("a cold apply creates the fixture's load balancer in one request; a second plan finds nothing to do with one walk of each list")
    func coldCreateThenNoOp() async throws {
        let harness = try await LoadBalancerToolHarness.start()
        defer { harness.stop() }

        let first = try await harness.run(["plan", "--exit-code"])
        #expect(first.status == 2, "\(first.stderr)")
        #expect(first.stdout.contains("+ load balancer lb-prod: lb11 in fsn1, round_robin, network prod-net"), "\(first.stdout)")
        #expect(first.stdout.contains("+ service 443 → 80 https, proxy protocol, certificate wildcard-example-com"), "\(first.stdout)")
        #expect(first.stdout.contains("+ target server app1"), "\(first.stdout)")

        let start = try await harness.emulator.callLogPosition()
        let apply = try await harness.run(["apply", "--yes"])
        #expect(apply.status == 0, "\(apply.stderr)")
        #expect(apply.stdout.contains("lb-prod: 1 change made"), "\(apply.stdout)")
        let applyCalls = try await harness.emulator.calls(since: start).filter { $0.method == "POST" }
        #expect(applyCalls.map(\.path) == ["/v1/load_balancers"], "\(applyCalls)")

        let lb = try #require(try await harness.emulator.loadBalancer(named: "lb-prod"))
        let services = lb["services"] as? [[String: Any]] ?? []
        #expect(Set(services.compactMap { $0["listen_port"] as? Int }) == [80, 443])
        let https = try #require(services.first { $0["listen_port"] as? Int == 443 })
        #expect(https["proxyprotocol"] as? Bool == true)
        #expect(((https["http"] as? [String: Any])?["certificates"] as? [Int])?.count == 1)
        #expect(((https["health_check"] as? [String: Any])?["http"] as? [String: Any])?["path"] as? String == "/health")
        let targets = lb["targets"] as? [[String: Any]] ?? []
        #expect(targets.count == 2)
        #expect(targets.allSatisfy { $0["use_private_ip"] as? Bool == true })
        #expect((lb["private_net"] as? [[String: Any]])?.count == 1)

        let before = try await harness.emulator.callLogPosition()
        let again = try await harness.run(["plan", "--exit-code"])
        #expect(again.status == 0, "\(again.stdout)\(again.stderr)")
        #expect(again.stdout.contains("No changes."))
        let calls = try await harness.emulator.calls(since: before)
        #expect(calls.allSatisfy { $0.method == "GET" }, "\(calls)")
        // One listing per collection (each fits one page here), never a per-object read.
        #expect(calls.map(\.path).sorted() == ["/v1/certificates", "/v1/load_balancers", "/v1/networks", "/v1/servers"], "\(calls)")
    }

    @Test("drift made behind the tool's back (a target removed, a service changed) is shown and repaired")
    func driftRepair() async throws {
        let harness = try await LoadBalancerToolHarness.start()
        defer { harness.stop() }
        try await harness.applyFixture()
        let id = try await harness.loadBalancerID
        let app2 = try #require(
            (try await harness.emulator.loadBalancer(named: "lb-prod")?["targets"] as? [[String: Any]])?.compactMap {
                ($0["server"] as? [String: Any])?["id"] as? Int
            }.max())
        try await harness.emulator.cloud(
            .post, "/load_balancers/\(id)/actions/remove_target", ["type": "server", "server": ["id": app2]])
        try await harness.emulator.finishActions()
        try await harness.emulator.cloud(
            .post, "/load_balancers/\(id)/actions/update_service",
            ["listen_port": 443, "destination_port": 8443, "health_check": ["interval": 30]])
        try await harness.emulator.finishActions()

        let plan = try await harness.run(["plan", "--exit-code"])
        #expect(plan.status == 2)
        #expect(plan.stdout.contains("~ service 443: destination_port 8443 → 80"), "\(plan.stdout)")
        #expect(plan.stdout.contains("health_check.interval 30 → 15"), "\(plan.stdout)")
        #expect(plan.stdout.contains("+ target server app2 (id \(app2), private IP)"), "\(plan.stdout)")
        #expect(plan.stdout.contains("Plan: 1 to create, 1 to modify, 0 to delete."), "\(plan.stdout)")

        let apply = try await harness.run(["apply", "--yes"])
        #expect(apply.status == 0, "\(apply.stderr)")
        let after = try await harness.run(["plan", "--exit-code"])
        #expect(after.status == 0, "\(after.stdout)")
    }

    @Test("targets and services infra.yaml does not declare are removed")
    func undeclaredAreRemoved() async throws {
        let harness = try await LoadBalancerToolHarness.start()
        defer { harness.stop() }
        try await harness.applyFixture()
        let id = try await harness.loadBalancerID
        try await harness.emulator.cloud(
            .post, "/load_balancers/\(id)/actions/add_service", ["protocol": "tcp", "listen_port": 2222, "destination_port": 22])
        try await harness.emulator.finishActions()
        let plan = try await harness.run(["plan"])
        #expect(plan.stdout.contains("- service 2222 → 22 tcp"), "\(plan.stdout)")
        #expect(try await harness.run(["apply", "--yes"]).status == 0)
        #expect(try await harness.run(["plan", "--exit-code"]).status == 0)
    }

    @Test("servers are found across pages: 60 more servers than the fixture's")
    func pagination() async throws {
        let harness = try await LoadBalancerToolHarness.start(seedFixture: false)
        defer { harness.stop() }
        try await harness.seedFixtureProject(extraServers: 60)
        let start = try await harness.emulator.callLogPosition()
        try await harness.applyFixture()
        let serverPages = try await harness.emulator.calls(since: start).filter { $0.path == "/v1/servers" }
        #expect(serverPages.map { $0.query.filter { $0.hasPrefix("page=") } } == [["page=1"], ["page=2"]], "\(serverPages)")
        let plan = try await harness.run(["plan", "--exit-code"])
        #expect(plan.status == 0, "\(plan.stdout)")
    }

    @Test("a 429 and a 423 in the middle of an apply are waited out; the apply converges")
    func faultsMidApply() async throws {
        let harness = try await LoadBalancerToolHarness.start()
        defer { harness.stop() }
        try await harness.emulator.seed([
            "load_balancers": [
                ["name": "lb-prod", "load_balancer_type": "lb11", "location": "fsn1", "services": [["protocol": "http"]]]
                    as [String: any Sendable]
            ]
        ])
        try await harness.emulator.addFault(["kind": "rate-limit", "path": "/v1/load_balancers/*/actions/add_service", "count": 1])
        try await harness.emulator.addFault(["kind": "locked", "path": "/v1/load_balancers/*/actions/add_target", "count": 1])
        let start = try await harness.emulator.callLogPosition()
        let apply = try await harness.run(["apply", "--yes"])
        #expect(apply.status == 0, "\(apply.stderr)")
        let calls = try await harness.emulator.calls(since: start)
        #expect(calls.contains { $0.status == 429 }, "\(calls)")
        #expect(calls.contains { $0.status == 423 }, "\(calls)")
        let plan = try await harness.run(["plan", "--exit-code"])
        #expect(plan.status == 0, "\(plan.stdout)")
    }

    @Test("an action that fails stops the apply with its code and message and lists made, failed and not made")
    func failedAction() async throws {
        let harness = try await LoadBalancerToolHarness.start()
        defer { harness.stop() }
        try await harness.emulator.seed([
            "load_balancers": [
                ["name": "lb-prod", "load_balancer_type": "lb11", "location": "fsn1", "algorithm": ["type": "least_connections"]]
                    as [String: any Sendable]
            ]
        ])
        try await harness.emulator.addFault([
            "kind": "action-error", "command": "add_service", "code": "service_error", "message": "backend pool exhausted",
        ])
        let apply = try await harness.run(["apply", "--yes"])
        #expect(apply.status == 1, "\(apply.stderr)")
        #expect(apply.stderr.contains("service_error: backend pool exhausted"), "\(apply.stderr)")
        #expect(apply.stderr.contains("infra-lb: made (2):"), "\(apply.stderr)")
        #expect(apply.stderr.contains("~ algorithm least_connections → round_robin"), "\(apply.stderr)")
        #expect(apply.stderr.contains("infra-lb: failed, not made:"), "\(apply.stderr)")
        #expect(apply.stderr.contains("infra-lb: not made ("), "\(apply.stderr)")
        #expect(apply.stderr.contains("run 'infra-lb apply' again"))

        let json = try await harness.run(["apply", "--yes", "--json"])
        #expect(json.status == 0, "the fault was used once; a second apply converges: \(json.stderr)")
        let answer = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(answer?["complete"] as? Bool == true)
    }

    @Test("a dedicated (hrobot) host is an IP target; without a network Cloud hosts use their public address")
    func robotTarget() async throws {
        let harness = try await LoadBalancerToolHarness.start()
        defer { harness.stop() }
        try await harness.emulator.seed([
            "robot_servers": [
                ["server_number": 321, "server_name": "db1", "server_ip": "192.0.2.77", "product": "EX44", "dc": "FSN1-DC10",
                 "status": "ready"] as [String: any Sendable]
            ]
        ])
        let config = try harness.config("""
            hosts:
              app1: {ip: 203.0.113.21, private_ip: 10.0.1.21, type: hcloud}
              db1: {ip: 192.0.2.77, type: hrobot}
            load_balancer:
              name: lb-edge
              type: lb11
              location: fsn1
              backends: [{host: app1, port: 80}, {host: db1, port: 80}]
              listeners: [{frontend: 80, backend: 80, protocol: http}]
            """)
        let plan = try await harness.run(["plan"], config: config)
        #expect(plan.stdout.contains("+ target server app1 (id "), "\(plan.stdout)")
        #expect(plan.stdout.contains("+ target ip 192.0.2.77 (db1)"), "\(plan.stdout)")
        #expect(!plan.stdout.contains("private IP"))
        let apply = try await harness.run(["apply", "--yes"], config: config)
        #expect(apply.status == 0, "\(apply.stderr)")
        let targets = try await harness.emulator.loadBalancer(named: "lb-edge")?["targets"] as? [[String: Any]] ?? []
        #expect(targets.contains { ($0["ip"] as? [String: Any])?["ip"] as? String == "192.0.2.77" })
        #expect(try await harness.run(["plan", "--exit-code"], config: config).status == 0)
    }

    @Test("the load balancer's name completes from infra.yaml")
    func completion() async throws {
        let result = try await ToolProcess.run(
            "infra-lb", ["__complete", "load-balancer", "--config", LoadBalancerToolHarness.fixture])
        #expect(result.stdout == "lb-prod\n", "\(result.stderr)")
    }

    @Test("apply without --yes and without a terminal refuses and changes nothing")
    func noTerminal() async throws {
        let harness = try await LoadBalancerToolHarness.start()
        defer { harness.stop() }
        let start = try await harness.emulator.callLogPosition()
        let apply = try await harness.run(["apply"])
        #expect(apply.status == 64, "\(apply.stderr)")
        #expect(apply.stderr.contains("--yes"))
        #expect(try await harness.emulator.calls(since: start).allSatisfy { $0.method == "GET" })
    }

    @Test("--verbose traces every request and still shows neither the token nor a private key")
    func verboseCanary() async throws {
        let harness = try await LoadBalancerToolHarness.start()
        defer { harness.stop() }
        let apply = try await harness.run(["--verbose", "apply", "--yes"])
        #expect(apply.status == 0, "\(apply.stderr)")
        #expect(apply.stderr.contains("/load_balancers"), "the trace shows requests: \(apply.stderr)")
        let new = try await HetznerEmulator.selfSignedCertificate(["example.com"], in: harness.scratch)
        let chain = try harness.scratch.write("fullchain.pem", new.chain)
        let key = try harness.scratch.write("privkey.pem", new.key, permissions: 0o600)
        let deploy = try await harness.run(["--verbose", "cert", "deploy", "--cert", chain.path, "--key", key.path])
        #expect(deploy.status == 0, "\(deploy.stderr)")
        for line in new.key.split(separator: "\n") where !line.hasPrefix("-----") {
            #expect(!deploy.stderr.contains(line) && !deploy.stdout.contains(line))
        }
    }

    @Test("a token the API refuses exits 77 without printing it")
    func badToken() async throws {
        let harness = try await LoadBalancerToolHarness.start()
        defer { harness.stop() }
        let wrong = "wrong-\(HetznerEmulator.canary)-" + String(repeating: "x", count: 40)
        for command in [["plan"], ["status"], ["apply", "--yes"]] {
            let result = try await harness.run(command, environment: ["HCLOUD_TOKEN": wrong])
            #expect(result.status == 77, "\(command): \(result.stderr)")
            #expect(result.stderr.contains("unauthorized"), "\(result.stderr)")
        }
    }

    @Test("no token, or an unusable endpoint, is a configuration error (78)")
    func configuration() async throws {
        let harness = try await LoadBalancerToolHarness.start(seedFixture: false)
        defer { harness.stop() }
        let none = try await harness.run(["plan"], environment: ["HCLOUD_TOKEN": ""])
        #expect(none.status == 78)
        #expect(none.stderr.contains("HCLOUD_TOKEN"), "\(none.stderr)")
        let plain = try await harness.run(["plan"], environment: ["HCLOUD_ENDPOINT": "http://example.com/v1"])
        #expect(plain.status == 78)
        #expect(plain.stderr.contains("loopback"), "\(plain.stderr)")
        let file = try harness.scratch.write("token", harness.emulator.token + "\n", permissions: 0o600)
        let viaFile = try await harness.run(["plan"], environment: ["HCLOUD_TOKEN": "", "HCLOUD_TOKEN_FILE": file.path])
        #expect(viaFile.status == 65, "no certificate seeded yet: \(viaFile.stderr)")
        #expect(viaFile.stderr.contains("no certificate named 'wildcard-example-com'"), "\(viaFile.stderr)")
    }
}
