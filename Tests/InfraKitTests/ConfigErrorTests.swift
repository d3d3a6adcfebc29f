import InfraKit
import Testing

/// Malformed configurations and the exact one-line error each one gets.
@Suite("Config: errors")
struct ConfigErrorTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let yaml: String
        let message: String
        var kind: ConfigError.Kind = .invalidValue
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "integer as a word",
            yaml: "hosts:\n  web1:\n    ip: 1.2.3.4\n    ssh:\n      port: twenty-two\n",
            message: #"infra.yaml:5:13: hosts.web1.ssh.port: expected an integer, got "twenty-two""#),
        Case(
            name: "port out of range",
            yaml: "hosts:\n  web1:\n    ip: 1.2.3.4\n    ssh: {port: 70000}\n",
            message: #"infra.yaml:4:17: hosts.web1.ssh.port: expected a port number from 1 to 65535, got "70000""#),
        Case(
            name: "port zero",
            yaml: "load_balancer:\n  backends:\n    - {host: web1, port: 0}\n",
            message: #"infra.yaml:3:26: load_balancer.backends[0].port: expected a port number from 1 to 65535, got "0""#),
        Case(
            name: "quoted integer",
            yaml: "hosts:\n  web1:\n    ip: 1.2.3.4\n    ssh:\n      port: \"22\"\n",
            message: #"infra.yaml:5:13: hosts.web1.ssh.port: expected an integer, got "22" (quoted, so a string)"#),
        Case(
            name: "integer tagged as a string",
            yaml: "hosts:\n  web1:\n    ip: 1.2.3.4\n    ssh: {port: !!str 22}\n",
            message: #"infra.yaml:4:17: hosts.web1.ssh.port: expected an integer, got "22" (tagged !!str, so not a plain value)"#),
        Case(
            name: "octal-looking integer",
            yaml: "containers:\n  web:\n    port: 0808\n",
            message: #"infra.yaml:3:11: containers.web.port: expected an integer, got "0808" (a leading zero means octal in YAML 1.1; write it without the zero, or as 0o…)"#),
        Case(
            name: "negative count",
            yaml: "containers:\n  web:\n    replicas: -2\n",
            message: #"infra.yaml:3:15: containers.web.replicas: expected a non-negative integer, got "-2""#),
        Case(
            name: "invalid IPv4",
            yaml: "hosts:\n  web1:\n    ip: 10.0.0.256\n",
            message: #"infra.yaml:3:9: hosts.web1.ip: expected an IPv4 or IPv6 address, got "10.0.0.256""#),
        Case(
            name: "invalid IPv6",
            yaml: "hosts:\n  web1:\n    ip: 1.2.3.4\n    private_ip: fd00::1::2\n",
            message: #"infra.yaml:4:17: hosts.web1.private_ip: expected an IPv4 or IPv6 address, got "fd00::1::2""#),
        Case(
            name: "invalid CIDR",
            yaml: "network:\n  cidr: 10.0.0.0/33\n",
            message: #"infra.yaml:2:9: network.cidr: expected a network in CIDR notation (like 10.0.0.0/16), got "10.0.0.0/33""#),
        Case(
            name: "boolean",
            yaml: "cache:\n  sentinel: maybe\n",
            message: #"infra.yaml:2:13: cache.sentinel: expected a boolean (true/false, yes/no, on/off), got "maybe""#),
        Case(
            name: "host type",
            yaml: "hosts:\n  web1:\n    ip: 1.2.3.4\n    type: hcloude\n",
            message: #"infra.yaml:4:11: hosts.web1.type: expected one of hcloud, hrobot, got "hcloude" (did you mean "hcloud"?)"#),
        Case(
            name: "list where a mapping belongs",
            yaml: "hosts:\n  - web1\n",
            message: #"infra.yaml:2:3: hosts: expected a mapping of names, got a list"#),
        Case(
            name: "scalar where a list belongs",
            yaml: "hosts:\n  web1:\n    ip: 1.2.3.4\n    services: docker\n",
            message: #"infra.yaml:4:15: hosts.web1.services: expected a list, got "docker""#),
        Case(
            name: "mapping where a string belongs",
            yaml: "dns:\n  provider: {name: cloudns}\n",
            message: #"infra.yaml:2:13: dns.provider: expected a string, got a mapping"#),
        Case(
            name: "missing ip",
            yaml: "hosts:\n  web1:\n    fqdn: web1.example.com\n",
            message: #"infra.yaml:3:5: hosts.web1: missing required key "ip""#, kind: .missingKey),
        Case(
            name: "missing record type",
            yaml: "dns:\n  zones:\n    example.com:\n      records:\n        - {name: www, value: 1.2.3.4}\n",
            message: #"infra.yaml:5:11: dns.zones["example.com"].records[0]: missing required key "type""#, kind: .missingKey),
        Case(
            name: "bad host name",
            yaml: "hosts:\n  \"web 1\":\n    ip: 1.2.3.4\n",
            message: #"infra.yaml:3:5: hosts["web 1"]: a host name may not start with "-" or contain spaces or control characters"#),
        Case(
            name: "empty file",
            yaml: "",
            message: "infra.yaml:1:1: the file is empty; expected a mapping of sections (hosts, dns, …)"),
        Case(
            name: "top level is a list",
            yaml: "- a\n",
            message: #"infra.yaml:1:1: expected a mapping, got a list"#),
        Case(
            name: "duplicate key",
            yaml: "hosts:\n  web1:\n    ip: 1.2.3.4\n  web1:\n    ip: 1.2.3.5\n",
            message: "infra.yaml:4:3: hosts.web1: duplicate key (first defined at 2:3)", kind: .syntax),
        Case(
            name: "syntax error",
            yaml: "hosts:\n  web1:\n    ip: 1.2.3.4\n   fqdn: x\n",
            message: "infra.yaml:4:4: hosts: did not find expected key (while parsing a block mapping at 2:3)", kind: .syntax),
        Case(
            name: "second document",
            yaml: "hosts: {}\n---\nhosts: {}\n",
            message: "infra.yaml:2:1: a second YAML document starts here; the file must hold exactly one document", kind: .syntax),
        Case(
            name: "backend names no host",
            yaml: "hosts:\n  web1: {ip: 1.2.3.4}\nload_balancer:\n  backends:\n    - host: web2\n",
            message: #"infra.yaml:5:13: load_balancer.backends[0].host: no host named "web2" in hosts (did you mean "web1"?)"#,
            kind: .unknownHost),
        Case(
            name: "database node names no host",
            yaml: "hosts:\n  db1: {ip: 1.2.3.4}\ndatabase:\n  nodes:\n    - {host: db1}\n    - {host: mysql}\n",
            message: #"infra.yaml:6:14: database.nodes[1].host: no host named "mysql" in hosts"#, kind: .unknownHost),
        Case(
            name: "cache node names no host",
            yaml: "cache:\n  nodes:\n    - {host: redis1, port: 6379}\n",
            message: #"infra.yaml:3:14: cache.nodes[0].host: no host named "redis1" in hosts"#, kind: .unknownHost),
        Case(
            name: "backup names no host",
            yaml: "hosts:\n  db1: {ip: 1.2.3.4}\nbackups:\n  weekly:\n    - name: dump\n      hosts: [db1, db2]\n",
            message: #"infra.yaml:6:20: backups.weekly[0].hosts[1]: no host named "db2" in hosts (did you mean "db1"?)"#,
            kind: .unknownHost),
        Case(
            name: "proxy jump names no host",
            yaml: "hosts:\n  db1:\n    ip: 10.0.0.5\n    ssh: {proxy_jump: bastoin}\n  bastion: {ip: 1.2.3.4}\n",
            message: #"infra.yaml:4:23: hosts.db1.ssh.proxy_jump: no host named "bastoin" in hosts (did you mean "bastion"?)"#,
            kind: .unknownHost),
        Case(
            name: "proxy jump loop",
            yaml: "hosts:\n  a: {ip: 1.2.3.4, ssh: {proxy_jump: b}}\n  b: {ip: 1.2.3.5, ssh: {proxy_jump: c}}\n  c: {ip: 1.2.3.6, ssh: {proxy_jump: a}}\n",
            message: "infra.yaml:2:38: hosts.a.ssh.proxy_jump: proxy jumps form a loop: a → b → c → a", kind: .proxyJumpCycle),
        Case(
            name: "proxy jump to itself",
            yaml: "hosts:\n  a: {ip: 1.2.3.4, ssh: {proxy_jump: a}}\n",
            message: "infra.yaml:2:38: hosts.a.ssh.proxy_jump: proxy jumps form a loop: a → a", kind: .proxyJumpCycle),
        Case(
            name: "billion laughs",
            yaml: (["a: &a [x, x, x, x, x, x, x, x, x, x]"] + (1...6).map { level in
                "l\(level): &l\(level) [" + Array(repeating: level == 1 ? "*a" : "*l\(level - 1)", count: 10).joined(separator: ", ") + "]"
            }).joined(separator: "\n"),
            message: #"infra.yaml:4:45: l3[7]: aliases expand the document by more than 10000 nodes at *l2; refusing it (a "billion laughs"?)"#,
            kind: .syntax),
    ]

    @Test(arguments: cases)
    func malformedInputGetsAnExactMessage(_ example: Case) {
        do {
            let loaded = try ConfigFixtures.decode(example.yaml)
            Issue.record("expected an error, got a config with \(loaded.config.hosts.count) hosts")
        } catch {
            #expect(error.message == example.message)
            #expect(error.kind == example.kind)
            #expect(error.exitStatus == .configuration)
        }
    }

    @Test func unknownKeysAreWarningsWithTheClosestKnownKey() throws {
        let loaded = try ConfigFixtures.decode(
            """
            hosts:
              web1:
                ip: 1.2.3.4
                fqnd: web1.example.com
                ssh: {usr: admin, color: blue}
            load_balancr: {}
            x-defaults: {anything: goes}
            """)
        #expect(loaded.warnings.map(\.description) == [
            #"infra.yaml:4:5: hosts.web1.fqnd: unknown key, ignored (did you mean "fqdn"?)"#,
            #"infra.yaml:5:11: hosts.web1.ssh.usr: unknown key, ignored (did you mean "user"?)"#,
            #"infra.yaml:5:23: hosts.web1.ssh.color: unknown key, ignored"#,
            #"infra.yaml:6:1: load_balancr: unknown key, ignored (did you mean "load_balancer"?)"#,
        ])
        #expect(loaded.config.host(named: "web1")?.ssh.user == "root")
    }

    @Test func anUnknownKeyInASharedAnchorIsReportedOnce() throws {
        let loaded = try ConfigFixtures.decode(
            """
            x-ssh: &ssh {user: root, prot: 2222}
            hosts:
              a: {ip: 1.2.3.4, ssh: *ssh}
              b: {ip: 1.2.3.5, ssh: *ssh}
            """)
        #expect(loaded.warnings.map(\.description) == [
            #"infra.yaml:1:26: hosts.a.ssh.prot: unknown key, ignored (did you mean "port"?)"#
        ])
    }

    @Test(arguments: [
        ("true", true), ("True", true), ("yes", true), ("on", true), ("ON", true),
        ("false", false), ("No", false), ("off", false), ("NO", false),
    ])
    func booleansAcceptYAML11Words(word: String, value: Bool) throws {
        let loaded = try ConfigFixtures.decode("cache:\n  sentinel: \(word)\n")
        #expect(loaded.config.cache?.sentinel == value)
    }

    @Test func integersAcceptHexOctalAndSeparators() throws {
        let loaded = try ConfigFixtures.decode("monitoring:\n  alerts: {a: 0x1F, b: 0o17, c: 1_000, d: -3, e: !!int \"5\"}\n")
        #expect(loaded.config.monitoring?.alerts.map(\.value) == [31, 15, 1000, -3, 5])
    }

    @Test func nullValuesReadAsAbsent() throws {
        let loaded = try ConfigFixtures.decode("hosts:\n  web1:\n    ip: 1.2.3.4\n    fqdn:\n    ssh: ~\n    services:\ndns:\n")
        let host = try #require(loaded.config.host(named: "web1"))
        #expect(host.fqdn == nil)
        #expect(host.ssh == .init())
        #expect(host.services.isEmpty)
        #expect(loaded.config.dns == nil)
    }
}
