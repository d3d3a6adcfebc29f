/// The load balancer infra.yaml declares, read from `load_balancer`, `network` and `hosts`, before
/// anything is looked up at Hetzner.
///
/// - Each listener is a service: `frontend` → listen port, `backend` → destination port,
///   `protocol` (`http` by default), `proxy_protocol`; `https` services terminate TLS with the
///   certificate `load_balancer.ssl.certificate` names.
/// - `health_check` applies to every service; its port is the service's destination port. Only
///   the fields infra.yaml sets are compared, so the API's defaults for the others never look like drift.
/// - Each backend is a target: an `hcloud` host a server target (through its private IP when
///   `network` is declared and the host has a `private_ip`), an `hrobot` host an IP target.
public struct LoadBalancerDeclaration: Sendable, Equatable {
    public struct Service: Sendable, Equatable {
        public var `protocol`: String
        public var listenPort: Int
        public var destinationPort: Int
        public var proxyProtocol: Bool
        public var healthCheck: InfraConfig.LoadBalancer.HealthCheck?
    }

    public enum TargetKind: Sendable, Equatable {
        /// A Cloud server: found by the host's name, else by its address.
        case server(usePrivateIP: Bool)
        /// A dedicated server's public IP.
        case ip
    }

    public struct Target: Sendable, Equatable {
        /// The key under `hosts:`.
        public var host: String
        public var address: String
        public var privateAddress: String?
        public var kind: TargetKind
    }

    public var name: String
    public var type: String
    public var location: String
    public var algorithm: String?
    public var networkName: String?
    public var certificateName: String?
    public var services: [Service]
    public var targets: [Target]

    public static let defaultAlgorithm = "round_robin"
    static let protocols: Set<String> = ["http", "https", "tcp"]

    /// Reads the declaration; a missing `load_balancer`, name, type or location, a listener without
    /// ports, an unknown protocol, an https listener without `ssl.certificate`, or a backend that is
    /// not an `hcloud` or `hrobot` host is a ``LoadBalancerError`` (exit 78).
    public init(_ config: InfraConfig) throws(LoadBalancerError) {
        guard let lb = config.loadBalancer else { throw .configuration("infra.yaml declares no load_balancer") }
        func required(_ value: String?, _ key: String) throws(LoadBalancerError) -> String {
            guard let value, !value.isEmpty else { throw .configuration("load_balancer.\(key) is missing in infra.yaml") }
            return value
        }
        name = try required(lb.name, "name")
        type = try required(lb.type, "type")
        location = try required(lb.location, "location")
        algorithm = lb.algorithm
        if let algorithm, !["round_robin", "least_connections"].contains(algorithm) {
            throw .configuration("load_balancer.algorithm: expected round_robin or least_connections, got '\(algorithm)'")
        }
        networkName = config.network?.name
        certificateName = lb.ssl?.certificate
        services = []
        for (index, listener) in lb.listeners.enumerated() {
            let key = "load_balancer.listeners[\(index)]"
            guard let frontend = listener.frontend, let backend = listener.backend else {
                throw .configuration("\(key): frontend and backend ports are both needed")
            }
            let proto = listener.protocol ?? "http"
            guard Self.protocols.contains(proto) else {
                throw .configuration("\(key).protocol: expected http, https or tcp, got '\(proto)'")
            }
            if proto == "https" && (certificateName ?? "").isEmpty {
                throw .configuration("\(key) is https but load_balancer.ssl.certificate names no certificate")
            }
            if services.contains(where: { $0.listenPort == frontend }) {
                throw .configuration("\(key).frontend: port \(frontend) is declared twice")
            }
            services.append(
                Service(
                    protocol: proto, listenPort: frontend, destinationPort: backend, proxyProtocol: listener.proxyProtocol,
                    healthCheck: lb.healthCheck))
        }
        let private_ = config.network?.name != nil
        targets = []
        for (index, backend) in lb.backends.enumerated() {
            guard let host = config.hosts.first(where: { $0.name == backend.host }) else {
                throw .configuration("load_balancer.backends[\(index)].host: no host '\(backend.host)' in hosts")
            }
            let kind: TargetKind
            switch host.type {
            case .hcloud: kind = .server(usePrivateIP: private_ && host.privateIP != nil)
            case .hrobot: kind = .ip
            case nil:
                throw .configuration(
                    "load_balancer.backends[\(index)]: host '\(host.name)' needs type hcloud or hrobot to be a target")
            }
            if !targets.contains(where: { $0.host == host.name }) {
                targets.append(Target(host: host.name, address: host.ip, privateAddress: host.privateIP, kind: kind))
            }
        }
    }

    /// The service on `port`, if declared.
    public func service(listeningOn port: Int) -> Service? {
        services.first { $0.listenPort == port }
    }
}
