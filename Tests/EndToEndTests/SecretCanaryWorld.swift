import Foundation
import InfraKit
import Testing
import TestSupport

/// Everything the canary runs reach, started once for the suite: the CloudNS, Hetzner and GitHub
/// emulators knowing only the run's canary credentials, a DNS server serving every challenge value
/// the hook publishes, and a port that refuses connections.
struct CanaryWorld: Sendable {
    /// The APIs a command talks to.
    enum Provider: String, Sendable, CaseIterable {
        case cloudNS, hetznerCloud, hetznerRobot, gitHub

        /// Whether the tools reach it through InfraKit's APIClient, whose --verbose trace shows retries.
        var tracesRetries: Bool { self != .gitHub }
    }

    let secrets: CanarySecrets
    let cloudNS: EmulatorProcess
    let hetzner: HetznerEmulator
    let gitHub: GitHubEmulatorProcess
    let dns: LoopbackDNSServer
    let refusing: RefusingLoopbackPort
    /// What `infra-lb cert deploy` uploads.
    let deployCertificate: (chain: String, key: String)

    /// The zones the CloudNS emulator holds, one per tool so concurrent runs never meet.
    static let dnsZone = "dns-canary.example"
    static let acmeZone = "acme-canary.example"
    /// Every challenge value the hook cases publish; the DNS server serves them all.
    static let challengeValues = ["canary-certbot-value", "canary-lego-value", "canary-dehydrated-value"]
    static let legoKeyAuthorization = "canary-token.canary-thumbprint"
    static var servedValues: [String] {
        challengeValues + [ACMEKeyAuthorization.txtValue(for: legoKeyAuthorization)]
    }

    static var isAvailable: Bool {
        GitHubEmulatorProcess.ghIsAvailable && FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl")
    }

    static func start() async throws -> CanaryWorld {
        let secrets = CanarySecrets()
        async let cloudNS = EmulatorProcess.start()
        async let hetzner = HetznerEmulator.start(["--action-duration", "0"])
        async let gitHub = GitHubEmulatorProcess.start()
        let dns = try LoopbackDNSServer { query in
            let question = DNSAnswerBuilder.question(of: query)
            guard question.type == 16, question.name.hasPrefix("_acme-challenge.") else {
                return [DNSAnswerBuilder.response(to: query, rcode: 3)]
            }
            return [DNSAnswerBuilder.response(to: query, answers: servedValues.map { .txt(question.name, $0) })]
        }
        let scratch = try ScratchDirectory()
        let world = CanaryWorld(
            secrets: secrets, cloudNS: try await cloudNS, hetzner: try await hetzner, gitHub: try await gitHub, dns: dns,
            refusing: try RefusingLoopbackPort(),
            deployCertificate: try await HetznerEmulator.selfSignedCertificate(["example.com", "*.example.com"], in: scratch))
        do {
            try await world.seed(scratch)
        } catch {
            world.stop()
            throw error
        }
        return world
    }

    func stop() {
        cloudNS.stop()
        hetzner.stop()
        gitHub.stop()
        dns.stop()
    }

    private func seed(_ scratch: ScratchDirectory) async throws {
        try await cloudNS.seed(
            EmulatorProcess.Seed(
                identities: [.apiUser(CanarySecrets.cloudNSAuthID, password: secrets.cloudNS.value)],
                zones: [
                    EmulatorProcess.Zone(
                        Self.dnsZone,
                        records: [
                            .init("gone-a", "TXT", "delete me", ttl: 300),
                            .init("gone-b", "TXT", "delete me too", ttl: 300),
                        ]),
                    EmulatorProcess.Zone(Self.acmeZone), EmulatorProcess.Zone("example.com"), EmulatorProcess.Zone("example.org"),
                ]))
        // Robot blocks a client after three failed logins; the canary fails many on purpose.
        try await hetzner.settings(["robot_lockout": false])
        let fixtureCertificate = try await HetznerEmulator.selfSignedCertificate(["example.com", "*.example.com"], in: scratch)
        var project = SetupToolHarness.fixtureProject()
        project["tokens"] = [secrets.hetznerCloud.value]
        project["robot_users"] = [["user": CanarySecrets.robotUser, "password": secrets.hetznerRobot.value]]
        project["certificates"] = [
            ["name": "wildcard-example-com", "certificate": fixtureCertificate.chain, "private_key": fixtureCertificate.key]
        ]
        project["load_balancers"] = [
            [
                "name": "lb-status", "load_balancer_type": "lb11", "location": "fsn1", "services": [["protocol": "http"]],
                "targets": [["type": "server", "server": ["name": "app1"]] as [String: any Sendable]],
            ] as [String: any Sendable]
        ]
        try await hetzner.seed(project)
        let seed: [String: Any] = [
            "tokens": [["token": secrets.gitHub.value, "login": "octocat", "id": 1, "kind": "classic", "scopes": ["repo", "read:org"]]],
            "repos": [
                [
                    "full_name": "canary/app", "private": true,
                    "alerts": [
                        "code_scanning": 2, "dependabot": 2,
                        "secret_scanning": [["secret_type": "npm_access_token", "secret": secrets.alertSecret.value]],
                    ] as [String: Any],
                ] as [String: Any]
            ],
        ]
        try await gitHub.seed(String(decoding: try JSONSerialization.data(withJSONObject: seed), as: UTF8.self))
    }

