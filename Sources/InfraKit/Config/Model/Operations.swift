extension InfraConfig {
    /// `cicd:`.
    public struct CICD: Sendable, Hashable {
        public var provider: String?
        public var url: String?
        public var runner: String?
        public var registry: String?
        /// `deploy_hook`.
        public var deployHook: String?

        public init(
            provider: String? = nil, url: String? = nil, runner: String? = nil, registry: String? = nil,
            deployHook: String? = nil
        ) {
            self.provider = provider
            self.url = url
            self.runner = runner
            self.registry = registry
            self.deployHook = deployHook
        }
    }

    /// `monitoring:`.
    public struct Monitoring: Sendable, Hashable {
        /// `health_endpoints`.
        public var healthEndpoints: [HealthEndpoint]
        /// `alerts:`, a map of alert name to threshold, in file order.
        public var alerts: [AlertThreshold]
        /// `repos:`, GitHub repositories (`OWNER/NAME`) whose security alerts infra-monitor reads.
        public var repos: [String]
        /// `orgs:`, GitHub organisations whose alerts infra-monitor reads through the org endpoints.
        public var orgs: [String]

        public init(
            healthEndpoints: [HealthEndpoint] = [], alerts: [AlertThreshold] = [], repos: [String] = [],
            orgs: [String] = []
        ) {
            self.healthEndpoints = healthEndpoints
            self.alerts = alerts
            self.repos = repos
            self.orgs = orgs
        }

        /// A URL to poll; `interval` in seconds.
        public struct HealthEndpoint: Sendable, Hashable {
            public var url: String
            public var interval: Int?

            public init(url: String, interval: Int? = nil) {
                self.url = url
                self.interval = interval
            }
        }

        public struct AlertThreshold: Sendable, Hashable {
            public var name: String
            public var value: Int

            public init(name: String, value: Int) {
                self.name = name
                self.value = value
            }
        }
    }

    /// `backups:`.
    public struct Backups: Sendable, Hashable {
        public var daily: [Job]
        public var weekly: [Job]

        public init(daily: [Job] = [], weekly: [Job] = []) {
            self.daily = daily
            self.weekly = weekly
        }

        /// A scheduled backup; `hosts` name hosts of `hosts:`.
        public struct Job: Sendable, Hashable {
            public var name: String?
            public var type: String?
            public var destination: String?
            public var hosts: [String]

            public init(name: String? = nil, type: String? = nil, destination: String? = nil, hosts: [String] = []) {
                self.name = name
                self.type = type
                self.destination = destination
                self.hosts = hosts
            }
        }
    }
}
