import Foundation
import Testing
import TestSupport

/// `infra-dns zones`, `list`, `set`, `delete` and `export` as a user runs them, against the emulator.
@Suite("infra-dns commands")
struct DNSCommandsEndToEndTests {
    static let seed = EmulatorProcess.Seed(zones: [
        EmulatorProcess.Zone("example.com", records: [
            .init("", "A", "203.0.113.5", ttl: 300), .init("www", "CNAME", "lb.example.com", ttl: 3600),
            .init("", "MX", "mail.example.com", ttl: 3600, priority: 10),
            .init("", "TXT", "v=spf1 mx -all", ttl: 3600), .init("_acme-challenge", "TXT", "token", ttl: 60),
        ]),
        EmulatorProcess.Zone("example.org"),
    ])

    @Test func zonesAndListPrintTablesAndJSON() async throws {
        let dns = try await DNSToolHarness.start(Self.seed)
        defer { dns.stop() }
        let zones = try await dns.run(["zones"])
        #expect(zones.status == 0)
        #expect(zones.stdout == "ZONE         TYPE    KIND\nexample.com  master  domain\nexample.org  master  domain\n")
        #expect(zones.stderr.isEmpty)

        let list = try await dns.run(["list", "example.com", "--type", "txt"])
        #expect(list.status == 0)
        let rows = list.stdout.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).dropFirst().joined(separator: " ") }
        #expect(rows == ["HOST TYPE TTL VALUE", "@ TXT 3600 v=spf1 mx -all", "_acme-challenge TXT 60 token"])

        let json = try await dns.run(["list", "example.com", "--host", "@", "--type", "MX", "--json"])
        let records = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(records.count == 1)
        #expect(records.first?["value"] as? String == "10 mail.example.com")
        #expect(records.first?["name"] as? String == "example.com")
        #expect(records.first?["priority"] as? Int == 10)
    }

    @Test func listTakesTheOnlyZoneOfInfraYAML() async throws {
        let dns = try await DNSToolHarness.start(Self.seed)
        defer { dns.stop() }
        try dns.writeConfig("    example.org:\n      records: []\n")
        let result = try await dns.run(["list"])
        #expect(result.status == 0)
        #expect(result.stdout == "ID  HOST  TYPE  TTL  VALUE\n")

        try dns.writeConfig("    example.org: {}\n    example.com: {}\n")
        let ambiguous = try await dns.run(["list"])
        #expect(ambiguous.status == 64)
        #expect(ambiguous.stderr.hasPrefix("infra-dns: error: ZONE is required: \(dns.scratch.url.path)/infra.yaml declares 2 zones (example.org, example.com)\n"))
    }

    @Test func setIsIdempotentAndReportsWhatItDid() async throws {
        let dns = try await DNSToolHarness.start(Self.seed)
        defer { dns.stop() }
        #expect(try await dns.run(["set", "api", "A", "192.0.2.7", "--zone", "example.com"]).stdout == "created\n")
        #expect(try await dns.run(["set", "API.example.com", "A", "192.0.2.7", "--zone", "example.com"]).stdout == "unchanged\n")
        #expect(try await dns.run(["set", "api", "A", "192.0.2.7", "--zone", "example.com", "--ttl", "3600"]).stdout == "updated\n")
        #expect(try await dns.run(["set", "api", "A", "192.0.2.8", "-z", "example.com"]).stdout == "created\n")
        let replaced = try await dns.run(["set", "api.example.com.", "A", "192.0.2.9", "--replace"])
        #expect(replaced.stdout == "updated\n")
        #expect(replaced.stderr.hasPrefix("infra-dns: note: removed api.example.com A 192.0.2."))
        let held = try await dns.held("example.com").filter { $0.hasPrefix("api ") }
        #expect(held == ["api A 192.0.2.9 300"])

        let rounded = try await dns.run(["set", "@", "TXT", "second value", "--zone", "example.com", "--ttl", "100"])
        #expect(rounded.stdout == "created\n")
        #expect(rounded.stderr == "infra-dns: note: TTL 100 of example.com TXT is not one CloudNS accepts; using 300\n")
        #expect(try await dns.held("example.com").filter { $0.hasPrefix("@ TXT") } == ["@ TXT second value 300", "@ TXT v=spf1 mx -all 3600"])
    }

    @Test func setRefusesWhatItCannotPlace() async throws {
        let dns = try await DNSToolHarness.start(Self.seed)
        defer { dns.stop() }
        let noZone = try await dns.run(["set", "www", "A", "192.0.2.1"])
        #expect(noZone.status == 64)
        #expect(noZone.stderr.hasPrefix("infra-dns: error: cannot tell which zone holds 'www'; give --zone, or the full name ending in a dot\n"))
        let badMX = try await dns.run(["set", "@", "MX", "mail.example.com.", "--zone", "example.com"])
        #expect(badMX.status == 64)
        #expect(badMX.stderr.hasPrefix("infra-dns: error: MX value 'mail.example.com.' is not 'PRIORITY TARGET', such as '10 mail.example.com.'\n"))
    }

    @Test func deleteRemovesMatchingRecordsOnly() async throws {
        let dns = try await DNSToolHarness.start(Self.seed)
        defer { dns.stop() }
        _ = try await dns.run(["set", "@", "TXT", "other", "--zone", "example.com"])
        let one = try await dns.run(["delete", "@", "TXT", "other", "--zone", "example.com"])
        #expect(one.status == 0)
        #expect(one.stdout == "deleted example.com TXT other ttl=300\n")
        #expect(try await dns.held("example.com").contains("@ TXT v=spf1 mx -all 3600"))

        let nothing = try await dns.run(["delete", "ghost", "A", "--zone", "example.com"])
        #expect(nothing.status == 0)
        #expect(nothing.stdout.isEmpty)
        #expect(nothing.stderr == "infra-dns: note: nothing to delete: example.com holds no ghost.example.com A record\n")

        let all = try await dns.run(["delete", "example.com.", "MX", "--json"])
        let answer = try #require(try JSONSerialization.jsonObject(with: Data(all.stdout.utf8)) as? [String: Any])
        #expect((answer["deleted"] as? [Any])?.count == 1)
        #expect(try await dns.held("example.com").allSatisfy { !$0.contains(" MX ") })
    }

    @Test func exportPrintsAFragmentThatPlansToNothing() async throws {
        let dns = try await DNSToolHarness.start(Self.seed)
        defer { dns.stop() }
        let export = try await dns.run(["export", "example.com"])
        #expect(export.status == 0)
        #expect(export.stdout == """
            dns:
              zones:
                example.com:
                  records:
                    - { name: "@", type: A, value: "203.0.113.5", ttl: 300 }
                    - { name: "@", type: MX, value: "10 mail.example.com", ttl: 3600 }
                    - { name: "@", type: TXT, value: "v=spf1 mx -all", ttl: 3600 }
                    - { name: "www", type: CNAME, value: "lb.example.com", ttl: 3600 }

            """)
        #expect(export.stderr == "infra-dns: note: example.com: left out 1 ACME challenge record\n")
        try dns.scratch.write("infra.yaml", export.stdout)
        let plan = try await dns.run(["plan", "--exit-code", "--prune"])
        #expect(plan.status == 0, "\(plan.stdout)\(plan.stderr)")
        #expect(plan.stdout == "example.com: no changes\nNo changes.\n")
    }
}
