extension InfraConfig.S3 {
    static func decode(from node: ConfigNode) throws(ConfigError) -> Self {
        try node.fields { fields throws(ConfigError) in
            Self(
                endpoint: try fields.string("endpoint"),
                buckets: try fields.optional("buckets") { value throws(ConfigError) in
                    try value.entries { name, bucket throws(ConfigError) in
                        try bucket.fields { bucketFields throws(ConfigError) in
                            Bucket(name: name, purpose: try bucketFields.string("purpose"), paths: try bucketFields.stringList("paths"))
                        }
                    }
                } ?? [])
        }
    }
}

extension InfraConfig.CDN {
    static func decode(from node: ConfigNode) throws(ConfigError) -> Self {
        try node.fields { fields throws(ConfigError) in
            Self(provider: try fields.string("provider"), origin: try fields.string("origin"), zones: try fields.stringList("zones"))
        }
    }
}

extension InfraConfig.CICD {
    static func decode(from node: ConfigNode) throws(ConfigError) -> Self {
        try node.fields { fields throws(ConfigError) in
            Self(
                provider: try fields.string("provider"), url: try fields.string("url"), runner: try fields.string("runner"),
                registry: try fields.string("registry"), deployHook: try fields.string("deploy_hook"))
        }
    }
}

extension InfraConfig.Monitoring {
    static func decode(from node: ConfigNode) throws(ConfigError) -> Self {
        try node.fields { fields throws(ConfigError) in
            Self(
                healthEndpoints: try fields.optional("health_endpoints") { value throws(ConfigError) in
                    try value.list { item throws(ConfigError) in
                        try item.fields { endpoint throws(ConfigError) in
                            HealthEndpoint(
                                url: try endpoint.required("url") { url throws(ConfigError) in try url.string() },
                                interval: try endpoint.nonNegativeInteger("interval"))
                        }
                    }
                } ?? [],
                alerts: try fields.optional("alerts") { value throws(ConfigError) in
                    try value.entries { name, threshold throws(ConfigError) in
                        AlertThreshold(name: name, value: try threshold.integer())
                    }
                } ?? [],
                repos: try fields.optional("repos") { value throws(ConfigError) in
                    try value.list { item throws(ConfigError) in try item.gitHubRepository() }
                } ?? [],
                orgs: try fields.optional("orgs") { value throws(ConfigError) in
                    try value.list { item throws(ConfigError) in try item.gitHubOrganization() }
                } ?? [])
        }
    }
}

extension ConfigNode {
    /// `OWNER/NAME`, as GitHub spells a repository.
    func gitHubRepository() throws(ConfigError) -> String {
        let text = try string()
        guard RepositoryName(text) != nil else { throw expected("a GitHub repository as OWNER/NAME") }
        return text
    }

    /// An organisation's login.
    func gitHubOrganization() throws(ConfigError) -> String {
        let text = try string()
        guard RepositoryName.isValidOwner(text) else { throw expected("a GitHub organization name") }
        return text
    }
}

extension InfraConfig.Backups {
    static func decode(from node: ConfigNode) throws(ConfigError) -> Self {
        try node.fields { fields throws(ConfigError) in
            Self(
                daily: try fields.optional("daily") { value throws(ConfigError) in try Job.decodeList(from: value) } ?? [],
                weekly: try fields.optional("weekly") { value throws(ConfigError) in try Job.decodeList(from: value) } ?? [])
        }
    }
}

extension InfraConfig.Backups.Job {
    static func decodeList(from node: ConfigNode) throws(ConfigError) -> [Self] {
        try node.list { item throws(ConfigError) in
            try item.fields { fields throws(ConfigError) in
                Self(
                    name: try fields.string("name"), type: try fields.string("type"),
                    destination: try fields.string("destination"),
                    hosts: try fields.optional("hosts") { hosts throws(ConfigError) in
                        try hosts.list { host throws(ConfigError) in try host.hostReference() }
                    } ?? [])
            }
        }
    }
}
