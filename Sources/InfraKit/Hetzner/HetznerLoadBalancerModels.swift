/// A Cloud load balancer (`GET /load_balancers/{id}`).
public struct HetznerLoadBalancer: Sendable, Codable, Equatable {
    public struct PublicNet: Sendable, Codable, Equatable {
        public var enabled: Bool
        public var ipv4: Address?
        public var ipv6: Address?
    }

    public struct Address: Sendable, Codable, Equatable {
        public var ip: String?
        public var dnsPtr: String?

        enum CodingKeys: String, CodingKey {
            case ip
            case dnsPtr = "dns_ptr"
        }
    }

    public struct PrivateNet: Sendable, Codable, Equatable {
        public var network: Int64
        public var ip: String?
    }

    public var id: Int64
    public var name: String
    public var created: String?
    public var labels: [String: String]
    public var protection: HetznerProtection
    public var publicNet: PublicNet
    public var privateNet: [PrivateNet]
    public var location: HetznerLocation
    public var loadBalancerType: HetznerLoadBalancerType
    public var algorithm: HetznerLoadBalancerAlgorithm
    public var services: [HetznerLoadBalancerService]
    public var targets: [HetznerLoadBalancerTarget]
    public var includedTraffic: Int64?
    public var outgoingTraffic: Int64?
    public var ingoingTraffic: Int64?

    enum CodingKeys: String, CodingKey {
        case id, name, created, labels, protection, location, algorithm, services, targets
        case publicNet = "public_net"
        case privateNet = "private_net"
        case loadBalancerType = "load_balancer_type"
        case includedTraffic = "included_traffic"
        case outgoingTraffic = "outgoing_traffic"
        case ingoingTraffic = "ingoing_traffic"
    }

    /// The service listening on `port`, if any.
    public func service(listeningOn port: Int) -> HetznerLoadBalancerService? {
        services.first { $0.listenPort == port }
    }
}

/// `round_robin` or `least_connections`.
public struct HetznerLoadBalancerAlgorithm: Sendable, Codable, Equatable {
    public var type: String

    public init(type: String) { self.type = type }

    public static let roundRobin = HetznerLoadBalancerAlgorithm(type: "round_robin")
    public static let leastConnections = HetznerLoadBalancerAlgorithm(type: "least_connections")
}

/// A service of a load balancer, identified by its `listen_port`. The same shape is sent to
/// `add_service` and in a create request; nil fields are left out so the API applies its defaults.
public struct HetznerLoadBalancerService: Sendable, Codable, Equatable {
    public struct HTTP: Sendable, Codable, Equatable {
        public var cookieName: String?
        /// Seconds.
        public var cookieLifetime: Int?
        /// Certificate IDs for https termination.
        public var certificates: [Int64]?
        public var redirectHTTP: Bool?
        public var stickySessions: Bool?
        /// Seconds (30 to 300).
        public var timeoutIdle: Int?

        public init(
            cookieName: String? = nil, cookieLifetime: Int? = nil, certificates: [Int64]? = nil,
            redirectHTTP: Bool? = nil, stickySessions: Bool? = nil, timeoutIdle: Int? = nil
        ) {
            self.cookieName = cookieName
            self.cookieLifetime = cookieLifetime
            self.certificates = certificates
            self.redirectHTTP = redirectHTTP
            self.stickySessions = stickySessions
            self.timeoutIdle = timeoutIdle
        }

        enum CodingKeys: String, CodingKey {
            case certificates
            case cookieName = "cookie_name"
            case cookieLifetime = "cookie_lifetime"
            case redirectHTTP = "redirect_http"
            case stickySessions = "sticky_sessions"
            case timeoutIdle = "timeout_idle"
        }
    }

    public struct HealthCheck: Sendable, Codable, Equatable {
        public struct HTTP: Sendable, Codable, Equatable {
            /// Host header; nil sends none.
            public var domain: String?
            public var path: String?
            /// A substring the answer must contain.
            public var response: String?
            /// Patterns such as `2??` and `3??`.
            public var statusCodes: [String]?
            public var tls: Bool?

            public init(
                domain: String? = nil, path: String? = nil, response: String? = nil, statusCodes: [String]? = nil,
                tls: Bool? = nil
            ) {
                self.domain = domain
                self.path = path
                self.response = response
                self.statusCodes = statusCodes
                self.tls = tls
            }

            enum CodingKeys: String, CodingKey {
                case domain, path, response, tls
                case statusCodes = "status_codes"
            }
        }

        /// `tcp` or `http`.
        public var `protocol`: String
        public var port: Int?
        /// Seconds.
        public var interval: Int?
        /// Seconds.
        public var timeout: Int?
        public var retries: Int?
        public var http: HTTP?

        public init(
            protocol: String, port: Int? = nil, interval: Int? = nil, timeout: Int? = nil, retries: Int? = nil,
            http: HTTP? = nil
        ) {
            self.protocol = `protocol`
            self.port = port
            self.interval = interval
            self.timeout = timeout
            self.retries = retries
            self.http = http
        }
    }

    /// `tcp`, `http` or `https`.
    public var `protocol`: String
    public var listenPort: Int
    public var destinationPort: Int?
    public var proxyProtocol: Bool?
    public var http: HTTP?
    public var healthCheck: HealthCheck?

