import InfraKit
import Testing

@Suite("DNS plan")
struct DNSPlanTests {
    typealias Declared = InfraConfig.DNS.Record

    static func declaration(_ records: [Declared], zone: String = "example.com") throws -> DNSZoneDeclaration {
        try DNSZoneDeclaration(
            InfraConfig.DNS.Zone(name: zone, records: records), acceptedTTL: CloudNSTTL.accepted(atLeast:))
    }

    static func record(_ id: String, _ host: String, _ type: String, _ content: String, ttl: Int = 300) -> DNSRecord {
        var record = try! DNSRecord(host: host, type: type, content: content, ttl: ttl)
        record.id = id
        return record
    }

    /// `+ www A 192.0.2.1`-style lines, for compact expectations.
    static func lines(_ plan: DNSZonePlan) -> [String] {
        plan.changes.map { change in
            switch change {
            case .create(let r): "+ \(DNSName.display(r.host)) \(r.type) \(r.content) \(r.ttl)"
            case .delete(let r): "- \(DNSName.display(r.host)) \(r.type) \(r.content) \(r.ttl) #\(r.id ?? "")"
            case .modify(let old, let new):
                "~ \(DNSName.display(old.host)) \(old.type) \(old.content) \(old.ttl) → \(new.content) \(new.ttl) #\(new.id ?? "")"
            }
        }
    }

    let existing = [
        record("1", "", "A", "203.0.113.5"),
        record("2", "www", "CNAME", "old.example.com."),
        record("3", "", "TXT", "v=spf1 -all", ttl: 3600),
        record("4", "", "TXT", "google-site-verification=abc", ttl: 3600),
        record("5", "", "NS", "pns41.cloudns.net", ttl: 3600),
        record("6", "legacy", "A", "192.0.2.99"),
        record("7", "_acme-challenge", "TXT", "token", ttl: 60),
        record("8", "", "MX", "10 mail.example.com", ttl: 3600),
    ]

