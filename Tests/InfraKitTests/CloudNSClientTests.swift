import Foundation
import InfraKit
import Synchronization
import Testing
import TestSupport

/// The client against the CloudNS emulator: paging, shapes, records, record sets, the zone finder,
/// ACME helpers and propagation.
@Suite("CloudNS client")
struct CloudNSClientTests {
    static func zone(_ name: String, _ records: [EmulatorProcess.SeedRecord] = []) -> EmulatorProcess.Zone {
        EmulatorProcess.Zone(name, records: records)
    }

    @Test func listsEveryZoneAcrossPagesWithFormPosts() async throws {
        let emulator = try await EmulatorProcess.start()
        defer { emulator.stop() }
        try await emulator.seed(.init(zones: (0..<150).map { Self.zone(String(format: "zone%03d.test", $0)) }))
        let zones = try await emulator.client().listZones()
        #expect(zones.count == 150)
        #expect(zones.first?.name == "zone000.test" && zones.last?.name == "zone149.test")
        let calls = try await emulator.calls("list-zones")
        #expect(calls.map { $0.parameters["page"] } == ["1", "2"])
        #expect(calls.allSatisfy { $0.parameters["rows-per-page"] == "100" })
        #expect(calls.allSatisfy { $0.httpMethod == "POST" && $0.style == "POST form" && $0.identity == "auth-id" })
    }

    @Test(arguments: ["[]", "{}"])
    func anEmptyZoneListInEitherShapeIsEmpty(shape: String) async throws {
        let emulator = try await EmulatorProcess.start()
        defer { emulator.stop() }
        try await emulator.settings(["empty_zone_list": shape])
        #expect(try await emulator.client().listZones().isEmpty)
    }

    @Test func pagesThroughAThousandRecordZone() async throws {
        let emulator = try await EmulatorProcess.start()
        defer { emulator.stop() }
        let records = (0..<1000).map { EmulatorProcess.SeedRecord("host\($0)", "A", "10.0.\($0 / 256).\($0 % 256)") }
        try await emulator.seed(.init(zones: [Self.zone("big.test", records)]))
        let listed = try await emulator.client().listRecords(in: "big.test")
        #expect(listed.count == 1000)
        #expect(Set(listed.compactMap(\.id)).count == 1000)
        #expect(listed.contains { $0.host == "host999" && $0.value == "10.0.3.231" && $0.ttl == 3600 })
        // Ten full pages, then the empty page that shows the listing is complete.
        let pages = try await emulator.calls("records").map { $0.parameters["page"] ?? "" }
        #expect(pages == (1...11).map(String.init))
    }

    @Test func aZoneWithoutRecordsListsNothing() async throws {
        let emulator = try await EmulatorProcess.start()
        defer { emulator.stop() }
        try await emulator.seed(.init(zones: [Self.zone("empty.test")]))
        #expect(try await emulator.client().listRecords(in: "empty.test").isEmpty)
    }

    @Test func addModifyDeleteAndDeleteAgain() async throws {
        let emulator = try await EmulatorProcess.start()
        defer { emulator.stop() }
        try await emulator.seed(.init(zones: [Self.zone("example.com")]))
        let client = try emulator.client()
        let added = try await client.addRecord(DNSRecord(host: "WWW", type: "a", value: "192.0.2.1", ttl: 300), in: "Example.COM.")
        let id = try #require(added.id)
        #expect(Int(id) != nil)
        #expect(try await emulator.records(in: "example.com").map(\.host) == ["www"])

        var changed = added
        changed.ttl = 3600
        try await client.modifyRecord(changed, in: "example.com")
        #expect(try await emulator.records(in: "example.com").map(\.ttl) == [3600])

        #expect(try await client.deleteRecord(id: id, in: "example.com") == .deleted)
        #expect(try await client.deleteRecord(id: id, in: "example.com") == .alreadyGone)
        let error = await #expect(throws: CloudNSError.self) { try await client.modifyRecord(changed, in: "example.com") }
        #expect(error?.exitStatus == .dataError)
        #expect(error?.message == "CloudNS: record \(id) (www.example.com A) no longer exists in example.com; list the zone again")
    }

