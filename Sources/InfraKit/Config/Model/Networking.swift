extension InfraConfig {
    /// `network:`, the private network.
    public struct Network: Sendable, Hashable {
        /// Checked to be an address with a prefix length (`10.0.0.0/16`).
        public var cidr: String?
        public var name: String?

        public init(cidr: String? = nil, name: String? = nil) {
            self.cidr = cidr
            self.name = name
        }
    }

    /// `dns:`, the DNS provider and the records each zone should hold.
    public struct DNS: Sendable, Hashable {
        public var provider: String?
        public var nameservers: [String]
        public var zones: [Zone]

        public init(provider: String? = nil, nameservers: [String] = [], zones: [Zone] = []) {
            self.provider = provider
            self.nameservers = nameservers
            self.zones = zones
        }

        /// One entry of `dns.zones:`.
        public struct Zone: Sendable, Hashable {
            /// The key under `zones:` (`example.com`).
            public var name: String
            public var records: [Record]

            public init(name: String, records: [Record] = []) {
                self.name = name
                self.records = records
            }
        }

        /// A record; `name` is relative to the zone (empty or `@` for the apex).
        public struct Record: Sendable, Hashable {
            public var name: String
            public var type: String
            /// May hold templates (`{{.lb_ip}}`); see ``DNSTemplate``.
            public var value: String
            public var ttl: Int?
            /// Where `value` sits in the file, for messages about it. Not part of the record: two
            /// records with the same fields are equal wherever they are written.
            public var valueMark: YAMLMark?

            public init(name: String = "", type: String, value: String, ttl: Int? = nil, valueMark: YAMLMark? = nil) {
                self.name = name
                self.type = type
                self.value = value
                self.ttl = ttl
                self.valueMark = valueMark
            }

            public static func == (lhs: Self, rhs: Self) -> Bool {
                (lhs.name, lhs.type, lhs.value, lhs.ttl) == (rhs.name, rhs.type, rhs.value, rhs.ttl)
            }

            public func hash(into hasher: inout Hasher) {
                hasher.combine(name)
                hasher.combine(type)
                hasher.combine(value)
                hasher.combine(ttl)
            }
        }
    }

    /// `ssl:`.
    public struct SSL: Sendable, Hashable {
        public var wildcard: WildcardCertificate?

        public init(wildcard: WildcardCertificate? = nil) {
            self.wildcard = wildcard
        }

        /// `ssl.wildcard:`.
        public struct WildcardCertificate: Sendable, Hashable {
            public var domains: [String]
            public var method: String?
            /// `dns_provider`.
            public var dnsProvider: String?
            public var termination: String?

            public init(domains: [String] = [], method: String? = nil, dnsProvider: String? = nil, termination: String? = nil) {
                self.domains = domains
                self.method = method
                self.dnsProvider = dnsProvider
                self.termination = termination
            }
        }
    }
}
