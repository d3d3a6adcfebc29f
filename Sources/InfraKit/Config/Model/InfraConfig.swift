/// The infrastructure topology read from `infra.yaml`: every section of the file, field names
/// following the YAML keys (`private_ip` is `privateIP`, `health_check` is `healthCheck`, …).
///
/// Sections absent from the file are nil (or empty for the named collections). Named
/// collections (`hosts`, `containers`, `dns.zones`, `s3.buckets`, `monitoring.alerts`) keep the
/// file's order.
public struct InfraConfig: Sendable, Hashable {
    public var hosts: [Host]
    public var loadBalancer: LoadBalancer?
    public var network: Network?
    public var dns: DNS?
    public var ssl: SSL?
    public var database: Database?
    public var cache: Cache?
    public var containers: [Container]
    public var s3: S3?
    public var cdn: CDN?
    public var cicd: CICD?
    public var monitoring: Monitoring?
    public var backups: Backups?

    public init(
        hosts: [Host] = [], loadBalancer: LoadBalancer? = nil, network: Network? = nil, dns: DNS? = nil,
        ssl: SSL? = nil, database: Database? = nil, cache: Cache? = nil, containers: [Container] = [],
        s3: S3? = nil, cdn: CDN? = nil, cicd: CICD? = nil, monitoring: Monitoring? = nil, backups: Backups? = nil
    ) {
        self.hosts = hosts
        self.loadBalancer = loadBalancer
        self.network = network
        self.dns = dns
        self.ssl = ssl
        self.database = database
        self.cache = cache
        self.containers = containers
        self.s3 = s3
        self.cdn = cdn
        self.cicd = cicd
        self.monitoring = monitoring
        self.backups = backups
    }
}
