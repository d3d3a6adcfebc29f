extension InfraConfig {
    /// Decodes the root mapping, then checks every host reference. Top-level keys starting with
    /// `x-` or `.` are free for anchors (`x-defaults: &defaults`) and draw no unknown-key warning.
    static func decode(root: ConfigNode, home: String?) throws(ConfigError) -> InfraConfig {
        let config = try root.fields(allowingExtensionKeys: true) { fields throws(ConfigError) in
            InfraConfig(
                hosts: try fields.optional("hosts") { value throws(ConfigError) in
                    try value.entries { name, host throws(ConfigError) in try Host.decode(name: name, from: host, home: home) }
                } ?? [],
                loadBalancer: try fields.optional("load_balancer") { value throws(ConfigError) in try LoadBalancer.decode(from: value) },
                network: try fields.optional("network") { value throws(ConfigError) in try Network.decode(from: value) },
                dns: try fields.optional("dns") { value throws(ConfigError) in try DNS.decode(from: value) },
                ssl: try fields.optional("ssl") { value throws(ConfigError) in try SSL.decode(from: value) },
                database: try fields.optional("database") { value throws(ConfigError) in try Database.decode(from: value) },
                cache: try fields.optional("cache") { value throws(ConfigError) in try Cache.decode(from: value) },
                containers: try fields.optional("containers") { value throws(ConfigError) in
                    try value.entries { name, container throws(ConfigError) in try Container.decode(name: name, from: container) }
                } ?? [],
                s3: try fields.optional("s3") { value throws(ConfigError) in try S3.decode(from: value) },
                cdn: try fields.optional("cdn") { value throws(ConfigError) in try CDN.decode(from: value) },
                cicd: try fields.optional("cicd") { value throws(ConfigError) in try CICD.decode(from: value) },
                monitoring: try fields.optional("monitoring") { value throws(ConfigError) in try Monitoring.decode(from: value) },
                backups: try fields.optional("backups") { value throws(ConfigError) in try Backups.decode(from: value) })
        }
        try HostReferenceCheck(config: config, state: root.state).run()
        return config
    }
}
