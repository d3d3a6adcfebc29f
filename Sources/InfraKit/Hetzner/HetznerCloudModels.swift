/// An asynchronous operation of the Cloud API (`GET /actions/{id}`).
public struct HetznerAction: Sendable, Codable, Equatable {
    public struct Resource: Sendable, Codable, Equatable {
        public var id: Int64
        /// `server`, `load_balancer`, `image`, `certificate`, `network`, …
        public var type: String
    }

    public struct Failure: Sendable, Codable, Equatable {
        public var code: String
        public var message: String
    }

    public var id: Int64
    /// Such as `create_load_balancer`, `add_service`, `create_image`.
    public var command: String
    /// `running`, `success` or `error`.
    public var status: String
    /// 0 to 100.
    public var progress: Int?
    public var started: String?
    public var finished: String?
    public var resources: [Resource]
    public var error: Failure?

    public var isRunning: Bool { status != "success" && status != "error" }
    public var isSuccess: Bool { status == "success" }

    /// `add_service (load_balancer 42)`, for messages.
    var label: String {
        let targets = resources.map { "\($0.type) \($0.id)" }.joined(separator: ", ")
        return targets.isEmpty ? "\(command) (action \(id))" : "\(command) (\(targets))"
    }
}

/// A location such as `fsn1` in network zone `eu-central`.
public struct HetznerLocation: Sendable, Codable, Equatable {
    public var id: Int64
    public var name: String
    public var description: String?
    public var country: String?
    public var city: String?
    public var networkZone: String

    enum CodingKeys: String, CodingKey {
        case id, name, description, country, city
        case networkZone = "network_zone"
    }
}

/// Delete (and for servers rebuild) protection.
public struct HetznerProtection: Sendable, Codable, Equatable {
    public var delete: Bool
    public var rebuild: Bool?

    public init(delete: Bool, rebuild: Bool? = nil) {
        self.delete = delete
        self.rebuild = rebuild
    }
}

/// A Cloud server (`GET /servers`).
public struct HetznerServer: Sendable, Codable, Equatable {
    public struct PublicNet: Sendable, Codable, Equatable {
        /// Null for a server without IPv4.
        public var ipv4: IPv4?
        /// Null for a server without IPv6.
        public var ipv6: IPv6?
        public var floatingIPs: [Int64]?

        enum CodingKeys: String, CodingKey {
            case ipv4, ipv6
            case floatingIPs = "floating_ips"
        }
    }

    public struct IPv4: Sendable, Codable, Equatable {
        public var id: Int64?
        public var ip: String
        public var blocked: Bool?
        public var dnsPtr: String?

        enum CodingKeys: String, CodingKey {
            case id, ip, blocked
            case dnsPtr = "dns_ptr"
        }
    }

    public struct IPv6: Sendable, Codable, Equatable {
        public var id: Int64?
        /// A network such as `2001:db8::/64`.
        public var ip: String
        public var blocked: Bool?
    }

    public struct PrivateNet: Sendable, Codable, Equatable {
        public var network: Int64
        public var ip: String
        public var aliasIPs: [String]?
        public var macAddress: String?

        enum CodingKeys: String, CodingKey {
            case network, ip
            case aliasIPs = "alias_ips"
            case macAddress = "mac_address"
        }
    }

    public struct ServerType: Sendable, Codable, Equatable {
        public var id: Int64?
        public var name: String
        public var cores: Int?
        public var memory: Double?
        public var disk: Double?
        public var cpuType: String?
        public var architecture: String?

        enum CodingKeys: String, CodingKey {
            case id, name, cores, memory, disk, architecture
            case cpuType = "cpu_type"
        }
    }

    /// The legacy placement (removed from the API in July 2026); read ``locationName``.
    public struct Datacenter: Sendable, Codable, Equatable {
        public var name: String
        public var location: HetznerLocation?
    }

