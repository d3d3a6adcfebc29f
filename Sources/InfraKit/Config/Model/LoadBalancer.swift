extension InfraConfig {
    /// `load_balancer:`, a Hetzner managed load balancer.
    public struct LoadBalancer: Sendable, Hashable {
        public var name: String?
        public var fqdn: String?
        public var provider: String?
        public var type: String?
        public var location: String?
        public var algorithm: String?
        public var backends: [Backend]
        public var healthCheck: HealthCheck?
        public var listeners: [Listener]
        public var ssl: Certificate?

        public init(
            name: String? = nil, fqdn: String? = nil, provider: String? = nil, type: String? = nil,
            location: String? = nil, algorithm: String? = nil, backends: [Backend] = [],
            healthCheck: HealthCheck? = nil, listeners: [Listener] = [], ssl: Certificate? = nil
        ) {
            self.name = name
            self.fqdn = fqdn
            self.provider = provider
            self.type = type
            self.location = location
            self.algorithm = algorithm
            self.backends = backends
            self.healthCheck = healthCheck
            self.listeners = listeners
            self.ssl = ssl
        }

        /// A target: a host of `hosts:` and the port traffic goes to.
        public struct Backend: Sendable, Hashable {
            public var host: String
            public var port: Int?

            public init(host: String, port: Int? = nil) {
                self.host = host
                self.port = port
            }
        }

        /// `health_check:`; `interval` is in seconds.
        public struct HealthCheck: Sendable, Hashable {
            public var `protocol`: String?
            public var path: String?
            public var interval: Int?

            public init(protocol: String? = nil, path: String? = nil, interval: Int? = nil) {
                self.protocol = `protocol`
                self.path = path
                self.interval = interval
            }
        }

        /// A frontend port forwarded to a backend port.
        public struct Listener: Sendable, Hashable {
            public var frontend: Int?
            public var backend: Int?
            public var `protocol`: String?
            /// `proxy_protocol`; false when absent.
            public var proxyProtocol: Bool

            public init(frontend: Int? = nil, backend: Int? = nil, protocol: String? = nil, proxyProtocol: Bool = false) {
                self.frontend = frontend
                self.backend = backend
                self.protocol = `protocol`
                self.proxyProtocol = proxyProtocol
            }
        }

        /// The load balancer's `ssl:` block.
        public struct Certificate: Sendable, Hashable {
            public var certificate: String?
            public var san: [String]

            public init(certificate: String? = nil, san: [String] = []) {
                self.certificate = certificate
                self.san = san
            }
        }
    }
}
