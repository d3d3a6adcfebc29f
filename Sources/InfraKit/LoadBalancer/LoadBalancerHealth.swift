/// The health of each target of a load balancer on each listen port, with servers named: what
/// `infra-lb status` and `infra-status` report.
///
/// In JSON (`infra-lb status --json`, `infra-status --json`): `type`, `name`, `server_id`, `ip`,
/// `use_private_ip`, `label_selector`, `healthy` and `health` (`[{listen_port, status}]`).
public struct LoadBalancerTargetHealth: Sendable, Equatable {
    public struct Port: Sendable, Equatable, Codable {
        public var listenPort: Int
        /// `healthy`, `unhealthy` or `unknown`.
        public var status: String

        public init(listenPort: Int, status: String) {
            self.listenPort = listenPort
            self.status = status
        }

        enum CodingKeys: String, CodingKey {
            case status
            case listenPort = "listen_port"
        }
    }

    /// `server`, `ip`, or `server` for a server a label selector resolved to.
    public var type: String
    /// The server's name (or `#ID` when unknown), or the IP.
    public var name: String
    public var serverID: Int64?
    public var ip: String?
    public var usePrivateIP: Bool
    /// The label selector that brought this server in, if any.
    public var selector: String?
    public var ports: [Port]

    /// Healthy on every port; a target the API reports no health for counts as not healthy.
    public var isHealthy: Bool { !ports.isEmpty && ports.allSatisfy { $0.status == "healthy" } }
}

extension LoadBalancerTargetHealth: Codable {
    enum CodingKeys: String, CodingKey {
        case type, name, ip, healthy
        case serverID = "server_id"
        case usePrivateIP = "use_private_ip"
        case selector = "label_selector"
        case ports = "health"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        type = try container.decode(String.self, forKey: .type)
        name = try container.decode(String.self, forKey: .name)
        serverID = try container.decodeIfPresent(Int64.self, forKey: .serverID)
        ip = try container.decodeIfPresent(String.self, forKey: .ip)
        usePrivateIP = try container.decode(Bool.self, forKey: .usePrivateIP)
        selector = try container.decodeIfPresent(String.self, forKey: .selector)
        ports = try container.decode([Port].self, forKey: .ports)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(type, forKey: .type)
        try container.encode(name, forKey: .name)
        try container.encodeIfPresent(serverID, forKey: .serverID)
        try container.encodeIfPresent(ip, forKey: .ip)
        try container.encode(usePrivateIP, forKey: .usePrivateIP)
        try container.encodeIfPresent(selector, forKey: .selector)
        try container.encode(isHealthy, forKey: .healthy)
        try container.encode(ports, forKey: .ports)
    }
}

/// A load balancer as `status` shows it.
public struct LoadBalancerStatus: Sendable {
    public var loadBalancer: HetznerLoadBalancer
    public var targets: [LoadBalancerTargetHealth]
    public var certificateNames: [Int64: String]

    public var isHealthy: Bool { targets.allSatisfy(\.isHealthy) }

    public init(loadBalancer: HetznerLoadBalancer, serverNames: [Int64: String], certificateNames: [Int64: String]) {
        self.loadBalancer = loadBalancer
        self.certificateNames = certificateNames
        targets = loadBalancer.targets.flatMap { target in Self.health(of: target, serverNames: serverNames, selector: nil) }
    }

    static func health(
        of target: HetznerLoadBalancerTarget, serverNames: [Int64: String], selector: String?
    ) -> [LoadBalancerTargetHealth] {
        if target.type == "label_selector" {
            let selector = target.labelSelector?.selector ?? ""
            return (target.targets ?? []).flatMap { health(of: $0, serverNames: serverNames, selector: selector) }
        }
        let ports = (target.healthStatus ?? []).map { LoadBalancerTargetHealth.Port(listenPort: $0.listenPort, status: $0.status) }
            .sorted { $0.listenPort < $1.listenPort }
        let id = target.server?.id
        let name = id.map { serverNames[$0] ?? "#\($0)" } ?? target.ip?.ip ?? "?"
        return [
            LoadBalancerTargetHealth(
                type: target.type, name: name, serverID: id, ip: target.ip?.ip, usePrivateIP: target.usePrivateIP ?? false,
                selector: selector, ports: ports)
        ]
    }

    /// Reads the load balancer named `name` (one listing), then the names of its servers and
    /// certificates (one listing each, side by side, only when it has any). A missing load
    /// balancer is a ``LoadBalancerError`` (65).
    public static func read(named name: String, client: HetznerCloudClient) async throws -> LoadBalancerStatus {
        guard let loadBalancer = try await client.loadBalancer(named: name) else {
            throw LoadBalancerError.missing("no load balancer named '\(name)' in the project")
        }
        let hasServers = loadBalancer.targets.contains { $0.type != "ip" }
        let hasCertificates = loadBalancer.services.contains { !($0.http?.certificates ?? []).isEmpty }
        async let servers = Result { () async throws(HetznerCloudError) in hasServers ? try await client.servers() : [] }
        async let certificates = Result { () async throws(HetznerCloudError) in
            hasCertificates ? try await client.certificates() : []
        }
        let (serverList, certificateList) = await (servers, certificates)
        let serverNames = Dictionary(try serverList.get().map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let certificateNames = Dictionary(
            try certificateList.get().map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        return LoadBalancerStatus(loadBalancer: loadBalancer, serverNames: serverNames, certificateNames: certificateNames)
    }
}
