import Foundation

/// A server one of the Hetzner APIs reported, in the terms discovery compares.
public struct DiscoveredServer: Sendable, Hashable {
    public var provider: InfraConfig.HostType
    /// The Cloud server id or the Robot server number.
    public var id: Int64
    public var name: String
    /// Public IPv4 addresses (Cloud: the primary one; Robot: the main one and the single ones).
    public var ipv4: [String]
    /// Public IPv6 network, such as `2001:db8:1::/64` (Cloud) or `2a01:4f8:111:4221::` (Robot, a /64).
    public var ipv6Network: String?
    /// Addresses in private networks; only the Cloud API reports them.
    public var privateIPs: [String]
    /// `running`, `ready`, …
    public var status: String

    public init(
        provider: InfraConfig.HostType, id: Int64, name: String, ipv4: [String], ipv6Network: String? = nil,
        privateIPs: [String] = [], status: String
    ) {
        self.provider = provider
        self.id = id
        self.name = name
        self.ipv4 = ipv4
        self.ipv6Network = ipv6Network
        self.privateIPs = privateIPs
        self.status = status
    }

    public init(_ server: HetznerServer) {
        self.init(
            provider: .hcloud, id: server.id, name: server.name, ipv4: server.ipv4.map { [$0] } ?? [],
            ipv6Network: server.publicNet?.ipv6?.ip, privateIPs: (server.privateNet ?? []).map(\.ip), status: server.status)
    }

    public init(_ server: HetznerRobotServer) {
        self.init(
            provider: .hrobot, id: Int64(server.serverNumber), name: server.serverName,
            ipv4: Array(Set([server.serverIP].compactMap { $0 } + (server.ip ?? []))).sorted(),
            ipv6Network: server.serverIPv6Net, status: server.status)
    }

    /// The address shown for it: the first IPv4, else the IPv6 network.
    public var primaryAddress: String { ipv4.first ?? ipv6Network ?? "" }

    /// Whether `address` is one of its IPv4 addresses or inside its IPv6 /64.
    public func owns(_ address: String) -> Bool {
        if ipv4.contains(address) { return true }
        guard let network = ipv6Network else { return false }
        return IPv6Prefix.sameSlash64(address, String(network.split(separator: "/")[0]))
    }
}

/// `hosts:` of infra.yaml held against the servers the Hetzner Cloud and Robot APIs list.
public struct ServerDiscovery: Sendable, Hashable {
    /// How one declared host fares.
    public enum Status: String, Sendable, Hashable {
        /// Found, and everything compared agrees.
        case matched
        /// Found, but the type or an address differs (see ``HostResult/mismatches``).
        case mismatch
        /// Not found by IP or name in the APIs listed.
        case missing
        /// Not found, but the API where it would be was not listed (no credentials).
        case unchecked
    }

    public struct HostResult: Sendable, Hashable {
        public var host: String
        public var declaredType: InfraConfig.HostType?
        public var declaredIP: String
        public var status: Status
        public var server: DiscoveredServer?
        /// `ip` or `name`.
        public var matchedBy: String?
        /// Such as `type: declared hcloud, found in Robot`.
        public var mismatches: [String]
    }

    public var hosts: [HostResult]
    /// Servers no host matched, Cloud first.
    public var undeclared: [DiscoveredServer]

    /// `cloud` and `robot` are nil when that API was not listed.
    public init(hosts declared: [InfraConfig.Host], cloud: [HetznerServer]?, robot: [HetznerRobotServer]?) {
        let servers = (cloud ?? []).map(DiscoveredServer.init) + (robot ?? []).map(DiscoveredServer.init)
        var claimed = Set<DiscoveredServer>()
        var results: [HostResult] = []
        for host in declared {
            let available = servers.filter { !claimed.contains($0) }
            var found = available.first { $0.owns(host.ip) }
            let matchedBy = found != nil ? "ip" : "name"
            if found == nil { found = available.first { $0.name == host.name } }
            guard let server = found else {
                let listedWhereItWouldBe =
                    switch host.type {
                    case .hcloud: cloud != nil
                    case .hrobot: robot != nil
                    case nil: cloud != nil && robot != nil
                    }
                results.append(
                    HostResult(
                        host: host.name, declaredType: host.type, declaredIP: host.ip,
                        status: listedWhereItWouldBe ? .missing : .unchecked, server: nil, matchedBy: nil, mismatches: []))
                continue
            }
            claimed.insert(server)
            let mismatches = Self.mismatches(host, server)
            results.append(
                HostResult(
                    host: host.name, declaredType: host.type, declaredIP: host.ip,
                    status: mismatches.isEmpty ? .matched : .mismatch, server: server, matchedBy: matchedBy,
                    mismatches: mismatches))
        }
        hosts = results
        undeclared = servers.filter { !claimed.contains($0) }
    }

    /// Declared hosts not found where they should be.
    public var missing: [HostResult] { hosts.filter { $0.status == .missing } }

    private static func mismatches(_ host: InfraConfig.Host, _ server: DiscoveredServer) -> [String] {
        var found: [String] = []
        if let type = host.type, type != server.provider {
            found.append("type: declared \(type.rawValue), found in \(server.provider == .hcloud ? "Hetzner Cloud" : "Robot")")
        }
        if !server.owns(host.ip) {
            found.append("ip: declared \(host.ip), found \(server.primaryAddress)")
        }
        // Robot does not report vSwitch addresses, so only Cloud servers' private IPs are compared.
        if server.provider == .hcloud, let privateIP = host.privateIP, !server.privateIPs.contains(privateIP) {
            let actual = server.privateIPs.isEmpty ? "none" : server.privateIPs.joined(separator: ", ")
            found.append("private_ip: declared \(privateIP), found \(actual)")
        }
        return found
    }
}

/// Compares IPv6 addresses by their first 64 bits, the size of a Hetzner server's network.
enum IPv6Prefix {
    static func sameSlash64(_ lhs: String, _ rhs: String) -> Bool {
        guard let left = bytes(lhs), let right = bytes(rhs) else { return false }
        return left.prefix(8) == right.prefix(8)
    }

    private static func bytes(_ text: String) -> [UInt8]? {
        var address = in6_addr()
        guard inet_pton(AF_INET6, text, &address) == 1 else { return nil }
        return withUnsafeBytes(of: &address) { Array($0) }
    }
}
