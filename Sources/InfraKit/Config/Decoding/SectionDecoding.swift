extension InfraConfig.LoadBalancer {
    static func decode(from node: ConfigNode) throws(ConfigError) -> Self {
        try node.fields { fields throws(ConfigError) in
            Self(
                name: try fields.string("name"),
                fqdn: try fields.string("fqdn"),
                provider: try fields.string("provider"),
                type: try fields.string("type"),
                location: try fields.string("location"),
                algorithm: try fields.string("algorithm"),
                backends: try fields.optional("backends") { value throws(ConfigError) in
                    try value.list { item throws(ConfigError) in
                        try item.fields { backend throws(ConfigError) in
                            Backend(host: try backend.hostReference("host", required: true)!, port: try backend.port("port"))
                        }
                    }
                } ?? [],
                healthCheck: try fields.optional("health_check") { value throws(ConfigError) in
                    try value.fields { check throws(ConfigError) in
                        HealthCheck(
                            protocol: try check.string("protocol"), path: try check.string("path"),
                            interval: try check.nonNegativeInteger("interval"))
                    }
                },
                listeners: try fields.optional("listeners") { value throws(ConfigError) in
                    try value.list { item throws(ConfigError) in
                        try item.fields { listener throws(ConfigError) in
                            Listener(
                                frontend: try listener.port("frontend"), backend: try listener.port("backend"),
                                protocol: try listener.string("protocol"),
                                proxyProtocol: try listener.boolean("proxy_protocol") ?? false)
                        }
                    }
                } ?? [],
                ssl: try fields.optional("ssl") { value throws(ConfigError) in
                    try value.fields { ssl throws(ConfigError) in
                        Certificate(certificate: try ssl.string("certificate"), san: try ssl.stringList("san"))
                    }
                })
        }
    }
}

extension InfraConfig.Network {
    static func decode(from node: ConfigNode) throws(ConfigError) -> Self {
        try node.fields { fields throws(ConfigError) in
            Self(cidr: try fields.optional("cidr") { value throws(ConfigError) in try value.cidr() }, name: try fields.string("name"))
        }
    }
}

extension InfraConfig.DNS {
    static func decode(from node: ConfigNode) throws(ConfigError) -> Self {
        try node.fields { fields throws(ConfigError) in
            Self(
                provider: try fields.string("provider"),
                nameservers: try fields.stringList("nameservers"),
                zones: try fields.optional("zones") { value throws(ConfigError) in
                    try value.entries { name, zone throws(ConfigError) in
                        try zone.fields { zoneFields throws(ConfigError) in
                            Zone(name: name, records: try zoneFields.optional("records") { records throws(ConfigError) in
                                try records.list { item throws(ConfigError) in try Record.decode(from: item) }
                            } ?? [])
                        }
                    }
                } ?? [])
        }
    }
}

extension InfraConfig.DNS.Record {
    static func decode(from node: ConfigNode) throws(ConfigError) -> Self {
        try node.fields { fields throws(ConfigError) in
            let name = try fields.string("name") ?? ""
            let type = try fields.required("type") { value throws(ConfigError) in try value.string() }
            let value = try fields.required("value") { value throws(ConfigError) in (try value.string(), value.node.mark) }
            return Self(name: name, type: type, value: value.0, ttl: try fields.nonNegativeInteger("ttl"), valueMark: value.1)
        }
    }
}

extension InfraConfig.SSL {
    static func decode(from node: ConfigNode) throws(ConfigError) -> Self {
        try node.fields { fields throws(ConfigError) in
            Self(wildcard: try fields.optional("wildcard") { value throws(ConfigError) in
                try value.fields { wildcard throws(ConfigError) in
                    WildcardCertificate(
                        domains: try wildcard.stringList("domains"), method: try wildcard.string("method"),
                        dnsProvider: try wildcard.string("dns_provider"), termination: try wildcard.string("termination"))
                }
            })
        }
    }
}

extension InfraConfig.ClusterNode {
    static func decodeList(from node: ConfigNode) throws(ConfigError) -> [Self] {
        try node.list { item throws(ConfigError) in
            try item.fields { fields throws(ConfigError) in
                Self(host: try fields.hostReference("host", required: true)!, port: try fields.port("port"))
            }
        }
    }
}

extension InfraConfig.Database {
    static func decode(from node: ConfigNode) throws(ConfigError) -> Self {
        try node.fields { fields throws(ConfigError) in
            Self(
                engine: try fields.string("engine"),
                version: try fields.string("version"),
                cluster: try fields.string("cluster"),
                nodes: try fields.optional("nodes") { value throws(ConfigError) in try InfraConfig.ClusterNode.decodeList(from: value) } ?? [],
                sstMethod: try fields.string("sst_method"),
                backup: try fields.optional("backup") { value throws(ConfigError) in
                    try value.fields { backup throws(ConfigError) in
                        Backup(
                            schedule: try backup.string("schedule"), destination: try backup.string("destination"),
                            bucket: try backup.string("bucket"), prefix: try backup.string("prefix"))
                    }
                })
        }
    }
}

extension InfraConfig.Cache {
    static func decode(from node: ConfigNode) throws(ConfigError) -> Self {
        try node.fields { fields throws(ConfigError) in
            Self(
                engine: try fields.string("engine"),
                version: try fields.string("version"),
                sentinel: try fields.boolean("sentinel"),
                nodes: try fields.optional("nodes") { value throws(ConfigError) in try InfraConfig.ClusterNode.decodeList(from: value) } ?? [])
        }
    }
}

extension InfraConfig.Container {
    static func decode(name: String, from node: ConfigNode) throws(ConfigError) -> Self {
        try node.fields { fields throws(ConfigError) in
            Self(
                name: name,
                image: try fields.string("image"),
                port: try fields.port("port"),
                runtime: try fields.string("runtime"),
                command: try fields.string("command"),
                replicas: try fields.nonNegativeInteger("replicas"),
                dependsOn: try fields.stringList("depends_on"))
        }
    }
}
