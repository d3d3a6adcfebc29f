extension InfraConfig {
    /// Where a server is hosted: Hetzner Cloud or Hetzner Robot (dedicated).
    public enum HostType: String, Sendable, Hashable, CaseIterable {
        case hcloud, hrobot
    }

    /// One entry of `hosts:`.
    public struct Host: Sendable, Hashable {
        /// The key under `hosts:`.
        public var name: String
        public var fqdn: String?
        /// Public address, IPv4 or IPv6 (required).
        public var ip: String
        /// `private_ip`.
        public var privateIP: String?
        public var type: HostType?
        /// `bastion`, `app`, `builder`, `db`, … (free text).
        public var role: String?
        public var ssh: SSHSettings
        public var services: [String]

        public init(
            name: String, fqdn: String? = nil, ip: String, privateIP: String? = nil, type: HostType? = nil,
            role: String? = nil, ssh: SSHSettings = SSHSettings(), services: [String] = []
        ) {
            self.name = name
            self.fqdn = fqdn
            self.ip = ip
            self.privateIP = privateIP
            self.type = type
            self.role = role
            self.ssh = ssh
            self.services = services
        }
    }

    /// A host's `ssh:` block, with defaults applied by the loader.
    public struct SSHSettings: Sendable, Hashable {
        /// Used when `ssh.user` is absent: Hetzner's images log in as root.
        public static let defaultUser = "root"
        public static let defaultPort = 22

        public var user: String
        /// Private key path, `~` already expanded; nil lets ssh pick its default identities.
        public var key: String?
        public var port: Int
        /// `proxy_jump`: the name of another host to reach this one through (a bastion).
        public var proxyJump: String?

        public init(user: String = defaultUser, key: String? = nil, port: Int = defaultPort, proxyJump: String? = nil) {
            self.user = user
            self.key = key
            self.port = port
            self.proxyJump = proxyJump
        }
    }
}