    public var id: Int64
    public var name: String
    /// `running`, `initializing`, `starting`, `stopping`, `off`, `deleting`, `migrating`, `rebuilding`, `unknown`.
    public var status: String
    public var created: String?
    public var labels: [String: String]
    public var publicNet: PublicNet?
    public var privateNet: [PrivateNet]?
    public var serverType: ServerType?
    public var location: HetznerLocation?
    public var datacenter: Datacenter?
    public var protection: HetznerProtection?
    public var locked: Bool?
    public var loadBalancers: [Int64]?

    enum CodingKeys: String, CodingKey {
        case id, name, status, created, labels, location, datacenter, protection, locked
        case publicNet = "public_net"
        case privateNet = "private_net"
        case serverType = "server_type"
        case loadBalancers = "load_balancers"
    }

    /// `server.location.name`, or the legacy `datacenter.location.name`.
    public var locationName: String? { location?.name ?? datacenter?.location?.name }
    public var ipv4: String? { publicNet?.ipv4?.ip }
}

/// An image; ``HetznerCloudClient/createImage(ofServer:description:labels:type:)`` returns snapshots.
public struct HetznerImage: Sendable, Codable, Equatable {
    public struct Origin: Sendable, Codable, Equatable {
        public var id: Int64
        public var name: String?
    }

    public var id: Int64
    /// `system`, `app`, `snapshot`, `backup`.
    public var type: String
    /// `available`, `creating`, `unavailable`.
    public var status: String
    public var name: String?
    public var description: String?
    /// GB; null while creating.
    public var imageSize: Double?
    public var diskSize: Double?
    public var created: String?
    public var createdFrom: Origin?
    public var labels: [String: String]?
    public var protection: HetznerProtection?

    enum CodingKeys: String, CodingKey {
        case id, type, status, name, description, created, labels, protection
        case imageSize = "image_size"
        case diskSize = "disk_size"
        case createdFrom = "created_from"
    }
}

/// A load balancer type such as `lb11` (`GET /load_balancer_types`).
public struct HetznerLoadBalancerType: Sendable, Codable, Equatable {
    public var id: Int64
    public var name: String
    public var description: String?
    public var maxConnections: Int?
    public var maxServices: Int?
    public var maxTargets: Int?
    public var maxAssignedCertificates: Int?

    enum CodingKeys: String, CodingKey {
        case id, name, description
        case maxConnections = "max_connections"
        case maxServices = "max_services"
        case maxTargets = "max_targets"
        case maxAssignedCertificates = "max_assigned_certificates"
    }
}

/// A private network (`GET /networks`).
public struct HetznerNetwork: Sendable, Codable, Equatable {
    public struct Subnet: Sendable, Codable, Equatable {
        public var type: String?
        public var ipRange: String?
        public var networkZone: String?
        public var gateway: String?

        enum CodingKeys: String, CodingKey {
            case type, gateway
            case ipRange = "ip_range"
            case networkZone = "network_zone"
        }
    }

    public var id: Int64
    public var name: String
    public var ipRange: String
    public var subnets: [Subnet]?
    public var servers: [Int64]?
    public var loadBalancers: [Int64]?
    public var labels: [String: String]?

    enum CodingKeys: String, CodingKey {
        case id, name, subnets, servers, labels
        case ipRange = "ip_range"
        case loadBalancers = "load_balancers"
    }
}

/// A TLS certificate (`GET /certificates`); the private key is never returned.
public struct HetznerCertificate: Sendable, Codable, Equatable {
    /// A resource using the certificate (`load_balancer`).
    public struct User: Sendable, Codable, Equatable {
        public var id: Int64
        public var type: String
    }

    public var id: Int64
    public var name: String
    /// `uploaded` or `managed`.
    public var type: String?
    public var labels: [String: String]
    /// The certificate chain, PEM.
    public var certificate: String?
    public var created: String?
    public var notValidBefore: String?
    public var notValidAfter: String?
    public var domainNames: [String]?
    public var fingerprint: String?
    /// The load balancers whose services use it.
    public var usedBy: [User]?

    enum CodingKeys: String, CodingKey {
        case id, name, type, labels, certificate, created, fingerprint
        case usedBy = "used_by"
        case notValidBefore = "not_valid_before"
        case notValidAfter = "not_valid_after"
        case domainNames = "domain_names"
    }
}