    @Test func mxRecordsCarryTheirPriority() async throws {
        let emulator = try await EmulatorProcess.start()
        defer { emulator.stop() }
        try await emulator.seed(.init(zones: [Self.zone("example.com")]))
        let client = try emulator.client()
        let mx = try DNSRecord(host: "@", type: "MX", content: "10 mail.example.com.", ttl: 3600)
        _ = try await client.addRecord(mx, in: "example.com")
        let listed = try await client.listRecords(in: "example.com")
        #expect(listed.map(\.content) == ["10 mail.example.com."])
        #expect(listed.first?.priority == 10)
    }

    @Test func ttlsCloudNSRefusesAreRoundedUpWithANotice() async throws {
        let emulator = try await EmulatorProcess.start()
        defer { emulator.stop() }
        try await emulator.seed(.init(zones: [Self.zone("example.com")]))
        let notices = TraceRecorder()
        let client = try emulator.client { $0.notice = notices.sink }
        let added = try await client.addRecord(DNSRecord(host: "www", type: "A", value: "192.0.2.1", ttl: 120), in: "example.com")
        #expect(added.ttl == 300)
        #expect(try await emulator.records(in: "example.com").map(\.ttl) == [300])
        #expect(notices.lines == ["TTL 120 of www.example.com A is not one CloudNS accepts; using 300"])
    }

    @Test func ensureAddsASiblingAndLeavesTheOthers() async throws {
        let emulator = try await EmulatorProcess.start()
        defer { emulator.stop() }
        try await emulator.seed(.init(zones: [Self.zone("example.com", [.init("", "TXT", "first", ttl: 300)])]))
        let client = try emulator.client()
        let second = DNSRecord(host: "@", type: "TXT", value: "second", ttl: 300)

        let created = try await client.ensureRecord(second, in: "example.com")
        #expect(created.outcome.word == "created")
        #expect(Set(try await emulator.records(in: "example.com").map(\.record)) == ["first", "second"])

        let again = try await client.ensureRecord(second, in: "example.com")
        #expect(again.outcome.word == "unchanged")
        #expect(again.outcome.record.id == created.outcome.record.id)

        var longer = second
        longer.ttl = 3600
        #expect(try await client.ensureRecord(longer, in: "example.com").outcome.word == "updated")
        #expect(try await emulator.records(in: "example.com").count == 2)
        // One listing of the set per ensure, and only the calls needed.
        let counts = try await emulator.calls().reduce(into: [String: Int]()) { $0[$1.method, default: 0] += 1 }
        #expect(counts == ["records": 3, "add-record": 1, "mod-record": 1])
    }

    @Test func ensureReplacingASetModifiesOneAndDeletesTheRest() async throws {
        let emulator = try await EmulatorProcess.start()
        defer { emulator.stop() }
        try await emulator.seed(.init(zones: [
            Self.zone("example.com", [.init("www", "A", "192.0.2.1"), .init("www", "A", "192.0.2.2"), .init("api", "A", "192.0.2.9")])
        ]))
        let client = try emulator.client()
        let result = try await client.ensureRecord(
            DNSRecord(host: "www", type: "A", value: "192.0.2.3", ttl: 300), in: "example.com", replacingSet: true)
        #expect(result.outcome.word == "updated")
        #expect(result.removed.map(\.value) == ["192.0.2.2"])
        let left = try await emulator.records(in: "example.com").map { "\($0.host) \($0.record)" }.sorted()
        #expect(left == ["api 192.0.2.9", "www 192.0.2.3"])
    }

    @Test func aCNAMEIsReplacedNotDuplicated() async throws {
        let emulator = try await EmulatorProcess.start()
        defer { emulator.stop() }
        try await emulator.seed(.init(zones: [Self.zone("example.com", [.init("www", "CNAME", "old.example.com")])]))
        let result = try await emulator.client().ensureRecord(
            DNSRecord(host: "www", type: "CNAME", value: "new.example.com", ttl: 3600), in: "example.com")
        #expect(result.outcome.word == "updated")
        #expect(try await emulator.records(in: "example.com").map(\.record) == ["new.example.com"])
    }

