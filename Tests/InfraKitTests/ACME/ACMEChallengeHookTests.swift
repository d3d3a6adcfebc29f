import InfraKit
import Synchronization
import Testing

/// The hook's logic against an in-memory CloudNS and DNS: where records go, which API calls it
/// makes, what it leaves behind, how it waits and fails. Every hook instance here stands for one
/// process (caches are per process, as in real runs).
@Suite("ACME challenge hook")
struct ACMEChallengeHookTests {
    static let checkServer = DNSServerAddress(host: "192.0.2.53", port: 53)

    final class Lines: Sendable {
        let lines = Mutex<[String]>([])
        var all: [String] { lines.withLock { $0 } }
        var log: ACMEHookLog {
            ACMEHookLog(step: { line in self.lines.withLock { $0.append(line) } }, trace: { _ in })
        }
    }

    static func settings(servers: [DNSServerAddress]? = [checkServer], timeout: Duration = .seconds(180)) -> ACMEHookSettings {
        var settings = ACMEHookSettings()
        settings.dnsServers = servers
        settings.propagationTimeout = timeout
        return settings
    }

    static func process(
        _ fake: FakeCloudNS, settings: ACMEHookSettings = settings(), systemResolvers: [DNSServerAddress] = [],
        lines: Lines = Lines(), clock: ACMETestClock = ACMETestClock()
    ) throws -> ACMEChallengeHook {
        ACMEChallengeHook(
            client: try fake.client(clock: clock.polling), settings: settings, resolver: fake.dns,
            systemResolvers: systemResolvers, log: lines.log)
    }

    static func challenge(_ domain: String, _ value: String) throws -> ACMEChallenge {
        ACMEChallenge(recordName: try ACMEChallengeName.forDomain(domain), value: value)
    }

    // MARK: API call budget for NAME + *.NAME

