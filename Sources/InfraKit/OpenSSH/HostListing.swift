/// One row of `infra-ssh --list`; encodes to JSON with every key present (`null` when unset).
public struct HostListing: Sendable, Hashable, Encodable {
    public var name: String
    public var fqdn: String?
    public var ip: String
    public var role: String?
    /// `hcloud` or `hrobot`.
    public var type: String?
    public var services: [String]

    public init(_ host: InfraConfig.Host) {
        name = host.name
        fqdn = host.fqdn
        ip = host.ip
        role = host.role
        type = host.type?.rawValue
        services = host.services
    }

    /// Column titles for a table, in the order of `cells`.
    public static let columns = ["NAME", "FQDN", "IP", "ROLE", "TYPE", "SERVICES"]

    /// The row as table cells: `-` for unset values, services comma-separated.
    public var cells: [String] {
        [name, fqdn ?? "-", ip, role ?? "-", type ?? "-", services.isEmpty ? "-" : services.joined(separator: ",")]
    }

    private enum CodingKeys: String, CodingKey {
        case name, fqdn, ip, role, type, services
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(fqdn, forKey: .fqdn)
        try container.encode(ip, forKey: .ip)
        try container.encode(role, forKey: .role)
        try container.encode(type, forKey: .type)
        try container.encode(services, forKey: .services)
    }
}

extension InfraConfig {
    /// `infra-ssh --list` rows, in file order.
    public var hostListings: [HostListing] { hosts.map(HostListing.init) }
}
