import Foundation
import Testing
import TestSupport

/// `infra-setup discover` against the Hetzner emulator: the fixture's hosts held against the Cloud
/// and Robot servers.
@Suite("infra-setup discover")
struct SetupDiscoverEndToEndTests {
    @Test func everyDeclaredHostIsMatched() async throws {
        let setup = try await SetupToolHarness.start()
        defer { setup.stop() }
        let result = try await setup.run(["discover"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("HOST") == true)
        for host in ["bastion", "app1", "app2", "builder", "db1", "db2", "db3"] {
            #expect(lines.contains { $0.hasPrefix(host + " ") && $0.contains(" matched ") }, "\(host): \(result.stdout)")
        }
        #expect(lines.contains { $0.hasPrefix("builder ") && $0.contains("hrobot") && $0.contains("by ip") })
        #expect(lines.last == "7 hosts: 7 matched; 0 servers not declared")
        #expect(SetupToolHarness.showsNoSecret(result.stdout + result.stderr))
    }

    @Test func aServerAddedBehindItsBackAndAMissingHostAreReported() async throws {
        let setup = try await SetupToolHarness.start(robot: Array(SetupToolHarness.robotServers.prefix(3)))
        defer { setup.stop() }
        try await setup.hetzner.seed(["servers": [["name": "stray", "server_type": "cx22", "location": "fsn1", "ipv4": "192.0.2.99"]]])
        let result = try await setup.run(["discover", "--json"])
        #expect(result.status == 1)
        let answer = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(answer["missing"] as? Int == 1)
        let hosts = try #require(answer["hosts"] as? [[String: Any]])
        let db3 = try #require(hosts.first { $0["host"] as? String == "db3" })
        #expect(db3["status"] as? String == "missing")
        #expect(db3["declared_type"] as? String == "hrobot")
        let undeclared = try #require(answer["undeclared"] as? [[String: Any]])
        #expect(undeclared.map { $0["name"] as? String } == ["stray"])
        #expect(undeclared.first?["ipv4"] as? [String] == ["192.0.2.99"])
        #expect((answer["skipped"] as? [Any])?.isEmpty == true)
    }

    /// 60 more Cloud servers than hosts: two pages of 50, every one of them listed.
    @Test func everyPageOfCloudServersIsRead() async throws {
        let setup = try await SetupToolHarness.start()
        defer { setup.stop() }
        try await setup.hetzner.seed(["servers": (0..<60).map { ["name": String(format: "filler-%02d", $0)] }])
        let result = try await setup.run(["discover", "--json", "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        let answer = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect((answer["undeclared"] as? [Any])?.count == 60)
        let pages = try await setup.hetzner.calls().filter { $0.path == "/v1/servers" }
        #expect(pages.count == 2)
    }

    @Test func mismatchedTypeAndPrivateIPAreNamed() async throws {
        var cloud = SetupToolHarness.cloudServers
        cloud[2].2 = "10.0.1.99"
        cloud.append(("db3", "198.51.100.13", "10.0.2.13"))
        let setup = try await SetupToolHarness.start(cloud: cloud, robot: Array(SetupToolHarness.robotServers.prefix(3)))
        defer { setup.stop() }
        let result = try await setup.run(["discover"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        let app2 = try #require(lines.first { $0.hasPrefix("app2 ") })
        #expect(app2.contains("mismatch") && app2.contains("private_ip: declared 10.0.1.22, found 10.0.1.99"))
        let db3 = try #require(lines.first { $0.hasPrefix("db3 ") })
        #expect(db3.contains("mismatch") && db3.contains("type: declared hrobot, found in Hetzner Cloud"))
        #expect(lines.last == "7 hosts: 5 matched, 2 mismatch; 0 servers not declared")
    }

    @Test func withOnlyTheCloudTokenRobotIsSkippedNotAnError() async throws {
        let setup = try await SetupToolHarness.start()
        defer { setup.stop() }
        let result = try await setup.run(["discover"], environment: setup.hetzner.environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr == "infra-setup: note: Hetzner Robot skipped: HETZNER_ROBOT_USER is not set\n")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("db1 ") && $0.contains("unchecked") })
        #expect(lines.last == "7 hosts: 3 matched, 4 unchecked; 0 servers not declared; hrobot skipped (HETZNER_ROBOT_USER is not set)")

        let robotOnly = try await setup.run(["discover", "--json"], environment: setup.robotEnvironment)
        #expect(robotOnly.status == 0, "\(robotOnly.stderr)")
        let answer = try #require(try JSONSerialization.jsonObject(with: Data(robotOnly.stdout.utf8)) as? [String: Any])
        #expect((answer["skipped"] as? [[String: Any]])?.first?["api"] as? String == "hcloud")
    }

    @Test func withoutAnyHetznerCredentialsItStopsBeforeAnyCall() async throws {
        let setup = try await SetupToolHarness.start()
        defer { setup.stop() }
        let result = try await setup.run(["discover"], environment: setup.cloudNS.environment)
        #expect(result.status == 78)
        #expect(result.stderr.hasPrefix("infra-setup: error: discover needs Hetzner Cloud or Robot credentials"))
        #expect(try await !setup.hetznerWasCalled())
    }

    @Test func pipelineOptionsAreNotDiscoverOptions() async throws {
        let result = try await ToolProcess.run("infra-setup", ["discover", "--dry-run"])
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("infra-setup: error: unknown option '--dry-run'\n"))
    }
}
