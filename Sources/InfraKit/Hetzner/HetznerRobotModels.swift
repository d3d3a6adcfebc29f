/// A dedicated server of the Robot webservice (`GET /server`, `GET /server/{number}`).
public struct HetznerRobotServer: Sendable, Codable, Equatable {
    public struct Subnet: Sendable, Codable, Equatable {
        public var ip: String
        /// Prefix length; the API sends it as a string (`"64"`).
        public var mask: String

        public init(ip: String, mask: String) {
            self.ip = ip
            self.mask = mask
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            ip = try container.decode(String.self, forKey: .ip)
            if let text = try? container.decode(String.self, forKey: .mask) {
                mask = text
            } else {
                mask = String(try container.decode(Int.self, forKey: .mask))
            }
        }
    }

    /// Main IPv4.
    public var serverIP: String?
    /// Main IPv6 network, such as `2a01:4f8:111:4221::`.
    public var serverIPv6Net: String?
    /// The server's ID.
    public var serverNumber: Int
    public var serverName: String
    /// Such as `EX44`.
    public var product: String
    /// Such as `FSN1-DC10`.
    public var dc: String
    public var traffic: String?
    /// `ready` or `in process`.
    public var status: String
    public var cancelled: Bool
    /// `yyyy-MM-dd`.
    public var paidUntil: String?
    /// Single IPv4 addresses.
    public var ip: [String]?
    /// Null when the server has no additional subnets.
    public var subnet: [Subnet]?
    /// Detail only (`GET /server/{number}`).
    public var reset: Bool?
    public var rescue: Bool?
    public var vnc: Bool?
    public var windows: Bool?
    public var plesk: Bool?
    public var cpanel: Bool?
    public var wol: Bool?
    public var hotSwap: Bool?
    public var linkedStoragebox: Int?

    enum CodingKeys: String, CodingKey {
        case product, dc, traffic, status, cancelled, ip, subnet, reset, rescue, vnc, windows, plesk, cpanel, wol
        case serverIP = "server_ip"
        case serverIPv6Net = "server_ipv6_net"
        case serverNumber = "server_number"
        case serverName = "server_name"
        case paidUntil = "paid_until"
        case hotSwap = "hot_swap"
        case linkedStoragebox = "linked_storagebox"
    }

    /// Whether `address` is the main IPv4 or one of the server's single addresses.
    public func owns(ip address: String) -> Bool {
        serverIP == address || (ip ?? []).contains(address)
    }
}

/// The Robot error envelope: `{"error": {status, code, message, …}}`.
struct HetznerRobotWireError: Decodable {
    let error: Detail

    struct Detail: Decodable {
        let status: Int?
        let code: String
        let message: String?
        let missing: [String]?
        let invalid: [String]?
        let maxRequest: Int?
        let interval: Int?

        enum CodingKeys: String, CodingKey {
            case status, code, message, missing, invalid, interval
            case maxRequest = "max_request"
        }
    }
}

/// `{"server": {...}}`
struct HetznerRobotServerRoot: Decodable {
    let server: HetznerRobotServer
}
