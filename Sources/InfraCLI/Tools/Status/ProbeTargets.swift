import InfraKit

extension ProbeTarget {
    /// The probe of `host` as infra.yaml describes it: its address, SSH settings and services;
    /// Galera is expected to have as many members as `database.nodes` lists, and the Redis role
    /// is reported when `cache.sentinel` is on. A host with `ssh.proxy_jump` is reached only
    /// through its chain of bastions, each with its own SSH settings from the file.
    init(_ host: InfraConfig.Host, in config: InfraConfig) {
        let databaseNodes = config.database?.nodes.count ?? 0
        self.init(
            name: host.name, address: host.ip, port: host.ssh.port, user: host.ssh.user, keyPath: host.ssh.key,
            role: host.role, services: host.services,
            expectedClusterSize: databaseNodes > 0 ? databaseNodes : nil,
            redisSentinel: config.cache?.sentinel ?? false,
            jumps: config.jumpChain(to: host).map {
                JumpHost(name: $0.name, address: $0.ip, port: $0.ssh.port, user: $0.ssh.user, keyPath: $0.ssh.key)
            })
    }
}
