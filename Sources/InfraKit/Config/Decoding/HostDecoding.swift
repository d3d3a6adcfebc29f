extension InfraConfig.Host {
    static func decode(name: String, from node: ConfigNode, home: String?) throws(ConfigError) -> Self {
        guard !name.hasPrefix("-"), !name.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 }) else {
            throw node.failure("a host name may not start with \"-\" or contain spaces or control characters")
        }
        return try node.fields { fields throws(ConfigError) in
            Self(
                name: name,
                fqdn: try fields.string("fqdn"),
                ip: try fields.required("ip") { value throws(ConfigError) in try value.ipAddress() },
                privateIP: try fields.optional("private_ip") { value throws(ConfigError) in try value.ipAddress() },
                type: try fields.optional("type") { value throws(ConfigError) in try value.oneOf(InfraConfig.HostType.self) },
                role: try fields.string("role"),
                ssh: try fields.optional("ssh") { value throws(ConfigError) in
                    try InfraConfig.SSHSettings.decode(host: name, from: value, home: home)
                } ?? InfraConfig.SSHSettings(),
                services: try fields.stringList("services"))
        }
    }
}

extension InfraConfig.SSHSettings {
    static func decode(host: String, from node: ConfigNode, home: String?) throws(ConfigError) -> Self {
        try node.fields { fields throws(ConfigError) in
            let user = try fields.string("user") ?? Self.defaultUser
            let key = try fields.string("key").map { expandingTilde(in: $0, home: home) }
            let port = try fields.port("port") ?? Self.defaultPort
            let proxyJump = try fields.optional("proxy_jump") { value throws(ConfigError) in
                let name = try value.hostReference()
                node.state.proxyJumpMarks[host] = (value.node.mark, value.path)
                return name
            }
            return Self(user: user, key: key, port: port, proxyJump: proxyJump)
        }
    }

    /// `~` and `~/…` become `$HOME` and `$HOME/…`; `~user/…` and paths without `~` are kept.
    static func expandingTilde(in path: String, home: String?) -> String {
        guard let home, !home.isEmpty else { return path }
        if path == "~" { return home }
        guard path.hasPrefix("~/") else { return path }
        let base = home.hasSuffix("/") ? String(home.dropLast()) : home
        return base + path.dropFirst()
    }
}