    // MARK: Environments

    /// Every provider's endpoint and credentials, right ones, except those made `wrong` or
    /// `unreachable` (pointed at a port that refuses connections).
    func environment(wrong: Set<Provider> = [], unreachable: Set<Provider> = []) -> [String: String] {
        let refused = "127.0.0.1:\(refusing.port)"
        func endpoint(_ provider: Provider, _ url: String) -> String {
            unreachable.contains(provider) ? url.replacingOccurrences(of: "127.0.0.1:\(port(of: provider))", with: refused) : url
        }
        var environment = gitHub.ghEnvironment.filter { $0.key.hasPrefix("GH_") || $0.key == "SSL_CERT_FILE" }
        environment.merge([
            "CLOUDNS_API_URL": endpoint(.cloudNS, cloudNS.baseURL),
            "CLOUDNS_AUTH_ID": CanarySecrets.cloudNSAuthID,
            "CLOUDNS_AUTH_PASSWORD": (wrong.contains(.cloudNS) ? secrets.cloudNSWrong : secrets.cloudNS).value,
            "HCLOUD_ENDPOINT": endpoint(.hetznerCloud, hetzner.endpoint),
            "HCLOUD_TOKEN": (wrong.contains(.hetznerCloud) ? secrets.hetznerCloudWrong : secrets.hetznerCloud).value,
            "HETZNER_ROBOT_URL": endpoint(.hetznerRobot, "http://127.0.0.1:\(hetzner.port)/robot"),
            "HETZNER_ROBOT_USER": CanarySecrets.robotUser,
            "HETZNER_ROBOT_PASSWORD": (wrong.contains(.hetznerRobot) ? secrets.hetznerRobotWrong : secrets.hetznerRobot).value,
            "GH_HOST": endpoint(.gitHub, gitHub.ghEnvironment["GH_HOST"] ?? ""),
            "GH_ENTERPRISE_TOKEN": (wrong.contains(.gitHub) ? secrets.gitHubWrong : secrets.gitHub).value,
            "GH_TOKEN": secrets.gitHubUnused.value,
            "GITHUB_TOKEN": secrets.gitHubUnused.value,
            "ACME_CLOUDNS_DNS_SERVERS": dns.address,
            "ACME_CLOUDNS_PROPAGATION_TIMEOUT": "10",
        ]) { $1 }
        return environment
    }

    private func port(of provider: Provider) -> Int {
        switch provider {
        case .cloudNS: cloudNS.port
        case .hetznerCloud, .hetznerRobot: hetzner.port
        case .gitHub: Int(gitHub.ghEnvironment["GH_HOST"]?.split(separator: ":").last ?? "") ?? 0
        }
    }

    // MARK: Faults

    /// Queues one server error for the next call to `provider`, so the client retries (and traces it).
    func injectServerError(_ provider: Provider) async throws {
        switch provider {
        case .cloudNS: try await cloudNS.addFault(["method": "*", "kind": "http-error", "status": 503])
        case .hetznerCloud: try await hetzner.addFault(["kind": "http-error", "status": 503, "method": "GET", "path": "/v1/*"])
        case .hetznerRobot: try await hetzner.addFault(["kind": "http-error", "status": 503, "method": "GET", "path": "/robot/*"])
        case .gitHub: try await gitHub.addFault(#"{"kind": "http-error", "status": 502}"#)
        }
    }

    /// Drops every fault not consumed by the emulators of `providers`, so the next run meets none.
    func clearFaults(_ providers: Set<Provider>) async throws {
        if providers.contains(.cloudNS) { try await cloudNS.clearFaults() }
        if !providers.isDisjoint(with: [.hetznerCloud, .hetznerRobot]) { try await hetzner.clearFaults() }
        if providers.contains(.gitHub) { try await gitHub.clearFaults() }
    }

    /// Which emulator serves `provider`: runs meeting different emulators may have faults at once.
    static func emulator(of provider: Provider) -> String {
        switch provider {
        case .cloudNS: "cloudns"
        case .hetznerCloud, .hetznerRobot: "hetzner"
        case .gitHub: "github"
        }
    }
}

/// Starts the canary world once for the suite and stops it afterwards.
struct CanaryWorldScope: SuiteTrait, TestScoping {
    @TaskLocal static var current: CanaryWorld?

    func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        let world = try await CanaryWorld.start()
        defer { world.stop() }
        try await Self.$current.withValue(world) { try await function() }
    }
}

extension Trait where Self == CanaryWorldScope {
    /// Runs the suite against one set of emulators holding the run's canary credentials.
    static var canaryWorld: CanaryWorldScope { CanaryWorldScope() }
}