    public init(
        protocol: String, listenPort: Int, destinationPort: Int? = nil, proxyProtocol: Bool? = nil,
        http: HTTP? = nil, healthCheck: HealthCheck? = nil
    ) {
        self.protocol = `protocol`
        self.listenPort = listenPort
        self.destinationPort = destinationPort
        self.proxyProtocol = proxyProtocol
        self.http = http
        self.healthCheck = healthCheck
    }

    enum CodingKeys: String, CodingKey {
        case `protocol`, http
        case listenPort = "listen_port"
        case destinationPort = "destination_port"
        case proxyProtocol = "proxyprotocol"
        case healthCheck = "health_check"
    }
}

/// The body of `update_service`: the service on `listenPort`, and only the fields to change.
public struct HetznerLoadBalancerServiceUpdate: Sendable, Encodable, Equatable {
    public var listenPort: Int
    public var `protocol`: String?
    public var destinationPort: Int?
    public var proxyProtocol: Bool?
    public var http: HetznerLoadBalancerService.HTTP?
    public var healthCheck: HetznerLoadBalancerService.HealthCheck?

    public init(
        listenPort: Int, protocol: String? = nil, destinationPort: Int? = nil, proxyProtocol: Bool? = nil,
        http: HetznerLoadBalancerService.HTTP? = nil, healthCheck: HetznerLoadBalancerService.HealthCheck? = nil
    ) {
        self.listenPort = listenPort
        self.protocol = `protocol`
        self.destinationPort = destinationPort
        self.proxyProtocol = proxyProtocol
        self.http = http
        self.healthCheck = healthCheck
    }

    typealias CodingKeys = HetznerLoadBalancerService.CodingKeys
}

/// A target of a load balancer: a server, a label selector or an IP. Build one to send with
/// ``server(_:usePrivateIP:)``, ``labelSelector(_:usePrivateIP:)`` or ``ip(_:)``; targets read from
/// the API also carry their health per listen port.
public struct HetznerLoadBalancerTarget: Sendable, Codable, Equatable {
    public struct ServerReference: Sendable, Codable, Equatable {
        public var id: Int64
    }

    public struct Selector: Sendable, Codable, Equatable {
        public var selector: String
    }

    public struct IPAddress: Sendable, Codable, Equatable {
        public var ip: String
    }

    public struct HealthStatus: Sendable, Codable, Equatable {
        public var listenPort: Int
        /// `healthy`, `unhealthy` or `unknown`.
        public var status: String

        enum CodingKeys: String, CodingKey {
            case status
            case listenPort = "listen_port"
        }
    }

    /// `server`, `label_selector` or `ip`.
    public var type: String
    public var server: ServerReference?
    public var labelSelector: Selector?
    public var ip: IPAddress?
    public var usePrivateIP: Bool?
    public var healthStatus: [HealthStatus]?
    /// The servers a label selector resolved to, each with its own health.
    public var targets: [HetznerLoadBalancerTarget]?

    enum CodingKeys: String, CodingKey {
        case type, server, ip, targets
        case labelSelector = "label_selector"
        case usePrivateIP = "use_private_ip"
        case healthStatus = "health_status"
    }

    public static func server(_ id: Int64, usePrivateIP: Bool? = nil) -> HetznerLoadBalancerTarget {
        HetznerLoadBalancerTarget(type: "server", server: ServerReference(id: id), usePrivateIP: usePrivateIP)
    }

    public static func labelSelector(_ selector: String, usePrivateIP: Bool? = nil) -> HetznerLoadBalancerTarget {
        HetznerLoadBalancerTarget(type: "label_selector", labelSelector: Selector(selector: selector), usePrivateIP: usePrivateIP)
    }

    /// The public or vSwitch IP of a dedicated (Robot) server of the same owner.
    public static func ip(_ address: String) -> HetznerLoadBalancerTarget {
        HetznerLoadBalancerTarget(type: "ip", ip: IPAddress(ip: address))
    }

    /// The same target without `use_private_ip` and health: what `remove_target` takes.
    var reference: HetznerLoadBalancerTarget {
        HetznerLoadBalancerTarget(type: type, server: server, labelSelector: labelSelector, ip: ip)
    }
}

/// The body of `POST /load_balancers`. Give `location` or `networkZone`.
public struct HetznerLoadBalancerCreate: Sendable, Encodable, Equatable {
    public var name: String
    /// Name (`lb11`) or ID.
    public var loadBalancerType: String
    public var location: String?
    public var networkZone: String?
    public var algorithm: HetznerLoadBalancerAlgorithm?
    public var services: [HetznerLoadBalancerService]?
    public var targets: [HetznerLoadBalancerTarget]?
    public var labels: [String: String]?
    /// A network ID to attach to at creation.
    public var network: Int64?
    public var publicInterface: Bool?

    public init(
        name: String, loadBalancerType: String, location: String? = nil, networkZone: String? = nil,
        algorithm: HetznerLoadBalancerAlgorithm? = nil, services: [HetznerLoadBalancerService]? = nil,
        targets: [HetznerLoadBalancerTarget]? = nil, labels: [String: String]? = nil, network: Int64? = nil,
        publicInterface: Bool? = nil
    ) {
        self.name = name
        self.loadBalancerType = loadBalancerType
        self.location = location
        self.networkZone = networkZone
        self.algorithm = algorithm
        self.services = services
        self.targets = targets
        self.labels = labels
        self.network = network
        self.publicInterface = publicInterface
    }

    enum CodingKeys: String, CodingKey {
        case name, location, algorithm, services, targets, labels, network
        case loadBalancerType = "load_balancer_type"
        case networkZone = "network_zone"
        case publicInterface = "public_interface"
    }
}
