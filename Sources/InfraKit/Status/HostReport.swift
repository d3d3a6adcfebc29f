/// How a host came out of the probe, worst first in `severity`.
public enum HostState: String, Sendable, Codable, CaseIterable {
    case ok
    case degraded
    case serviceDown = "service_down"
    case authFailed = "auth_failed"
    case hostKeyMismatch = "host_key_mismatch"
    case unknownHost = "unknown_host"
    case unreachable
    case timeout

    /// The words the table prints.
    public var label: String {
        switch self {
        case .ok: "ok"
        case .degraded: "degraded"
        case .serviceDown: "service down"
        case .authFailed: "auth failed"
        case .hostKeyMismatch: "HOST KEY MISMATCH"
        case .unknownHost: "unknown host"
        case .unreachable: "unreachable"
        case .timeout: "timeout"
        }
    }

    /// True when the probe ran on the host (its services were looked at).
    public var answered: Bool {
        switch self {
        case .ok, .degraded, .serviceDown: true
        default: false
        }
    }
}

/// One service's verdict.
public enum ServiceState: String, Sendable, Codable, CaseIterable {
    case up, degraded, down
    /// Not checked: the host could not be probed, or the probe stopped before reaching it.
    case unknown
}

/// Everything known about one host after the probe.
public struct HostReport: Sendable, Codable, Equatable {
    public var name: String
    public var address: String
    public var port: Int
    public var role: String?
    public var state: HostState
    /// Why the host is not ok, in one line (nil when ok).
    public var detail: String?
    /// TCP connect + SSH handshake + host key check + authentication, in seconds.
    public var sshSeconds: Double?
    /// The whole probe of this host, in seconds.
    public var probeSeconds: Double
    /// `PRETTY_NAME` of the host's os-release.
    public var operatingSystem: String?
    /// `27.3.1` from `docker --version`; nil when docker is not installed.
    public var dockerVersion: String?
    /// `wsrep_cluster_size` when galera was checked.
    public var galeraClusterSize: Int?
    public var services: [CheckResult]
    /// The host key's fingerprint when the handshake got that far.
    public var hostKeyFingerprint: String?
    /// The host was unknown and its key was appended to known_hosts (accept-new).
    public var hostKeyRecorded: Bool
    /// The bastions it was reached through, farthest first; empty when reached directly.
    public var via: [String]

    public init(
        name: String, address: String, port: Int, role: String?, state: HostState, detail: String?,
        sshSeconds: Double?, probeSeconds: Double, operatingSystem: String?, dockerVersion: String?,
        galeraClusterSize: Int? = nil, services: [CheckResult], hostKeyFingerprint: String? = nil,
        hostKeyRecorded: Bool = false, via: [String] = []
    ) {
        self.name = name
        self.address = address
        self.port = port
        self.role = role
        self.state = state
        self.detail = detail
        self.sshSeconds = sshSeconds
        self.probeSeconds = probeSeconds
        self.operatingSystem = operatingSystem
        self.dockerVersion = dockerVersion
        self.galeraClusterSize = galeraClusterSize
        self.services = services
        self.hostKeyFingerprint = hostKeyFingerprint
        self.hostKeyRecorded = hostKeyRecorded
        self.via = via
    }

    enum CodingKeys: String, CodingKey {
        case name, address, port, role, state, detail, services, via
        case sshSeconds = "ssh_seconds"
        case probeSeconds = "probe_seconds"
        case operatingSystem = "os"
        case dockerVersion = "docker_version"
        case galeraClusterSize = "galera_cluster_size"
        case hostKeyFingerprint = "host_key_fingerprint"
        case hostKeyRecorded = "host_key_recorded"
    }

    /// Every key is always present (null when unknown), so consumers can rely on the shape.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(address, forKey: .address)
        try container.encode(port, forKey: .port)
        try container.encode(role, forKey: .role)
        try container.encode(state, forKey: .state)
        try container.encode(detail, forKey: .detail)
        try container.encode(sshSeconds, forKey: .sshSeconds)
        try container.encode(probeSeconds, forKey: .probeSeconds)
        try container.encode(operatingSystem, forKey: .operatingSystem)
        try container.encode(dockerVersion, forKey: .dockerVersion)
        try container.encode(galeraClusterSize, forKey: .galeraClusterSize)
        try container.encode(services, forKey: .services)
        try container.encode(hostKeyFingerprint, forKey: .hostKeyFingerprint)
        try container.encode(hostKeyRecorded, forKey: .hostKeyRecorded)
        try container.encode(via, forKey: .via)
    }
}

/// The result of one run over the fleet, in inventory order.
public struct FleetReport: Sendable, Codable, Equatable {
    public var hosts: [HostReport]
    /// Checks that are not a host's own, such as the load balancer's targets (empty until a
    /// provider adds some).
    public var checks: [CheckResult]
    /// The load balancer sections behind ``checks``' `lb/…` entries, for renderers that show
    /// health per port (Prometheus, JSON).
    public var loadBalancers: [LoadBalancerHealthReport]

    public init(hosts: [HostReport], checks: [CheckResult] = [], loadBalancers: [LoadBalancerHealthReport] = []) {
        self.hosts = hosts
        self.checks = checks
        self.loadBalancers = loadBalancers
    }
}