    @Test func certbotIssuanceCostsSixCallsAndLeavesOnlyTheSibling() async throws {
        let fake = FakeCloudNS(zones: ["example.com"])
        fake.seedTXT("example.com", host: "_acme-challenge", value: "someone-elses")
        let apex = try Self.challenge("example.com", "apex-value"), wildcard = try Self.challenge("*.example.com", "wildcard-value")
        var handOvers: [ACMEHandOver] = []
        for challenge in [apex, wildcard] {
            let handOver = Mutex<ACMEHandOver?>(nil)
            try await Self.process(fake).present([challenge]) { records in handOver.withLock { $0 = records.first?.handOver } }
            handOvers.append(try #require(handOver.withLock { $0 }))
        }
        #expect(fake.txt(in: "example.com") == [
            "_acme-challenge=apex-value", "_acme-challenge=someone-elses", "_acme-challenge=wildcard-value",
        ])
        for (challenge, handOver) in zip([apex, wildcard], handOvers) {
            try await Self.process(fake).cleanup([challenge], handOver: handOver)
        }
        #expect(fake.txt(in: "example.com") == ["_acme-challenge=someone-elses"])
        #expect(fake.apiCalls == ["records", "add-record", "records", "add-record", "delete-record", "delete-record"])
    }

    @Test func legoAndDehydratedIssuancesCostEightCalls() async throws {
        let fake = FakeCloudNS(zones: ["example.com"])
        for value in ["apex-value", "wildcard-value"] {  // lego exec: one name at a time, separate processes
            let challenge = try Self.challenge("example.com", value)
            try await Self.process(fake).present([challenge])
            try await Self.process(fake).cleanup([challenge])
        }
        #expect(fake.apiCalls.count == 8)
        #expect(fake.txt(in: "example.com").isEmpty)
    }

    @Test func dehydratedChainPublishesBothThenWaitsOnce() async throws {
        let fake = FakeCloudNS(zones: ["example.com"])
        fake.state.withLock { $0.pollsBeforeUpdated = 1 }
        let challenges = [try Self.challenge("example.com", "one"), try Self.challenge("*.example.com", "two")]
        try await Self.process(fake).present(challenges)
        #expect(fake.txt(in: "example.com") == ["_acme-challenge=one", "_acme-challenge=two"])
        try await Self.process(fake).cleanup(challenges)
        #expect(fake.txt(in: "example.com").isEmpty)
        #expect(fake.apiCalls == ["records", "add-record", "add-record", "records", "delete-record", "delete-record"])
        #expect(fake.polls == 2)  // one behind, one updated: a single wait for both values
    }

    // MARK: Idempotence and exact-value cleanup

    @Test func presentTwiceKeepsOneRecord() async throws {
        let fake = FakeCloudNS(zones: ["example.com"])
        let challenge = try Self.challenge("example.com", "same")
        try await Self.process(fake).present([challenge])
        let lines = Lines()
        try await Self.process(fake, lines: lines).present([challenge])
        #expect(fake.txt(in: "example.com") == ["_acme-challenge=same"])
        #expect(lines.all.first?.hasPrefix("TXT _acme-challenge.example.com already holds the value in zone example.com (id ") == true)
    }

    @Test func cleanupOfAMissingRecordSucceeds() async throws {
        let fake = FakeCloudNS(zones: ["example.com"])
        let keep = fake.seedTXT("example.com", host: "_acme-challenge", value: "other")
        let lines = Lines()
        try await Self.process(fake, lines: lines).cleanup([try Self.challenge("example.com", "gone")])
        try await Self.process(fake, lines: lines).cleanup(
            [try Self.challenge("example.com", "gone")], handOver: ACMEHandOver(recordID: "999999", zone: "example.com"))
        #expect(fake.txt(in: "example.com") == ["_acme-challenge=other"])
        #expect(lines.all == [
            "TXT _acme-challenge.example.com holds no such value in zone example.com: nothing to remove",
            "TXT _acme-challenge.example.com (id 999999 in zone example.com) was already gone",
        ])
        #expect(keep > 0)
    }

    // MARK: Where records go

    @Test func subZonesWinAtAnyDepth() async throws {
        let fake = FakeCloudNS(zones: ["example.com", "dev.example.com", "other.test"])
        try await Self.process(fake).present([try Self.challenge("x.dev.example.com", "shallow")])
        try await Self.process(fake).present([try Self.challenge("a.b.c.dev.example.com", "deep")])
        try await Self.process(fake).present([try Self.challenge("www.example.com", "parent")])
        #expect(fake.txt(in: "dev.example.com") == ["_acme-challenge.a.b.c=deep", "_acme-challenge.x=shallow"])
        #expect(fake.txt(in: "example.com") == ["_acme-challenge.www=parent"])
        // Three or more candidate zones (x.dev.example.com, dev.example.com, example.com): one
        // list-zones, then the listing. Two (www.example.com, example.com): the listing probes them.
        #expect(fake.apiCalls == [
            "list-zones", "records", "add-record", "list-zones", "records", "add-record", "records", "records", "add-record",
        ])
    }

    @Test func cnameTargetGetsTheRecord() async throws {
        let fake = FakeCloudNS(zones: ["example.com", "acme.example.net"])
        fake.state.withLock { $0.cnames["_acme-challenge.example.com"] = "example-com.acme.example.net." }
        let lines = Lines()
        let challenge = try Self.challenge("example.com", "delegated")
        try await Self.process(fake, lines: lines).present([challenge])
        #expect(fake.txt(in: "acme.example.net") == ["example-com=delegated"])
        #expect(fake.txt(in: "example.com").isEmpty)
        #expect(lines.all.first == "_acme-challenge.example.com is a CNAME to example-com.acme.example.net: publishing there")
        #expect(fake.state.withLock { $0.dnsQueries.contains { $0.name == "example-com.acme.example.net" && $0.type == .txt } })
        try await Self.process(fake).cleanup([challenge])
        #expect(fake.txt(in: "acme.example.net").isEmpty)
    }

    @Test func cloudZoneRecordsGoToTheMaster() async throws {
        let fake = FakeCloudNS(zones: ["example.com", "example.org"])
        fake.state.withLock { $0.zones["example.org"]?.type = "cloud"; $0.zones["example.org"]?.cloudMaster = "example.com" }
        let handOver = Mutex<ACMEHandOver?>(nil)
        try await Self.process(fake).present([try Self.challenge("example.org", "cloudy")]) { records in
            handOver.withLock { $0 = records.first?.handOver }
        }
        #expect(fake.txt(in: "example.com") == ["_acme-challenge=cloudy"])
        #expect(handOver.withLock { $0?.zone } == "example.com")
        #expect(fake.apiCalls == ["records", "get-zone-info", "records", "add-record"])
    }

    @Test func unknownZoneFailsNamingTheZonesThereAre() async throws {
        let fake = FakeCloudNS(zones: ["example.com"])
        let error = await #expect(throws: CloudNSError.self) {
            try await Self.process(fake).present([try Self.challenge("example.net", "v")])
        }
        #expect(error?.exitStatus == .dataError)
        #expect(error?.message == "CloudNS: none of the zones of the account holds _acme-challenge.example.net (they are example.com)")
        #expect(!fake.apiCalls.contains("add-record"))
    }

    // MARK: Waiting

    @Test func waitsForUpdateStatusThenDNS() async throws {
        let fake = FakeCloudNS(zones: ["example.com"])
        fake.state.withLock { $0.pollsBeforeUpdated = 3 }
        let clock = ACMETestClock()
        let report = try await Self.process(fake, clock: clock).present([try Self.challenge("example.com", "v")])
        #expect(fake.polls == 4)
        #expect(clock.elapsed == .seconds(3))
        #expect(report.elapsed == .seconds(3))
        #expect(report.cloudNSServers == 2)
        #expect(report.dnsServers == [Self.checkServer])
        // DNS was asked only once CloudNS reported every server updated.
        #expect(fake.state.withLock { $0.dnsQueries.filter { $0.type == .txt }.count } == 1)
    }

    @Test func timeoutSaysWhatWasAndWasNotSeenAndRemovesTheRecord() async throws {
        let fake = FakeCloudNS(zones: ["example.com"])
        let quiet = DNSServerAddress(host: "192.0.2.54", port: 53), dead = DNSServerAddress(host: "192.0.2.55", port: 53)
        fake.state.withLock { $0.silentServers = [quiet.description]; $0.deadServers = [dead.description] }
        let lines = Lines()
        let clock = ACMETestClock()
        let error = await #expect(throws: ACMEHookError.self) {
            try await Self.process(
                fake, settings: Self.settings(servers: [Self.checkServer, quiet, dead], timeout: .seconds(10)), lines: lines,
                clock: clock
            ).present([try Self.challenge("example.com", "v")])
        }
        #expect(error?.exitStatus == .failure)
        #expect(
            error?.message == "_acme-challenge.example.com TXT \"v\" not served within 10 s: CloudNS reports every server "
                + "updated; not seen: _acme-challenge.example.com at 192.0.2.54:53: no TXT value; "
                + "_acme-challenge.example.com at 192.0.2.55:53: no answer within 2 s; seen: _acme-challenge.example.com at 192.0.2.53:53")
        #expect(clock.elapsed >= .seconds(10) && clock.elapsed < .seconds(12))
        #expect(fake.txt(in: "example.com").isEmpty)
        #expect(lines.all.last?.hasPrefix("removed TXT _acme-challenge.example.com (id ") == true)
    }

    @Test func updateStatusTimeoutSaysWhichServersLag() async throws {
        let fake = FakeCloudNS(zones: ["example.com"])
        fake.state.withLock { $0.pollsBeforeUpdated = 1000 }
        let error = await #expect(throws: ACMEHookError.self) {
            try await Self.process(fake, settings: Self.settings(timeout: .seconds(5))).present([try Self.challenge("example.com", "v")])
        }
        #expect(error?.message.contains("1 of 2 servers updated; waiting for ns2.fake") == true)
        #expect(error?.message.hasSuffix("DNS not checked yet") == true)
    }

    @Test func aFailureAfterTheFirstAddRemovesIt() async throws {
        let fake = FakeCloudNS(zones: ["example.com"])
        // dehydrated chain: the second name has no zone, so the run fails after one add.
        let error = await #expect(throws: CloudNSError.self) {
            try await Self.process(fake).present([try Self.challenge("example.com", "one"), try Self.challenge("example.net", "two")])
        }
        #expect(error?.exitStatus == .dataError)
        #expect(fake.txt(in: "example.com").isEmpty)
        #expect(fake.apiCalls.filter { $0 == "add-record" || $0 == "delete-record" } == ["add-record", "delete-record"])
    }

    @Test func refusedCredentialsExit77WithoutRetrying() async throws {
        let fake = FakeCloudNS(zones: ["example.com"])
        var options = CloudNSClient.Options(apiURL: "https://api.cloudns.test", userAgent: "infra-tests")
        options.transport = fake
        let client = try CloudNSClient(
            credentials: CloudNSCredentials(identity: .authID("1000"), password: Secret("wrong-password")), options: options)
        let hook = ACMEChallengeHook(client: client, settings: Self.settings(), resolver: fake.dns, systemResolvers: [])
        let error = await #expect(throws: CloudNSError.self) { try await hook.present([try Self.challenge("example.com", "v")]) }
        #expect(error?.exitStatus == .noPermission)
        #expect(error?.message.contains("wrong-password") == false)
        #expect(fake.apiCalls == ["records"])
    }

    // MARK: Which DNS servers

    @Test func authoritativeServersComeFromNS() async throws {
        let fake = FakeCloudNS(zones: ["example.com"])
        fake.state.withLock {
            $0.nameservers["example.com"] = [("ns1.fake", "192.0.2.1", true), ("ns2.fake", "192.0.2.2", false)]
        }
        let system = DNSServerAddress(host: "10.0.0.53", port: 53)
        let report = try await Self.process(fake, settings: Self.settings(servers: nil), systemResolvers: [system])
            .present([try Self.challenge("example.com", "v")])
        #expect(report.dnsServers == [DNSServerAddress(host: "192.0.2.1"), DNSServerAddress(host: "192.0.2.2")])
        #expect(report.dnsOrigin == "the authoritative servers of example.com (ns1.fake, ns2.fake)")
        let queries = fake.state.withLock { $0.dnsQueries.map { "\($0.server) \($0.type) \($0.name)" } }
        #expect(queries == [
            "10.0.0.53:53 CNAME _acme-challenge.example.com", "10.0.0.53:53 NS example.com", "10.0.0.53:53 A ns2.fake",
            "192.0.2.1:53 TXT _acme-challenge.example.com", "192.0.2.2:53 TXT _acme-challenge.example.com",
        ])
    }

    @Test func withoutNSTheSystemResolverIsAsked() async throws {
        let fake = FakeCloudNS(zones: ["example.com"])
        let system = DNSServerAddress(host: "10.0.0.53", port: 53)
        let report = try await Self.process(fake, settings: Self.settings(servers: nil), systemResolvers: [system])
            .present([try Self.challenge("example.com", "v")])
        #expect(report.dnsServers == [system])
        #expect(report.dnsOrigin == "the system resolver (/etc/resolv.conf)")
    }

    @Test func noDNSServerAtAllIsAConfigurationError() async throws {
        let fake = FakeCloudNS(zones: ["example.com"])
        let error = await #expect(throws: ACMEHookError.self) {
            try await Self.process(fake, settings: Self.settings(servers: nil), systemResolvers: [])
                .present([try Self.challenge("example.com", "v")])
        }
        #expect(error?.exitStatus == .configuration)
        #expect(fake.txt(in: "example.com").isEmpty)
    }
}
