extension InfraConfig {
    /// A member of a database or cache cluster: a host of `hosts:` and its port.
    public struct ClusterNode: Sendable, Hashable {
        public var host: String
        public var port: Int?

        public init(host: String, port: Int? = nil) {
            self.host = host
            self.port = port
        }
    }

    /// `database:`, the Galera/MariaDB cluster.
    public struct Database: Sendable, Hashable {
        public var engine: String?
        public var version: String?
        public var cluster: String?
        public var nodes: [ClusterNode]
        /// `sst_method`.
        public var sstMethod: String?
        public var backup: Backup?

        public init(
            engine: String? = nil, version: String? = nil, cluster: String? = nil, nodes: [ClusterNode] = [],
            sstMethod: String? = nil, backup: Backup? = nil
        ) {
            self.engine = engine
            self.version = version
            self.cluster = cluster
            self.nodes = nodes
            self.sstMethod = sstMethod
            self.backup = backup
        }

        /// `database.backup:`.
        public struct Backup: Sendable, Hashable {
            public var schedule: String?
            public var destination: String?
            public var bucket: String?
            public var prefix: String?

            public init(schedule: String? = nil, destination: String? = nil, bucket: String? = nil, prefix: String? = nil) {
                self.schedule = schedule
                self.destination = destination
                self.bucket = bucket
                self.prefix = prefix
            }
        }
    }

    /// `cache:`, the Redis/Dragonfly cluster.
    public struct Cache: Sendable, Hashable {
        public var engine: String?
        public var version: String?
        public var sentinel: Bool?
        public var nodes: [ClusterNode]

        public init(engine: String? = nil, version: String? = nil, sentinel: Bool? = nil, nodes: [ClusterNode] = []) {
            self.engine = engine
            self.version = version
            self.sentinel = sentinel
            self.nodes = nodes
        }
    }

    /// One entry of `containers:`.
    public struct Container: Sendable, Hashable {
        /// The key under `containers:`.
        public var name: String
        public var image: String?
        public var port: Int?
        public var runtime: String?
        public var command: String?
        public var replicas: Int?
        /// `depends_on`: names of other containers.
        public var dependsOn: [String]

        public init(
            name: String, image: String? = nil, port: Int? = nil, runtime: String? = nil, command: String? = nil,
            replicas: Int? = nil, dependsOn: [String] = []
        ) {
            self.name = name
            self.image = image
            self.port = port
            self.runtime = runtime
            self.command = command
            self.replicas = replicas
            self.dependsOn = dependsOn
        }
    }

    /// `s3:`, object storage.
    public struct S3: Sendable, Hashable {
        public var endpoint: String?
        public var buckets: [Bucket]

        public init(endpoint: String? = nil, buckets: [Bucket] = []) {
            self.endpoint = endpoint
            self.buckets = buckets
        }

        /// One entry of `s3.buckets:`.
        public struct Bucket: Sendable, Hashable {
            public var name: String
            public var purpose: String?
            public var paths: [String]

            public init(name: String, purpose: String? = nil, paths: [String] = []) {
                self.name = name
                self.purpose = purpose
                self.paths = paths
            }
        }
    }

    /// `cdn:`.
    public struct CDN: Sendable, Hashable {
        public var provider: String?
        public var origin: String?
        public var zones: [String]

        public init(provider: String? = nil, origin: String? = nil, zones: [String] = []) {
            self.provider = provider
            self.origin = origin
            self.zones = zones
        }
    }
}
