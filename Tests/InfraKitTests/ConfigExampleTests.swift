import InfraKit
import Testing

/// The example `Tests/Fixtures/config/infra.yaml` decoded field by field.
@Suite("Config: the example infra.yaml")
struct ConfigExampleTests {
    @Test func loadsWithoutWarnings() throws {
        let loaded = try InfraConfig.load(path: ConfigFixtures.infraYAML, environment: ConfigFixtures.environment)
        #expect(loaded.warnings.isEmpty)
        #expect(loaded.path == ConfigFixtures.infraYAML)
    }

    @Test func hostsKeepFileOrder() throws {
        let config = try ConfigFixtures.loadExample()
        #expect(config.hostNames == ["bastion", "app1", "app2", "builder", "db1", "db2", "db3"])
    }

    @Test func hostFieldsAndSSHDefaults() throws {
        let config = try ConfigFixtures.loadExample()
        let bastion = try #require(config.host(named: "bastion"))
        #expect(bastion == InfraConfig.Host(
            name: "bastion", fqdn: "bastion.example.com", ip: "203.0.113.10", privateIP: "10.0.0.2", type: .hcloud,
            role: "bastion", ssh: .init(user: "root", key: "/home/ops/.ssh/infra_ed25519", port: 2222), services: []))

        let builder = try #require(config.host(named: "builder"))
        #expect(builder.ip == "2001:db8:10::5")
        #expect(builder.type == .hrobot)
        #expect(builder.ssh == .init(user: "deploy", key: nil, port: 22, proxyJump: nil))
        #expect(builder.services == ["docker", "forgejo-runner"])

        let app1 = try #require(config.host(named: "app1"))
        #expect(app1.ssh == .init(user: "root", key: "/home/ops/.ssh/infra_ed25519", port: 22))
        #expect(app1.services == ["docker", "traefik", "coolify"])
    }

    @Test func mergedHostsOverrideTheirAnchor() throws {
        let config = try ConfigFixtures.loadExample()
        let db1 = try #require(config.host(named: "db1"))
        let db3 = try #require(config.host(named: "db3"))
        #expect(db3.fqdn == "db3.example.com")
        #expect(db3.ip == "198.51.100.13")
        #expect(db3.privateIP == "10.0.2.13")
        #expect(db3.role == db1.role)
        #expect(db3.ssh == db1.ssh)
        #expect(db3.ssh.proxyJump == "bastion")
        #expect(db3.services == ["galera", "redis"])
    }

    @Test func queries() throws {
        let config = try ConfigFixtures.loadExample()
        #expect(config.appServers.map(\.name) == ["app1", "app2"])
        #expect(config.hosts(withRole: "db").map(\.name) == ["db1", "db2", "db3"])
        #expect(config.hosts(withRole: "nothing").isEmpty)
        #expect(config.host(named: "App1") == nil)
        #expect(config.closestHostName(to: "App1") == "app1")
        #expect(config.closestHostName(to: "bastoin") == "bastion")
        #expect(config.closestHostName(to: "zzzzzz") == nil)
        #expect(config.roles == ["bastion", "app", "builder", "db"])
        #expect(config.dnsZoneNames == ["example.com", "example.org"])
    }

    @Test func loadBalancer() throws {
        let balancer = try #require(try ConfigFixtures.loadExample().loadBalancer)
        #expect(balancer.name == "lb-prod")
        #expect(balancer.fqdn == "lb.example.com")
        #expect(balancer.provider == "hetzner")
        #expect(balancer.type == "lb11")
        #expect(balancer.location == "fsn1")
        #expect(balancer.algorithm == "round_robin")
        #expect(balancer.backends == [.init(host: "app1", port: 80), .init(host: "app2", port: 80)])
        #expect(balancer.healthCheck == .init(protocol: "http", path: "/health", interval: 15))
        #expect(balancer.listeners == [
            .init(frontend: 443, backend: 80, protocol: "https", proxyProtocol: true),
            .init(frontend: 80, backend: 80, protocol: "http", proxyProtocol: false),
        ])
        #expect(balancer.ssl == .init(certificate: "wildcard-example-com", san: ["example.com", "*.example.com"]))
    }

    @Test func networkDNSAndSSL() throws {
        let config = try ConfigFixtures.loadExample()
        #expect(config.network == .init(cidr: "10.0.0.0/16", name: "prod-net"))
        let dns = try #require(config.dns)
        #expect(dns.provider == "cloudns")
        #expect(dns.nameservers == ["pns41.cloudns.net", "pns42.cloudns.net"])
        #expect(dns.zones.map(\.name) == ["example.com", "example.org"])
        #expect(dns.zones[0].records == [
            .init(name: "@", type: "A", value: "203.0.113.5", ttl: 300),
            .init(name: "www", type: "CNAME", value: "lb.example.com.", ttl: 3600),
            .init(name: "@", type: "MX", value: "10 mail.example.com.", ttl: 3600),
            .init(name: "@", type: "TXT", value: "v=spf1 mx -all", ttl: 3600),
        ])
        #expect(dns.zones[1].records == [.init(name: "@", type: "AAAA", value: "2001:db8::80", ttl: 300)])
        #expect(config.ssl?.wildcard == .init(
            domains: ["*.example.com", "example.com"], method: "dns-01", dnsProvider: "cloudns", termination: "load_balancer"))
    }

    @Test func databaseAndCache() throws {
        let config = try ConfigFixtures.loadExample()
        let nodes = ["db1", "db2", "db3"]
        #expect(config.database == .init(
            engine: "mariadb", version: "10.11", cluster: "galera", nodes: nodes.map { .init(host: $0, port: 3306) },
            sstMethod: "mariabackup",
            backup: .init(schedule: "0 3 * * *", destination: "s3", bucket: "backups-prod", prefix: "db/")))
        #expect(config.cache == .init(
            engine: "redis", version: "7.2", sentinel: true, nodes: nodes.map { .init(host: $0, port: 6379) }))
    }

    @Test func containersStorageAndDelivery() throws {
        let config = try ConfigFixtures.loadExample()
        #expect(config.containers == [
            .init(
                name: "coolify", image: "ghcr.io/coollabsio/coolify:4", port: 8000, runtime: "docker", replicas: 1,
                dependsOn: ["coolify-db", "coolify-redis"]),
            .init(name: "coolify-db", image: "postgres:15-alpine", port: 5432),
            .init(name: "coolify-redis", image: "redis:7-alpine", port: 6379, command: "redis-server --appendonly yes"),
        ])
        #expect(config.s3 == .init(
            endpoint: "https://fsn1.your-objectstorage.com",
            buckets: [
                .init(name: "backups-prod", purpose: "backups", paths: ["db/", "files/"]),
                .init(name: "assets", purpose: "static assets", paths: ["public/"]),
            ]))
        #expect(config.cdn == .init(provider: "bunny", origin: "https://www.example.com", zones: ["cdn.example.com"]))
        #expect(config.cicd == .init(
            provider: "forgejo", url: "https://git.example.com", runner: "builder", registry: "git.example.com",
            deployHook: "https://coolify.example.com/api/v1/deploy"))
    }

    @Test func monitoringAndBackups() throws {
        let config = try ConfigFixtures.loadExample()
        #expect(config.monitoring == .init(
            healthEndpoints: [
                .init(url: "https://www.example.com/health", interval: 60),
                .init(url: "https://lb.example.com/health", interval: 30),
            ],
            alerts: [
                .init(name: "cpu_percent", value: 90), .init(name: "disk_percent", value: 85),
                .init(name: "galera_cluster_size", value: 3),
            ],
            repos: ["example/shop", "example/api"], orgs: ["example-ops"]))
        #expect(config.backups == .init(
            daily: [.init(name: "databases", type: "mariabackup", destination: "s3", hosts: ["db1", "db2", "db3"])],
            weekly: [.init(name: "volumes", type: "restic", destination: "s3", hosts: ["app1", "app2"])]))
    }

    @Test func jumpChainGoesThroughTheBastion() throws {
        let config = try ConfigFixtures.loadExample()
        let db2 = try #require(config.host(named: "db2"))
        #expect(config.jumpChain(to: db2).map(\.name) == ["bastion"])
        #expect(config.jumpChain(to: try #require(config.host(named: "app1"))).isEmpty)
    }
}
