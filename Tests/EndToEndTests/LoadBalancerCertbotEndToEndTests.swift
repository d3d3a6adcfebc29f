import Foundation
import Testing
import TestSupport

/// `infra-lb cert deploy` run by real certbot as its `--deploy-hook`, after a real DNS-01 issuance
/// through acme-cloudns-hook against pebble (the ACME sandbox), deploying to the Hetzner emulator.
@Suite(
    "infra-lb cert deploy as certbot's deploy hook", .serialized,
    .enabled(if: ACMEHookSandbox.missingTools.isEmpty && LoadBalancerToolHarness.isAvailable, ACMEHookSandbox.skipReason),
    .acmeSandbox)
struct LoadBalancerCertbotEndToEndTests {
    @Test("certbot issues, runs infra-lb cert deploy, and the load balancer serves the new certificate")
    func certbotDeployHook() async throws {
        let sandbox = ACMEHookSandbox.shared
        let harness = try await LoadBalancerCommandsEndToEndTests.deployable()
        defer { harness.stop() }
        try await sandbox.seed(zones: ["lbdeploy.test"])

        let hook = "infra-lb --config \(LoadBalancerToolHarness.fixture) cert deploy"
        let run = try await sandbox.issue(
            "certbot", ["lbdeploy.test", "*.lbdeploy.test"], options: ["--deploy-hook", hook],
            environment: harness.emulator.environment)
        try ACMEHookEndToEndTests.skipIfUnavailable(run.result)
        #expect(run.result.status == 0, "\(run.result.stderr)")
        let log = (try? String(contentsOfFile: run.work + "/client.log", encoding: .utf8)) ?? ""
        #expect(log.contains("Hook 'deploy-hook' ran with output"), "certbot ran the hook: \(log.suffix(2000))")
        #expect(log.contains("lb-prod: certificate wildcard-example-com (id "), "\(log.suffix(2000))")
        #expect(!log.contains(harness.emulator.token), "certbot's log shows no token")
        #expect(!log.contains("PRIVATE KEY"), "certbot's log shows no key")

        let chain = try String(contentsOfFile: run.work + "/config/live/rig/fullchain.pem", encoding: .utf8)
        try await LoadBalancerCommandsEndToEndTests.expectDeployed(harness, chain: chain)
        let certificates = try await harness.emulator.state()["certificates"] as? [[String: Any]] ?? []
        #expect(Set(certificates.first?["domain_names"] as? [String] ?? []) == ["lbdeploy.test", "*.lbdeploy.test"])
    }
}
