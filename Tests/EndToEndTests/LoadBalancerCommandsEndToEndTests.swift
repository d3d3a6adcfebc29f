import Foundation
import InfraKit
import Testing
import TestSupport

/// `infra-lb status`, `delete` and `cert deploy` (by hand, as dehydrated's and lego's hook)
/// against the Hetzner emulator.
@Suite("infra-lb status, delete and cert deploy against the Hetzner emulator", .enabled(if: LoadBalancerToolHarness.isAvailable))
struct LoadBalancerCommandsEndToEndTests {
    @Test("status shows services and each target's health per port; exit 0 healthy, 1 unhealthy")
    func status() async throws {
        let harness = try await LoadBalancerToolHarness.start()
        defer { harness.stop() }
        try await harness.applyFixture()
        try await harness.emulator.finishActions()

        let healthy = try await harness.run(["status"])
        #expect(healthy.status == 0, "\(healthy.stdout)\(healthy.stderr)")
        #expect(healthy.stdout.contains("lb-prod (id "), "\(healthy.stdout)")
        #expect(healthy.stdout.contains("lb11 in fsn1, round_robin"))
        #expect(healthy.stdout.contains("443 → 80 https, proxy protocol, certificate wildcard-example-com"), "\(healthy.stdout)")
        #expect(healthy.stdout.contains("80 healthy, 443 healthy"), "\(healthy.stdout)")

        try await harness.emulator.setHealth(["load_balancer": "lb-prod", "target": "app2", "listen_port": 443, "status": "unhealthy"])
        let sick = try await harness.run(["status", "lb-prod", "--json"], config: nil)
        #expect(sick.status == 1, "\(sick.stderr)")
        let answer = try #require(try JSONSerialization.jsonObject(with: Data(sick.stdout.utf8)) as? [String: Any])
        #expect(answer["healthy"] as? Bool == false)
        let targets = answer["targets"] as? [[String: Any]] ?? []
        let app2 = try #require(targets.first { $0["name"] as? String == "app2" })
        #expect(app2["healthy"] as? Bool == false)
        let ports = app2["health"] as? [[String: Any]] ?? []
        #expect(ports.contains { $0["listen_port"] as? Int == 443 && $0["status"] as? String == "unhealthy" })
        #expect((answer["services"] as? [[String: Any]])?.first { $0["listen_port"] as? Int == 443 }?["certificates"] as? [String]
            == ["wildcard-example-com"])
    }

    @Test("status of a load balancer that does not exist exits 65; an unreachable API exits 69")
    func statusFailures() async throws {
        let harness = try await LoadBalancerToolHarness.start()
        defer { harness.stop() }
        let missing = try await harness.run(["status", "nope"])
        #expect(missing.status == 65, "\(missing.stderr)")
        #expect(missing.stderr.contains("no load balancer named 'nope'"))
        let unreachable = try await harness.run(["status"], environment: ["HCLOUD_ENDPOINT": "http://127.0.0.1:1/v1"])
        #expect(unreachable.status == 69, "\(unreachable.stderr)")
    }

    @Test("delete refuses without --yes, names change_protection when protected, deletes with --yes")
    func delete() async throws {
        let harness = try await LoadBalancerToolHarness.start()
        defer { harness.stop() }
        try await harness.applyFixture()
        let refused = try await harness.run(["delete"])
        #expect(refused.status == 64, "\(refused.stderr)")
        #expect(refused.stderr.contains("--yes"))

        let id = try await harness.loadBalancerID
        try await harness.emulator.cloud(.post, "/load_balancers/\(id)/actions/change_protection", ["delete": true])
        try await harness.emulator.finishActions()
        let protected = try await harness.run(["delete", "--yes"])
        #expect(protected.status == 65, "\(protected.stderr)")
        #expect(protected.stderr.contains("change_protection"), "\(protected.stderr)")
        #expect(try await harness.emulator.loadBalancer(named: "lb-prod") != nil)

        try await harness.emulator.cloud(.post, "/load_balancers/\(id)/actions/change_protection", ["delete": false])
        try await harness.emulator.finishActions()
        let deleted = try await harness.run(["delete", "lb-prod", "--yes"])
        #expect(deleted.status == 0, "\(deleted.stderr)")
        #expect(deleted.stdout == "lb-prod: deleted\n")
        #expect(try await harness.emulator.loadBalancer(named: "lb-prod") == nil)
    }

    /// The fixture's load balancer with its certificate labelled as infra-lb's, so a deploy may replace it.
    static func deployable() async throws -> LoadBalancerToolHarness {
        let harness = try await LoadBalancerToolHarness.start()
        try await harness.applyFixture()
        let certificates = try await harness.emulator.state()["certificates"] as? [[String: Any]] ?? []
        let old = try #require(certificates.first { $0["name"] as? String == "wildcard-example-com" }?["id"] as? Int)
        try await harness.emulator.cloud(.put, "/certificates/\(old)", ["labels": ["managed-by": "infra-lb"]])
        return harness
    }

    /// After a deploy: the https service uses one certificate, named as infra.yaml says, holding `chain`.
    static func expectDeployed(_ harness: LoadBalancerToolHarness, chain: String, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let certificates = try await harness.emulator.state()["certificates"] as? [[String: Any]] ?? []
        #expect(certificates.count == 1, "the replaced certificate is deleted: \(certificates.map { $0["name"] ?? "" })", sourceLocation: sourceLocation)
        let current = try #require(certificates.first, sourceLocation: sourceLocation)
        #expect(current["name"] as? String == "wildcard-example-com", sourceLocation: sourceLocation)
        #expect((current["labels"] as? [String: String])?["managed-by"] == "infra-lb", sourceLocation: sourceLocation)
        #expect(
            (current["certificate"] as? String)?.trimmingCharacters(in: .whitespacesAndNewlines)
                == chain.trimmingCharacters(in: .whitespacesAndNewlines), sourceLocation: sourceLocation)
        let plan = try await harness.run(["plan", "--exit-code"])
        #expect(plan.status == 0, "plan agrees with the deployed certificate: \(plan.stdout)", sourceLocation: sourceLocation)
    }

    @Test("cert deploy --cert --key switches the https service, deletes the labelled certificate it replaced, and keeps its name")
    func deployByHand() async throws {
        let harness = try await Self.deployable()
        defer { harness.stop() }
        let new = try await HetznerEmulator.selfSignedCertificate(["example.com", "*.example.com"], in: harness.scratch)
        let chain = try harness.scratch.write("fullchain.pem", new.chain)
        let key = try harness.scratch.write("privkey.pem", new.key, permissions: 0o600)
        let result = try await harness.run(["cert", "deploy", "--cert", chain.path, "--key", key.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("lb-prod: certificate wildcard-example-com (id "), "\(result.stdout)")
        #expect(result.stdout.contains("deleted wildcard-example-com"), "\(result.stdout)")
        #expect(!result.stdout.contains(new.key.split(separator: "\n")[1]))
        #expect(!result.stderr.contains(new.key.split(separator: "\n")[1]))
        try await Self.expectDeployed(harness, chain: new.chain)
    }

    @Test("a certificate without infra-lb's label is switched away from but kept")
    func foreignCertificateKept() async throws {
        let harness = try await LoadBalancerToolHarness.start()
        defer { harness.stop() }
        try await harness.applyFixture()
        let new = try await HetznerEmulator.selfSignedCertificate(["example.com"], in: harness.scratch)
        let chain = try harness.scratch.write("fullchain.pem", new.chain)
        let key = try harness.scratch.write("privkey.pem", new.key, permissions: 0o600)
        let result = try await harness.run(["cert", "deploy", "--cert", chain.path, "--key", key.path, "lb-prod"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("kept wildcard-example-com: not labelled managed-by=infra-lb"), "\(result.stderr)")
        let certificates = try await harness.emulator.state()["certificates"] as? [[String: Any]] ?? []
        #expect(certificates.count == 2)
    }

    @Test("deploys in the same second while the configured name is held by another certificate get names of their own")
    func deploysInTheSameSecond() async throws {
        let harness = try await LoadBalancerToolHarness.start()
        defer { harness.stop() }
        try await harness.applyFixture()
        let client = try HetznerCloudClient(
            options: .init(token: Secret(harness.emulator.token), endpoint: harness.emulator.endpoint, userAgent: "infra-tests"))
        let now = Date(timeIntervalSince1970: 1_764_745_200)
        var names: [String] = []
        for _ in 0..<3 {
            let new = try await HetznerEmulator.selfSignedCertificate(["example.com"], in: harness.scratch)
            let outcome = try await CertificateDeployment.deploy(
                chain: new.chain, key: Secret(new.key), loadBalancer: "lb-prod", certificateName: "wildcard-example-com",
                client: client, now: now)
            names.append(outcome.certificate.name)
        }
        #expect(names == ["wildcard-example-com-20251203-070000", "wildcard-example-com-20251203-070000-2",
                          "wildcard-example-com-20251203-070000"])
        let certificates = try await harness.emulator.state()["certificates"] as? [[String: Any]] ?? []
        #expect(Set(certificates.compactMap { $0["name"] as? String })
            == ["wildcard-example-com", "wildcard-example-com-20251203-070000"])
    }

    @Test("as dehydrated's hook: deploy_cert deploys the full chain, other events do nothing")
    func dehydrated() async throws {
        let harness = try await Self.deployable()
        defer { harness.stop() }
        let new = try await HetznerEmulator.selfSignedCertificate(["example.com"], in: harness.scratch)
        let chain = try harness.scratch.write("certs/example.com/fullchain.pem", new.chain)
        let cert = try harness.scratch.write("certs/example.com/cert.pem", new.chain)
        let key = try harness.scratch.write("certs/example.com/privkey.pem", new.key, permissions: 0o600)

        let start = try await harness.emulator.callLogPosition()
        for event in [["startup_hook"], ["deploy_challenge", "example.com", "token", "value"], ["unchanged_cert", "example.com"],
            ["this_hookscript_is_broken__dehydrated_is_newer_than_this_hook"]] {
            let ignored = try await harness.run(["cert", "deploy"] + event)
            #expect(ignored.status == 0, "\(event): \(ignored.stderr)")
            #expect(ignored.stdout.isEmpty && ignored.stderr.isEmpty, "\(event)")
        }
        #expect(try await harness.emulator.calls(since: start).isEmpty, "ignored events call nothing")

        let result = try await harness.run([
            "cert", "deploy", "deploy_cert", "example.com", key.path, cert.path, chain.path, chain.path, "1764745200",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        try await Self.expectDeployed(harness, chain: new.chain)
    }

    @Test("as lego's run hook: LEGO_CERT_PATH and LEGO_CERT_KEY_PATH")
    func lego() async throws {
        let harness = try await Self.deployable()
        defer { harness.stop() }
        let new = try await HetznerEmulator.selfSignedCertificate(["example.com"], in: harness.scratch)
        let chain = try harness.scratch.write("lego/certificates/example.com.crt", new.chain)
        let key = try harness.scratch.write("lego/certificates/example.com.key", new.key, permissions: 0o600)
        let result = try await harness.run(
            ["cert", "deploy"], environment: ["LEGO_CERT_PATH": chain.path, "LEGO_CERT_KEY_PATH": key.path])
        #expect(result.status == 0, "\(result.stderr)")
        try await Self.expectDeployed(harness, chain: new.chain)
    }

    @Test("cert deploy without files or a hook's environment is a usage error; a missing file exits 66")
    func deployUsage() async throws {
        let harness = try await LoadBalancerToolHarness.start()
        defer { harness.stop() }
        let bare = try await harness.run(["cert", "deploy"])
        #expect(bare.status == 64, "\(bare.stderr)")
        #expect(bare.stderr.contains("RENEWED_LINEAGE"))
        let half = try await harness.run(["cert", "deploy", "--cert", "/nonexistent.pem"])
        #expect(half.status == 64)
        let missing = try await harness.run(["cert", "deploy", "--cert", "/nonexistent.pem", "--key", "/nonexistent.key"])
        #expect(missing.status == 66, "\(missing.stderr)")
        #expect(missing.stderr.contains("/nonexistent.pem does not exist"))
    }
}