    @Test func hostsCompareWithoutCaseAndTheApexIsEmpty() async throws {
        let emulator = try await EmulatorProcess.start()
        defer { emulator.stop() }
        try await emulator.seed(.init(zones: [Self.zone("example.com", [.init("Mail", "A", "192.0.2.5"), .init("", "A", "192.0.2.1")])]))
        let client = try emulator.client()
        #expect(try await client.listRecords(in: "example.com", host: "MAIL").map(\.value) == ["192.0.2.5"])
        #expect(try await client.listRecords(in: "example.com", host: "@").map(\.value) == ["192.0.2.1"])
        let ensured = try await client.ensureRecord(DNSRecord(host: "MAIL", type: "A", value: "192.0.2.5", ttl: 3600), in: "example.com")
        #expect(ensured.outcome.word == "unchanged")
    }

    @Test func theZoneFinderPrefersTheLongestSuffixAndFollowsCloudZones() async throws {
        let emulator = try await EmulatorProcess.start()
        defer { emulator.stop() }
        try await emulator.seed(.init(zones: [
            Self.zone("example.com"), Self.zone("dev.example.com"),
            EmulatorProcess.Zone("example.net", type: "cloud", cloudMaster: "example.com"),
        ]))
        let client = try emulator.client()
        let nested = try await client.findZone(for: "_acme-challenge.WWW.dev.example.com.")
        #expect(nested == CloudNSZoneMatch(
            name: "_acme-challenge.www.dev.example.com", zone: "dev.example.com", host: "_acme-challenge.www",
            recordZone: "dev.example.com"))
        let apex = try await client.findZone(for: "example.com")
        #expect(apex.host == "" && apex.zone == "example.com")
        let cloud = try await client.findZone(for: "_acme-challenge.example.net")
        #expect(cloud.zone == "example.net" && cloud.recordZone == "example.com" && cloud.host == "_acme-challenge")
        #expect(try await emulator.calls("get-zone-info").count == 3)
        #expect(try await emulator.calls("list-zones").count == 1)

        let error = await #expect(throws: CloudNSError.self) { try await client.findZone(for: "www.badexample.com") }
        #expect(error?.exitStatus == .dataError)
        #expect(error?.message == "CloudNS: none of the zones of the account holds www.badexample.com (they are dev.example.com, example.com, example.net)")
    }

    @Test func aSubUserSeesOnlyItsZones() async throws {
        let emulator = try await EmulatorProcess.start()
        defer { emulator.stop() }
        let password = "sub-\(EmulatorProcess.canary)"
        try await emulator.seed(.init(
            identities: [.subUser(id: 2000, name: "acme", password: password, zones: ["example.com"])],
            zones: [Self.zone("example.com", [.init("www", "A", "192.0.2.1")]), Self.zone("example.org")]))
        let client = try emulator.client(.subAuthUser("acme"), password: password)
        #expect(try await client.listZones().map(\.name) == ["example.com"])
        #expect(try await client.listRecords(in: "example.com").count == 1)

        let hidden = await #expect(throws: CloudNSError.self) { try await client.listRecords(in: "example.org") }
        #expect(hidden?.kind == .zoneNotFound("example.org"))
        #expect(hidden?.exitStatus == .dataError)
        #expect(hidden?.message == "CloudNS: zone example.org does not exist in the account or is not assigned to sub-auth-user acme")
        let unfound = await #expect(throws: CloudNSError.self) { try await client.findZone(for: "_acme-challenge.example.org") }
        #expect(unfound?.exitStatus == .dataError)
        #expect(unfound?.message == "CloudNS: none of the zones assigned to sub-auth-user acme holds _acme-challenge.example.org (they are example.com)")
        let byID = try emulator.client(.subAuthID("2000"), password: password)
        #expect(try await byID.listZones().count == 1)
    }

    @Test func acmeValuesCoexistAndAreRemovedOneByOne() async throws {
        let emulator = try await EmulatorProcess.start()
        defer { emulator.stop() }
        try await emulator.seed(.init(zones: [Self.zone("example.com")]))
        let client = try emulator.client()
        let apex = try await client.addTXT("value-for-apex", at: "_acme-challenge.example.com.")
        let wildcard = try await client.addTXT("value-for-wildcard", at: "_acme-challenge.example.com")
        #expect(!apex.wasPresent && apex.record.ttl == 60 && apex.location.recordZone == "example.com")
        #expect(try await client.addTXT("value-for-apex", at: "_acme-challenge.example.com").wasPresent)
        #expect(try await emulator.records(in: "example.com").count == 2)

        #expect(try await client.removeTXT("value-for-apex", at: "_acme-challenge.example.com").map(\.value) == ["value-for-apex"])
        #expect(try await client.removeTXT("value-for-apex", at: "_acme-challenge.example.com").isEmpty)
        #expect(try await emulator.records(in: "example.com").map(\.record) == ["value-for-wildcard"])
        let id = try #require(wildcard.record.id)
        #expect(try await client.deleteRecord(id: id, in: "example.com") == .deleted)
        #expect(try await client.deleteRecord(id: id, in: "example.com") == .alreadyGone)
    }

    @Test func waitsUntilEveryServerIsUpdated() async throws {
        let emulator = try await EmulatorProcess.start(["--propagation-delay", "3", "--servers", "3"])
        defer { emulator.stop() }
        try await emulator.seed(.init(zones: [Self.zone("example.com")]))
        let client = try emulator.client()
        _ = try await client.addTXT("token", at: "_acme-challenge.example.com")
        #expect(try await client.updateStatus(of: "example.com").contains { !$0.isUpdated })
        let reports = Mutex<[[CloudNSServerStatus]]>([])
        let servers = try await client.waitUntilUpdated("example.com", timeout: .seconds(30), interval: .milliseconds(200)) { report in
            reports.withLock { $0.append(report) }
        }
        #expect(servers.count == 3 && servers.allSatisfy(\.isUpdated))
        #expect(reports.withLock { $0.count } >= 2)
    }

    @Test func theWaitGivesUpAtItsTimeoutNamingTheServersBehind() async throws {
        let emulator = try await EmulatorProcess.start(["--propagation-delay", "1000", "--servers", "2"])
        defer { emulator.stop() }
        try await emulator.seed(.init(zones: [Self.zone("example.com")]))
        let time = VirtualClock()
        let client = try emulator.client { $0.clock = time.clock }
        _ = try await client.addTXT("token", at: "_acme-challenge.example.com")
        let error = await #expect(throws: CloudNSError.self) {
            try await client.waitUntilUpdated("example.com", timeout: .seconds(25), interval: .seconds(10))
        }
        #expect(error?.kind == .propagationTimeout)
        #expect(error?.exitStatus == .failure)
        #expect(error?.message == "CloudNS: zone example.com was not updated on every server within 25 s (0 of 2 servers updated; waiting for dns1.cloudns.net, dns2.cloudns.net)")
        #expect(time.sleeps == [.seconds(10), .seconds(10), .seconds(5)])
        #expect(try await emulator.calls("update-status").count == 4)
    }

    @Test func credentialsTravelInTheFormBodyNeverInTheURL() async throws {
        let server = try LoopbackHTTPServer { _ in .json("[]") }
        defer { server.stop() }
        var options = CloudNSClient.Options(apiURL: server.baseURL, userAgent: "infra-tests/1.0")
        options.retryPolicy = RetryPolicy(maxRetries: 0)
        let client = try CloudNSClient(
            credentials: CloudNSCredentials(identity: .authID("1000"), password: Secret("p&ss+w=rd")), options: options)
        _ = try await client.listZones()
        let request = try #require(server.requests.first)
        #expect(request.method == "POST")
        #expect(request.target == "/dns/list-zones.json")
        #expect(request.header("Content-Type") == "application/x-www-form-urlencoded")
        #expect(request.bodyText == "auth-id=1000&auth-password=p%26ss%2Bw%3Drd&page=1&rows-per-page=100")
    }

    @Test(arguments: [
        ("ftp://api.cloudns.net", "CLOUDNS_API_URL: expected an https:// URL, got scheme 'ftp'"),
        ("http://api.cloudns.net", "CLOUDNS_API_URL: plain http:// is allowed only for loopback addresses; credentials would travel unencrypted"),
        ("api.cloudns.net", "CLOUDNS_API_URL: 'api.cloudns.net' is not a URL such as https://api.cloudns.net"),
    ])
    func unusableEndpointsAreConfigurationErrors(url: String, message: String) {
        let error = #expect(throws: CloudNSError.self) {
            try CloudNSClient(
                credentials: CloudNSCredentials(identity: .authID("1"), password: Secret("x")),
                options: CloudNSClient.Options(apiURL: url))
        }
        #expect(error?.exitStatus == .configuration)
        #expect(error?.message == message)
    }
}
