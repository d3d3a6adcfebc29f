import Foundation
import Testing
import TestSupport

/// Runs the built `infra-lb` against a Hetzner emulator seeded with the fixture's project: the
/// servers of Tests/Fixtures/config/infra.yaml (app1, app2 in network prod-net, the bastion) and
/// the certificate its `load_balancer.ssl` names.
struct LoadBalancerToolHarness {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let fixture = repository.appendingPathComponent("Tests/Fixtures/config/infra.yaml").path
    static let isAvailable = FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl")

    let emulator: HetznerEmulator
    let scratch: ScratchDirectory
    /// The certificate seeded as `wildcard-example-com`.
    let certificate: (chain: String, key: String)

    static func start(_ arguments: [String] = [], seedFixture: Bool = true) async throws -> LoadBalancerToolHarness {
        let emulator = try await HetznerEmulator.start(arguments)
        let scratch = try ScratchDirectory()
        let certificate = try await HetznerEmulator.selfSignedCertificate(["example.com", "*.example.com"], in: scratch)
        let harness = LoadBalancerToolHarness(emulator: emulator, scratch: scratch, certificate: certificate)
        if seedFixture { try await harness.seedFixtureProject() }
        return harness
    }

    func stop() { emulator.stop() }

    func seedFixtureProject(extraServers: Int = 0) async throws {
        var servers: [[String: any Sendable]] = [
            ["name": "bastion", "ipv4": "203.0.113.10", "private_net": [["network": "prod-net", "ip": "10.0.0.2"]]],
            ["name": "app1", "ipv4": "203.0.113.21", "private_net": [["network": "prod-net", "ip": "10.0.1.21"]]],
            ["name": "app2", "ipv4": "203.0.113.22", "private_net": [["network": "prod-net", "ip": "10.0.1.22"]]],
        ]
        for index in 0..<extraServers { servers.insert(["name": String(format: "filler-%02d", index)], at: 0) }
        try await emulator.seed([
            "networks": [
                [
                    "name": "prod-net", "ip_range": "10.0.0.0/16",
                    "subnets": [["ip_range": "10.0.0.0/17", "network_zone": "eu-central"]],
                ] as [String: any Sendable]
            ],
            "servers": servers,
            "certificates": [["name": "wildcard-example-com", "certificate": certificate.chain, "private_key": certificate.key]],
        ])
    }

    /// `infra-lb --config FIXTURE ARGUMENTS…` with the emulator's endpoint and token.
    func run(
        _ arguments: [String], config: String? = fixture, environment: [String: String] = [:], timeout: Duration = .seconds(120)
    ) async throws -> ToolResult {
        let configArguments = config.map { ["--config", $0] } ?? []
        let result = try await ToolProcess.run(
            "infra-lb", configArguments + arguments, environment: emulator.environment.merging(environment) { $1 },
            timeout: timeout)
        expectNoSecrets(result)
        return result
    }

    /// Neither the token nor the private key may ever be printed.
    func expectNoSecrets(_ result: ToolResult, sourceLocation: SourceLocation = #_sourceLocation) {
        let keyBody = certificate.key.split(separator: "\n").dropFirst().first.map(String.init) ?? "unused"
        for secret in [HetznerEmulator.canary, emulator.token, keyBody] {
            #expect(!result.stdout.contains(secret), "stdout shows a secret", sourceLocation: sourceLocation)
            #expect(!result.stderr.contains(secret), "stderr shows a secret", sourceLocation: sourceLocation)
        }
    }

    /// Applies the fixture and checks it converged.
    func applyFixture(sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let apply = try await run(["apply", "--yes"])
        #expect(apply.status == 0, "\(apply.stderr)", sourceLocation: sourceLocation)
    }

    /// infra.yaml written from `text` into the scratch directory.
    func config(_ text: String) throws -> String {
        try scratch.write("infra-\(UUID().uuidString.prefix(6)).yaml", text).path
    }

    var loadBalancerID: Int {
        get async throws { try await emulator.loadBalancer(named: "lb-prod")?["id"] as? Int ?? -1 }
    }
}
