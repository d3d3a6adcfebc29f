import InfraKit
import Testing

@Suite("DNS templates")
struct DNSTemplateTests {
    static let yaml = """
        hosts:
          app1: { ip: 203.0.113.21, private_ip: 10.0.1.21 }
          builder: { ip: "2001:db8:10::5" }
        load_balancer:
          name: lb-prod
        dns:
          zones:
            example.com:
              records:
                - { name: lb, type: A, value: "{{.lb_ip}}" }
                - { name: lb, type: AAAA, value: "{{ .lb_ipv6 }}" }
                - { name: "@", type: TXT, value: "v=spf1 ip4:{{.host.app1.ip}} ip4:{{.lb_ip}} -all" }
                - name: app1.internal
                  type: A
                  value: "{{.host.app1.private_ip}}"

        """

    static func resolver(_ yaml: String = yaml) throws -> DNSTemplateResolver {
        let loaded = try InfraConfig.decode(Array(yaml.utf8), file: "infra.yaml")
        return DNSTemplateResolver(config: loaded.config, file: "infra.yaml")
    }

    @Test(arguments: [
        ("{{.lb_ip}}", [DNSTemplate.Reference.loadBalancerIPv4]),
        ("{{  .lb_ipv6 }}", [.loadBalancerIPv6]),
        ("a {{.host.web1.ip}} b {{.host.db-1.private_ip}}", [.hostIP("web1"), .hostPrivateIP("db-1")]),
        ("plain 192.0.2.1", []),
    ])
    func referencesAreRead(value: String, references: [DNSTemplate.Reference]) throws {
        #expect(try DNSTemplate.references(in: value) == references)
    }

    @Test(arguments: [
        ("{{.lb_ipv4}}", "unknown template {{.lb_ipv4}}; the known ones are \(DNSTemplate.known)"),
        ("{{.host.web1}}", "unknown template {{.host.web1}}; the known ones are \(DNSTemplate.known)"),
        ("{{.host..ip}}", "unknown template {{.host..ip}}; the known ones are \(DNSTemplate.known)"),
        ("x {{.lb_ip", #""{{.lb_ip" has no closing }}"#),
    ])
    func malformedTemplatesAreRefused(value: String, detail: String) {
        #expect(throws: DNSTemplateError(detail)) { try DNSTemplate.references(in: value) }
    }

    @Test func valuesAreFilledInFromHostsAndTheLoadBalancer() throws {
        let resolver = try Self.resolver()
        #expect(resolver.needsLoadBalancer)
        try resolver.check()
        let zone = try #require(resolver.config.dns?.zones.first)
        let resolved = try resolver.resolve(zone, loadBalancer: .known(ipv4: "203.0.113.80", ipv6: "2001:db8::80"))
        #expect(resolved.records.map(\.value) == [
            "203.0.113.80", "2001:db8::80", "v=spf1 ip4:203.0.113.21 ip4:203.0.113.80 -all", "10.0.1.21",
        ])
    }

    @Test func beforeTheLoadBalancerExistsPlansShowKnownAfterApply() throws {
        let resolver = try Self.resolver()
        let zone = try #require(resolver.config.dns?.zones.first)
        let resolved = try resolver.resolve(zone, loadBalancer: .knownAfterApply)
        #expect(resolved.records[0].value == "(lb ipv4, known after apply)")
        #expect(resolved.records[1].value == "(lb ipv6, known after apply)")
        #expect(resolved.records[2].value == "v=spf1 ip4:203.0.113.21 ip4:(lb ipv4, known after apply) -all")
        #expect(DNSTemplateResolver.isKnownAfterApply(resolved.records[0].value))
        #expect(!DNSTemplateResolver.isKnownAfterApply(resolved.records[3].value))
    }

    @Test func errorsNameTheFileThePositionAndTheRecord() throws {
        let resolver = try Self.resolver()
        let zone = try #require(resolver.config.dns?.zones.first)
        let error = try #require(throws: ConfigError.self) {
            try resolver.resolve(zone, loadBalancer: .known(ipv4: "203.0.113.80", ipv6: nil))
        }
        #expect(
            error.message
                == #"infra.yaml:11:42: dns.zones["example.com"].records[1].value: lb AAAA: {{.lb_ipv6}}: load balancer lb-prod has no public IPv6 address"#
        )
        #expect(error.exitStatus == .configuration)

        let unavailable = try #require(throws: ConfigError.self) {
            try resolver.resolve(zone, loadBalancer: .unavailable("HCLOUD_TOKEN is not set"))
        }
        #expect(unavailable.message.hasPrefix(#"infra.yaml:10:39: dns.zones["example.com"].records[0].value: lb A: {{.lb_ip}} cannot be filled in: HCLOUD_TOKEN is not set"#))
    }

    @Test func unknownHostsAreFoundByCheckWithASuggestion() throws {
        let resolver = try Self.resolver(Self.yaml.replacingOccurrences(of: "{{.host.app1.private_ip}}", with: "{{.host.app2.private_ip}}"))
        let error = try #require(throws: ConfigError.self) { try resolver.check() }
        #expect(error.kind == .unknownHost)
        #expect(
            error.message
                == #"infra.yaml:15:18: dns.zones["example.com"].records[3].value: app1.internal A: {{.host.app2.private_ip}}: no host named "app2" in hosts (did you mean "app1"?)"#
        )
    }

    @Test func aHostWithoutAPrivateIPAndAConfigWithoutALoadBalancerAreErrors() throws {
        let noPrivate = try Self.resolver(Self.yaml.replacingOccurrences(of: "{{.host.app1.private_ip}}", with: "{{.host.builder.private_ip}}"))
        #expect(throws: ConfigError.self) { try noPrivate.check() }
        let noLoadBalancer = try Self.resolver(Self.yaml.replacingOccurrences(of: "load_balancer:\n  name: lb-prod\n", with: ""))
        let error = try #require(throws: ConfigError.self) { try noLoadBalancer.check() }
        #expect(error.detail == "lb A: {{.lb_ip}} needs a load_balancer section in infra.yaml, and there is none")
    }

    @Test func positionsAreNotPartOfTheRecord() throws {
        let resolver = try Self.resolver()
        let record = try #require(resolver.config.dns?.zones.first?.records.first)
        #expect(record.valueMark == YAMLMark(line: 10, column: 39))
        #expect(record == InfraConfig.DNS.Record(name: "lb", type: "A", value: "{{.lb_ip}}"))
    }
}
