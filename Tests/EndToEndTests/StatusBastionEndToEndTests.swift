import Foundation
import InfraKit
import TestSupport
import Testing

/// `infra-status` as built, with infra.yaml hosts behind `ssh.proxy_jump`: the hosts live in a
/// network namespace only the bastion reaches, so every answer came through the bastion.
@Suite(.serialized, StatusBastionScope())
struct StatusBastionEndToEndTests {
    static let layout: [(role: String, kind: String, network: String)] = [
        ("bastion", "healthy", "bastion"), ("app", "healthy", "behind"), ("db", "healthy", "behind"),
        ("bastion", "down", "direct"),
    ]

    @TaskLocal static var current: (fleet: FleetFixture, scratch: ScratchDirectory)?

    var fleet: FleetFixture { Self.shared.fleet }

    static var shared: (fleet: FleetFixture, scratch: ScratchDirectory) {
        guard let current else { preconditionFailure("this test needs StatusBastionScope") }
        return current
    }

    /// infra.yaml with every host of the fleet; the app and db hosts jump through `bastion`.
    func writeConfig(_ name: String, bastion: FleetFixture.Host) throws -> String {
        var yaml = "hosts:\n"
        for host in fleet.hosts {
            let jump = host.network == "behind" ? ", proxy_jump: \(bastion.name)" : ""
            yaml += """
                  \(host.name):
                    ip: \(host.address)
                    role: \(host.role)
                    ssh: { user: \(FleetFixture.currentUser), key: "\(fleet.userKeyPath)", port: \(host.port)\(jump) }
                    services: [\(host.services.joined(separator: ", "))]

                """
        }
        yaml += "database:\n  engine: mariadb\n  nodes:\n    - { host: \(fleet.hosts[2].name), port: 3306 }\n"
        return try Self.shared.scratch.write(name, yaml).path
    }

    func run(_ config: String, _ arguments: [String]) async throws -> TimedResult {
        try await StatusFleet.runTool(
            ["--config", config, "--known-hosts", fleet.knownHostsPath, "--timeout", "20"] + arguments)
    }

    @Test func hostsBehindTheBastionAreReportedThroughItInJSON() async throws {
        let bastion = fleet.hosts[0]
        let config = try writeConfig("infra.yaml", bastion: bastion)
        let behind = fleet.hosts.filter { $0.network == "behind" }
        for host in behind { #expect(!fleet.answersDirectly(host)) }
        let connectionsBefore = fleet.relayedConnections(to: bastion)
        let names = behind.flatMap { ["--host", $0.name] }

        let result = try await run(config, ["--json", "--verbose"] + names)

        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let hosts = try result.jsonHosts()
        #expect(hosts.map(\.name) == behind.map(\.name))
        for (name, host) in hosts {
            #expect(host["state"] as? String == "ok", "\(name): \(host["detail"] ?? "")")
            #expect(host["address"] as? String == fleet.host(name).address)
            #expect(host["via"] as? [String] == [bastion.name])
        }
        #expect(!result.stderr.contains("not supported"))
        #expect(!result.stderr.contains("directly"))
        for host in behind {
            #expect(result.stderr.contains("\(host.name) via \(bastion.name): ok;"), "\(result.stderr)")
        }
        #expect(fleet.relayedConnections(to: bastion) - connectionsBefore == 1)
    }

    @Test func theWholeFileWithTheBastionItselfIsHealthy() async throws {
        let config = try writeConfig("whole.yaml", bastion: fleet.hosts[0])
        let names = fleet.hosts.prefix(3).flatMap { ["--host", $0.name] }
        let result = try await run(config, names)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.isEmpty, "\(result.stderr)")
    }

    @Test func aDownBastionMakesEveryHostBehindItUnreachableAndExits69() async throws {
        let down = fleet.hosts[3]
        let config = try writeConfig("down.yaml", bastion: down)
        let behind = fleet.hosts.filter { $0.network == "behind" }
        let result = try await run(config, ["--json"] + behind.flatMap { ["--host", $0.name] })

        #expect(result.status == 69, "\(result.stdout)\(result.stderr)")
        #expect(result.seconds < 10, "a refused bastion fails at once, not at the 20 s deadline")
        for (name, host) in try result.jsonHosts() {
            #expect(host["state"] as? String == "unreachable")
            let detail = host["detail"] as? String ?? ""
            #expect(detail.hasPrefix("via bastion \(down.name): \(down.address):2222: connection refused"), "\(name): \(detail)")
        }
    }
}

/// Starts the fleet with a bastion once for the suite and stops it afterwards.
struct StatusBastionScope: SuiteTrait, TestScoping {
    func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        let fleet = try await onDedicatedThread {
            try FleetFixture.start(networkLayout: StatusBastionEndToEndTests.layout)
        }
        do {
            let scratch = try ScratchDirectory()
            try await StatusBastionEndToEndTests.$current.withValue((fleet, scratch)) { try await function() }
        } catch {
            await onDedicatedThread { fleet.stop() }
            throw error
        }
        await onDedicatedThread { fleet.stop() }
    }
}