    @Test func declaredRecordsAreCreatedModifiedOrLeftAlone() throws {
        let declaration = try Self.declaration([
            Declared(name: "@", type: "A", value: "203.0.113.5", ttl: 300),  // same
            Declared(name: "WWW", type: "cname", value: "new.example.com.", ttl: 300),  // single-valued: modify
            Declared(name: "@", type: "TXT", value: "v=spf1 mx -all", ttl: 3600),  // new sibling
            Declared(name: "@", type: "MX", value: "20 MAIL.example.com.", ttl: 3600),  // same target, new priority
            Declared(name: "api", type: "A", value: "192.0.2.7"),  // no TTL: created with 300
        ])
        let plan = DNSPlanner().plan(declaration, existing: existing)
        #expect(Self.lines(plan) == [
            "+ api A 192.0.2.7 300",  // addresses first
            "~ @ MX 10 mail.example.com 3600 → 20 MAIL.example.com. 3600 #8",
            "+ @ TXT v=spf1 mx -all 3600",
            "~ www CNAME old.example.com. 300 → new.example.com. 300 #2",
        ])
        #expect(plan.kept.compactMap(\.id).sorted() == ["3", "4", "5", "6", "7"])
        #expect(plan.deletes == 0 && !plan.exceedsDeletionGuard)
    }

    @Test func namesCompareWithoutCaseOrFinalDotAndMissingTTLKeepsTheCurrentOne() throws {
        let declaration = try Self.declaration([
            Declared(name: "www", type: "CNAME", value: "OLD.example.com"),
            Declared(name: "@", type: "MX", value: "10 mail.example.com."),
        ])
        #expect(DNSPlanner().plan(declaration, existing: existing).isEmpty)
    }

    @Test func pruneDeletesUndeclaredRecordsButNeverProtectedOnes() throws {
        let declaration = try Self.declaration([
            Declared(name: "@", type: "A", value: "203.0.113.9", ttl: 300),
            Declared(name: "@", type: "TXT", value: "v=spf1 -all", ttl: 3600),
        ])
        let plan = DNSPlanner(prune: true).plan(declaration, existing: existing)
        #expect(Self.lines(plan) == [
            "~ @ A 203.0.113.5 300 → 203.0.113.9 300 #1",
            "- @ MX 10 mail.example.com 3600 #8",
            "- @ TXT google-site-verification=abc 3600 #4",
            "- www CNAME old.example.com. 300 #2",
            "- legacy A 192.0.2.99 300 #6",  // addresses go last
        ])
        #expect(plan.protected.compactMap(\.id).sorted() == ["5", "7"])
        #expect(plan.kept.isEmpty)
    }

    @Test func theDeletionGuardFollowsOctoDNS() throws {
        let many = (0..<20).map { Self.record(String($0), "h\($0)", "A", "192.0.2.\($0)") }
        let keepFourteen = try Self.declaration((0..<14).map { Declared(name: "h\($0)", type: "A", value: "192.0.2.\($0)") })
        let sixOfTwenty = DNSPlanner(prune: true).plan(keepFourteen, existing: many)
        #expect(sixOfTwenty.deletes == 6 && !sixOfTwenty.exceedsDeletionGuard)
        let keepThirteen = try Self.declaration((0..<13).map { Declared(name: "h\($0)", type: "A", value: "192.0.2.\($0)") })
        let sevenOfTwenty = DNSPlanner(prune: true).plan(keepThirteen, existing: many)
        #expect(sevenOfTwenty.deletes == 7 && sevenOfTwenty.exceedsDeletionGuard)
        #expect(DNSDeletionGuard.refusal(for: sevenOfTwenty) == "deleting 35% (7 of 20 records) of example.com needs --force (the limit is 30%)")
        let small = DNSPlanner(prune: true).plan(try Self.declaration([]), existing: Array(many.prefix(9)))
        #expect(small.deletes == 9 && !small.exceedsDeletionGuard)
    }

    @Test func aTemplateLeftUnfilledIsRefused() throws {
        #expect(throws: DNSRecordError("dns.zones.example.com.records[0] (@ A): the template in '{{.lb_ip}}' was not filled in")) {
            try Self.declaration([Declared(name: "@", type: "A", value: "{{.lb_ip}}", ttl: 300)])
        }
    }

    @Test func ttlsAreRoundedUpWithANote() throws {
        let declaration = try Self.declaration([
            Declared(name: "a", type: "A", value: "192.0.2.1", ttl: 120),
            Declared(name: "b", type: "A", value: "192.0.2.2", ttl: 9_999_999),
            Declared(name: "c", type: "A", value: "192.0.2.3", ttl: 3600),
        ])
        #expect(declaration.records.map(\.record.ttl) == [300, 2_592_000, 3600])
        #expect(declaration.notes == [
            "dns.zones.example.com.records[0] (a A): TTL 120 is not one CloudNS accepts; using 300",
            "dns.zones.example.com.records[1] (b A): TTL 9999999 is not one CloudNS accepts; using 2592000",
        ])
    }

    @Test(arguments: [
        (Declared(name: "@", type: "MX", value: "mail.example.com."), "dns.zones.example.com.records[0] (@ MX): MX value 'mail.example.com.' is not 'PRIORITY TARGET', such as '10 mail.example.com.'"),
        (Declared(name: "_sip._tcp", type: "SRV", value: "10 5 sip.example.com."), "dns.zones.example.com.records[0] (_sip._tcp SRV): SRV value '10 5 sip.example.com.' is not 'PRIORITY WEIGHT PORT TARGET', such as '10 5 443 app.example.com.'"),
        (Declared(name: "x", type: "A", value: "  "), "dns.zones.example.com.records[0] (x A): A value is empty"),
    ])
    func undecipherableRecordsAreErrorsNamingTheirPlace(record: Declared, message: String) {
        let error = #expect(throws: DNSRecordError.self) { try Self.declaration([record]) }
        #expect(error?.message == message)
    }

    @Test func twoCNAMEsForOneHostAreAnError() {
        let error = #expect(throws: DNSRecordError.self) {
            try Self.declaration([
                Declared(name: "www", type: "CNAME", value: "a.example.com."),
                Declared(name: "www", type: "CNAME", value: "b.example.com."),
            ])
        }
        #expect(error?.message == "dns.zones.example.com.records[1] (www CNAME): a host holds one CNAME record, and dns.zones.example.com.records[0] declares another")
    }

    @Test func changesComeInASafeOrder() {
        let changes: [DNSChange] = [
            .create(Self.record("", "www", "CNAME", "lb.example.com.")),
            .delete(Self.record("11", "www", "A", "192.0.2.1")),
            .create(Self.record("", "@", "NS", "ns1.example.com.")),
            .delete(Self.record("12", "old", "A", "192.0.2.2")),
            .create(Self.record("", "ns1", "A", "192.0.2.53")),
            .delete(Self.record("13", "old", "MX", "10 old.example.com.")),
            .modify(old: Self.record("14", "api", "AAAA", "2001:db8::1"), new: Self.record("14", "api", "AAAA", "2001:db8::2")),
        ]
        let order = DNSChangeOrdering.ordered(changes).map { "\($0.verb) \($0.record.host) \($0.record.type)" }
        #expect(order == [
            "DELETE www A",  // makes room for the CNAME
            "CREATE ns1 A", "MODIFY api AAAA",  // addresses first
            "CREATE  NS",  // then name servers
            "CREATE www CNAME",  // then names pointing at names
            "DELETE old MX",  // deletes last, pointers before addresses
            "DELETE old A",
        ])
    }

    @Test func ipv6AddressesCompareByValue() {
        #expect(Self.record("", "a", "AAAA", "2001:DB8:0:0::1").matchKey == Self.record("", "a", "AAAA", "2001:db8::1").matchKey)
        #expect(Self.record("", "a", "AAAA", "2001:db8::1").matchKey != Self.record("", "a", "AAAA", "2001:db8::2").matchKey)
    }

    @Test(arguments: [
        ("_acme-challenge.www.example.com.", "example.com", "_acme-challenge.www"),
        ("EXAMPLE.com", "example.com.", ""),
        ("www.dev.example.com", "dev.example.com", "www"),
    ])
    func relativeHosts(name: String, zone: String, host: String) {
        #expect(DNSName.relativeHost(of: name, in: zone) == host)
    }

    @Test func namesOutsideTheZoneHaveNoRelativeHost() {
        #expect(DNSName.relativeHost(of: "badexample.com", in: "example.com") == nil)
        #expect(DNSName.relativeHost(of: "example.org", in: "example.com") == nil)
    }
}
