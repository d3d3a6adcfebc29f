import Foundation
import TestSupport

/// The built `infra-setup` (and `infra-dns`) against the Hetzner and CloudNS emulators together,
/// in a scratch directory holding the fixture's infra.yaml, whose servers both Hetzner APIs know.
struct SetupToolHarness {
    let hetzner: HetznerEmulator
    let cloudNS: EmulatorProcess
    let scratch: ScratchDirectory
    /// The Robot webservice user's password; it holds the Hetzner emulator's canary too.
    let robotPassword = "pw-\(HetznerEmulator.canary)-\(UUID().uuidString.prefix(8))"
    static let robotUser = "#ws+setupTests"

    /// The fixture every tool reads (`Tests/Fixtures/config/infra.yaml`).
    static var fixtureText: String {
        get throws {
            let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("Fixtures/config/infra.yaml")
            return try String(contentsOf: url, encoding: .utf8)
        }
    }

    /// The fixture with records using templates added to example.com.
    static var configWithTemplates: String {
        get throws {
            try fixtureText.replacingOccurrences(
                of: """
                    example.com:
                          records:

                    """,
                with: """
                    example.com:
                          records:
                            - { name: lb, type: A, value: "{{.lb_ip}}", ttl: 300 }
                            - { name: lb, type: AAAA, value: "{{ .lb_ipv6 }}", ttl: 300 }
                            - { name: bastion, type: A, value: "{{.host.bastion.ip}}", ttl: 300 }
                            - { name: app1.internal, type: A, value: "{{.host.app1.private_ip}}", ttl: 300 }

                    """)
        }
    }

    /// The Cloud servers of the fixture: name, public IPv4, private IP.
    static let cloudServers: [(String, String, String)] = [
        ("bastion", "203.0.113.10", "10.0.0.2"), ("app1", "203.0.113.21", "10.0.1.21"), ("app2", "203.0.113.22", "10.0.1.22"),
    ]

    /// The Robot servers of the fixture: name, main IPv4, IPv6 network.
    static let robotServers: [(String, String, String?)] = [
        ("builder", "192.0.2.50", "2001:db8:10::"), ("db1", "198.51.100.11", nil), ("db2", "198.51.100.12", nil),
        ("db3", "198.51.100.13", nil),
    ]

    static func start(
        config: String? = nil, cloud: [(String, String, String)] = cloudServers, robot: [(String, String, String?)] = robotServers,
        zones: EmulatorProcess.Seed = .init(zones: [EmulatorProcess.Zone("example.com"), EmulatorProcess.Zone("example.org")]),
        actionDuration: Double = 0
    ) async throws -> SetupToolHarness {
        let hetzner = try await HetznerEmulator.start(["--action-duration", String(actionDuration)])
        let cloudNS: EmulatorProcess
        do {
            cloudNS = try await EmulatorProcess.start()
        } catch {
            hetzner.stop()
            throw error
        }
        let harness = SetupToolHarness(hetzner: hetzner, cloudNS: cloudNS, scratch: try ScratchDirectory())
        do {
            try await cloudNS.seed(zones)
            let certificate = try await HetznerEmulator.selfSignedCertificate(["example.com", "*.example.com"], in: harness.scratch)
            var seed = fixtureProject(cloud: cloud, robot: robot)
            seed["certificates"] = [["name": "wildcard-example-com", "certificate": certificate.chain, "private_key": certificate.key]]
            seed["robot_users"] = [["user": robotUser, "password": harness.robotPassword]]
            try await hetzner.seed(seed)
            try harness.scratch.write("infra.yaml", config ?? (try fixtureText))
        } catch {
            harness.stop()
            throw error
        }
        return harness
    }

    /// The Hetzner emulator's seed for the fixture's servers: the Cloud ones in network prod-net,
    /// the Robot ones numbered from 321.
    static func fixtureProject(
        cloud: [(String, String, String)] = cloudServers, robot: [(String, String, String?)] = robotServers
    ) -> [String: any Sendable] {
        [
            "networks": [
                ["name": "prod-net", "ip_range": "10.0.0.0/16", "subnets": [["ip_range": "10.0.0.0/16", "network_zone": "eu-central"]]] as [String: any Sendable]
            ],
            "servers": cloud.map { name, ipv4, privateIP in
                [
                    "name": name, "server_type": "cx22", "location": "fsn1", "ipv4": ipv4,
                    "private_net": [["network": "prod-net", "ip": privateIP]],
                ] as [String: any Sendable]
            },
            "robot_servers": robot.enumerated().map { index, server in
                var entry: [String: any Sendable] = [
                    "server_number": 321 + index, "server_name": server.0, "server_ip": server.1, "product": "EX44",
                    "dc": "FSN1-DC10", "status": "ready",
                ]
                if let network = server.2 { entry["server_ipv6_net"] = network }
                return entry
            },
        ]
    }

    func stop() {
        hetzner.stop()
        cloudNS.stop()
    }

    func writeConfig(_ text: String) throws {
        try scratch.write("infra.yaml", text)
    }

    /// Every credential of both emulators.
    var environment: [String: String] {
        hetznerEnvironment.merging(cloudNS.environment) { first, _ in first }
    }

    /// Cloud and Robot credentials.
    var hetznerEnvironment: [String: String] {
        hetzner.environment.merging(robotEnvironment) { first, _ in first }
    }

    var robotEnvironment: [String: String] {
        [
            "HETZNER_ROBOT_USER": Self.robotUser, "HETZNER_ROBOT_PASSWORD": robotPassword,
            "HETZNER_ROBOT_URL": "http://127.0.0.1:\(hetzner.port)/robot",
        ]
    }

    /// Whether either Hetzner API has been called (control calls are not logged).
    func hetznerWasCalled() async throws -> Bool {
        try await hetzner.callLogPosition() > 0
    }

    /// The default project's images.
    func images() async throws -> [[String: Any]] {
        try await hetzner.state()["images"] as? [[String: Any]] ?? []
    }

    /// Runs `tool` in the scratch directory with `environment` (by default every credential).
    func run(_ arguments: [String], tool: String = "infra-setup", environment: [String: String]? = nil, stdin: String = "")
        async throws -> ToolResult
    {
        try await ToolProcess.run(
            tool, arguments, environment: environment ?? self.environment, stdin: stdin, currentDirectory: scratch.url)
    }

    /// `host type value ttl` of every record CloudNS holds in `zone`, sorted.
    func held(_ zone: String) async throws -> [String] {
        try await cloudNS.records(in: zone).map { "\($0.host.isEmpty ? "@" : $0.host) \($0.type) \($0.record) \($0.ttl)" }.sorted()
    }

    /// No secret of either emulator appears in `text`.
    static func showsNoSecret(_ text: String) -> Bool {
        !text.contains(HetznerEmulator.canary) && !text.contains(EmulatorProcess.canary)
    }
}
