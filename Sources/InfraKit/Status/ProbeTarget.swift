/// One host to probe, in plain values (the caller builds it from infra.yaml).
public struct ProbeTarget: Sendable, Hashable {
    /// The host's name in the inventory (`db-02`).
    public var name: String
    /// Where to connect: an IP address or a resolvable name.
    public var address: String
    public var port: Int
    public var user: String
    /// The private key tried after the agent's keys; nil for agent only.
    public var keyPath: String?
    public var role: String?
    /// Service names to check, in inventory order (`docker`, `galera`, `redis`, `forgejo-runner`, …).
    public var services: [String]
    /// The number of Galera nodes the cluster should have (`database.nodes`); a smaller
    /// `wsrep_cluster_size` is reported as degraded.
    public var expectedClusterSize: Int?
    /// Also report the Redis replication role (`cache.sentinel`).
    public var redisSentinel: Bool
    /// The bastions to go through (`ssh.proxy_jump`), farthest first; empty to connect directly.
    /// `address` is then as the last of them sees it, and no direct connection is ever tried.
    public var jumps: [JumpHost]

    public init(
        name: String, address: String, port: Int = 22, user: String, keyPath: String? = nil,
        role: String? = nil, services: [String] = [], expectedClusterSize: Int? = nil, redisSentinel: Bool = false,
        jumps: [JumpHost] = []
    ) {
        self.name = name
        self.address = address
        self.port = port
        self.user = user
        self.keyPath = keyPath
        self.role = role
        self.services = services
        self.expectedClusterSize = expectedClusterSize
        self.redisSentinel = redisSentinel
        self.jumps = jumps
    }
}
