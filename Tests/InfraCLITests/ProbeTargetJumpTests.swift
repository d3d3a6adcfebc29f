import InfraKit
import Testing

@testable import InfraCLI

/// How infra.yaml's `ssh.proxy_jump` becomes a probe target's chain of bastions.
struct ProbeTargetJumpTests {
    static let yaml = """
        hosts:
          outer:
            ip: 198.51.100.1
            ssh: { user: admin, key: /keys/outer, port: 2200 }
          inner:
            ip: 10.0.0.1
            ssh: { user: ops, proxy_jump: outer }
          db-01:
            ip: 10.0.1.5
            role: db
            ssh: { proxy_jump: inner }
            services: [galera]
          web-01:
            ip: 203.0.113.7
        """

    @Test func aHostBehindTwoBastionsGetsTheWholeChainFarthestFirst() throws {
        let config = try InfraConfig.decode(Array(Self.yaml.utf8), file: "infra.yaml").config
        let target = ProbeTarget(try #require(config.host(named: "db-01")), in: config)
        #expect(target.address == "10.0.1.5")
        #expect(target.jumps.map(\.name) == ["outer", "inner"])
        #expect(target.jumps[0] == JumpHost(name: "outer", address: "198.51.100.1", port: 2200, user: "admin", keyPath: "/keys/outer"))
        #expect(target.jumps[1].address == "10.0.0.1")
        #expect(target.jumps[1].user == "ops")
        #expect(target.jumps[1].port == 22)
    }

    @Test func aHostWithoutProxyJumpIsReachedDirectly() throws {
        let config = try InfraConfig.decode(Array(Self.yaml.utf8), file: "infra.yaml").config
        #expect(ProbeTarget(try #require(config.host(named: "web-01")), in: config).jumps.isEmpty)
    }
}
