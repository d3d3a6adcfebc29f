import Foundation
import InfraKit
import Testing

@Suite("Server discovery")
struct ServerDiscoveryTests {
    static func cloud(_ id: Int64, _ name: String, _ ipv4: String?, privateIP: String? = nil) -> HetznerServer {
        let v4 = ipv4.map { #"{"ip":"\#($0)"}"# } ?? "null"
        let privateNet = privateIP.map { #"[{"network":1,"ip":"\#($0)"}]"# } ?? "[]"
        let json = #"""
            {"id":\#(id),"name":"\#(name)","status":"running","labels":{},
             "public_net":{"ipv4":\#(v4),"ipv6":{"ip":"2001:db8:\#(id)::/64"}},"private_net":\#(privateNet)}
            """#
        return try! JSONDecoder().decode(HetznerServer.self, from: Data(json.utf8))
    }

    static let hosts = [
        InfraConfig.Host(name: "web1", ip: "203.0.113.1", privateIP: "10.0.0.1", type: .hcloud),
        InfraConfig.Host(name: "web2", ip: "203.0.113.2", type: .hcloud),
        InfraConfig.Host(name: "v6only", ip: "2001:db8:7::10", type: .hcloud),
    ]

    @Test func hostsMatchByIPThenByName() {
        let discovery = ServerDiscovery(
            hosts: Self.hosts,
            cloud: [
                Self.cloud(1, "renamed", "203.0.113.1", privateIP: "10.0.0.1"), Self.cloud(2, "web2", "192.0.2.2"),
                Self.cloud(7, "six", nil), Self.cloud(9, "extra", "192.0.2.9"),
            ], robot: nil)
        #expect(discovery.hosts.map(\.status) == [.matched, .mismatch, .matched])
        #expect(discovery.hosts.map(\.matchedBy) == ["ip", "name", "ip"])
        #expect(discovery.hosts[1].mismatches == ["ip: declared 203.0.113.2, found 192.0.2.2"])
        #expect(discovery.undeclared.map(\.name) == ["extra"])
        #expect(discovery.missing.isEmpty)
    }

    @Test func aHostIsMissingOnlyWhereItsAPIWasListed() {
        let cloudOnly = ServerDiscovery(
            hosts: Self.hosts + [InfraConfig.Host(name: "db1", ip: "198.51.100.1", type: .hrobot), InfraConfig.Host(name: "x", ip: "192.0.2.50")],
            cloud: [], robot: nil)
        #expect(cloudOnly.hosts.map(\.status) == [.missing, .missing, .missing, .unchecked, .unchecked])
        #expect(cloudOnly.missing.count == 3)
    }
}
