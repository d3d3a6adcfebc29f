import Foundation
import Testing
import TestSupport

/// The built `acme-cloudns-hook` driven by real ACME clients (certbot 2.1, lego 4.9, dehydrated
/// 0.7, acme.sh when installed) against pebble, with the CloudNS emulator feeding challtestsrv,
/// all on loopback. Each client's two issuances run side by side on zones of their own, so the
/// call log tells each issuance's CloudNS calls apart.
///
/// Serialized: every test shares one sandbox (pebble, challtestsrv, the emulator), some change its
/// settings for their run (propagation delay, faults), and each checks that no challenge record is
/// left anywhere in it, which another test's issuance under way would contradict.
@Suite(
    "acme-cloudns-hook with real ACME clients", .serialized,
    .enabled(if: ACMEHookSandbox.missingTools.isEmpty, ACMEHookSandbox.skipReason), .acmeSandbox)
struct ACMEHookEndToEndTests {
    static let value = "k0rUfNd3XW3dQ3pYyMgHoAjbOByWqCHvNfVvc4iDl2E"

    /// issue-cert exits 77 when a client is not installed; its last stderr line says why.
    static func skipIfUnavailable(_ result: ToolResult) throws {
        guard result.status == 77 else { return }
        let reason = result.stderr.split(separator: "\n").last(where: { $0.contains("skip:") }) ?? "client not available"
        try Test.cancel(Comment(rawValue: String(reason)))
    }

    /// `WORK/hook-calls.tsv` rows: (seconds, exit status, event).
    static func hookCalls(_ work: String) -> [(seconds: Double, status: String, event: String)] {
        let text = (try? String(contentsOfFile: work + "/hook-calls.tsv", encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return (Double(fields[2]) ?? -1, fields[3], fields[4])
        }
    }

    static func hookStderr(_ work: String) -> String {
        (try? String(contentsOfFile: work + "/hook-stderr.log", encoding: .utf8)) ?? ""
    }

    @Test(
        "obtains a certificate for NAME and for NAME + *.NAME",
        arguments: [("certbot", "cb"), ("lego", "lg"), ("lego-raw", "lr"), ("dehydrated", "dh"), ("dehydrated-chain", "dc")])
    func issues(client: String, tag: String) async throws {
        let sandbox = ACMEHookSandbox.shared
        let single = "\(tag)1.test", double = "\(tag)2.test"
        try await sandbox.seed(zones: [single, double])
        let position = try await sandbox.callLogPosition()
        async let first = sandbox.issue(client, [single])
        async let second = sandbox.issue(client, [double, "*.\(double)"])
        let runs = try await [first, second]
        for run in runs { try Self.skipIfUnavailable(run.result) }

        for (run, names) in zip(runs, [[single], [double, "*.\(double)"]]) {
            #expect(run.result.status == 0, "\(client) \(names): \(run.result.stderr)")
            let calls = Self.hookCalls(run.work)
            let challengeCalls = calls.filter { !["startup_hook", "generate_csr", "sync_cert", "deploy_cert", "exit_hook"].contains($0.event)
                && !$0.event.hasPrefix("this_hookscript") }
            #expect(!challengeCalls.isEmpty, "\(client) \(names): the hook was never called")
            #expect(calls.allSatisfy { $0.status == "0" }, "\(client) \(names): \(calls)")
            #expect(Self.hookStderr(run.work).contains("served by 1/1 DNS server after"))
        }
        #expect(try await sandbox.challengeRecords() == [], "\(client) left challenge records behind")
        let singleCalls = try await sandbox.apiCalls(forZone: single, since: position)
        let doubleCalls = try await sandbox.apiCalls(forZone: double, since: position)
        #expect(singleCalls.count <= 4, "\(client) \(single): \(singleCalls)")
        #expect(doubleCalls.count <= 8, "\(client) \(double) + *.\(double): \(doubleCalls)")
    }

    @Test("acme.sh through hooks/dns_acmecloudns.sh, or a skip saying why")
    func acmeSh() async throws {
        let sandbox = ACMEHookSandbox.shared
        try await sandbox.seed(zones: ["as.test"])
        let passThrough = ProcessInfo.processInfo.environment["ACMESH"].map { ["ACMESH": $0] } ?? [:]
        let run = try await sandbox.issue("acmesh", ["as.test", "*.as.test"], environment: passThrough)
        try Self.skipIfUnavailable(run.result)
        #expect(run.result.status == 0, "\(run.result.stderr)")
        #expect(try await sandbox.challengeRecords() == [])
    }

    @Test("two certbot runs for the same name at the same time both succeed")
    func concurrentCertbots() async throws {
        let sandbox = ACMEHookSandbox.shared
        try await sandbox.seed(zones: ["cc.test"])
        async let first = sandbox.issue("certbot", ["cc.test", "*.cc.test"])
        async let second = sandbox.issue("certbot", ["cc.test", "*.cc.test"])
        let runs = try await [first, second]
        for run in runs { try Self.skipIfUnavailable(run.result) }
        for run in runs {
            #expect(run.result.status == 0, "\(run.result.stderr)")
            #expect(Self.hookCalls(run.work).filter { $0.event == "certbot-cleanup" }.count == 2)
        }
        #expect(try await sandbox.challengeRecords() == [])
    }

    @Test("delegated validation: the record goes to the target of _acme-challenge's CNAME", arguments: ["certbot", "lego"])
    func delegated(client: String) async throws {
        let sandbox = ACMEHookSandbox.shared
        let name = "dg-\(client).example.test", target = "\(client).delegated.test"
        try await sandbox.seed(zones: ["delegated.test"])
        try await sandbox.setCNAME("_acme-challenge.\(name)", to: target)
        let position = try await sandbox.callLogPosition()
        let run = try await sandbox.issue(client, [name])
        try Self.skipIfUnavailable(run.result)
        #expect(run.result.status == 0, "\(run.result.stderr)")
        let calls = try await sandbox.apiCalls(forZone: "delegated.test", since: position)
        #expect(calls.filter { $0 == "add-record" }.count == 1, "\(calls)")
        #expect(calls.filter { $0 == "delete-record" }.count == 1, "\(calls)")
        #expect(try await sandbox.apiCalls(forZone: "example.test", since: position).filter { $0 == "add-record" }.isEmpty)
        if client == "certbot" {
            #expect(Self.hookStderr(run.work).contains("_acme-challenge.\(name) is a CNAME to \(target): publishing there"))
        }
        #expect(try await sandbox.challengeRecords() == [])
    }

    @Test("a wrong password fails fast with a clear message and leaves nothing")
    func wrongPassword() async throws {
        let sandbox = ACMEHookSandbox.shared
        let scratch = try ScratchDirectory()
        let wrong = "wrong-Pass-\(UUID().uuidString.prefix(8))"
        let credentials = try scratch.write(
            "credentials", "CLOUDNS_AUTH_ID=1000\nCLOUDNS_AUTH_PASSWORD=\(wrong)\n", permissions: 0o600)
        for (arguments, environment) in [
            (["present", "_acme-challenge.example.test.", Self.value], [:]),
            ([], ["CERTBOT_DOMAIN": "example.test", "CERTBOT_VALIDATION": Self.value]),
            (["deploy_challenge", "example.test", "token", Self.value], [:]),
        ] as [([String], [String: String])] {
            let result = try await sandbox.hook(arguments, environment: environment.merging(["CLOUDNS_CREDENTIALS": credentials.path]) { a, _ in a })
            #expect(result.duration < .seconds(5))
            #expect(result.status == 77, "\(arguments): \(result.stderr)")
            #expect(result.stdout.isEmpty)
            #expect(
                result.stderr == "acme-cloudns-hook: error: CloudNS API: POST /dns/records.json: "
                    + "Invalid authentication, incorrect auth-id or auth-password.\n")
            #expect(!result.stderr.contains(wrong))
        }
        #expect(try await sandbox.challengeRecords() == [])
    }

    @Test("an unknown zone fails fast with a clear message and leaves nothing")
    func unknownZone() async throws {
        let sandbox = ACMEHookSandbox.shared
        let result = try await sandbox.hook(["present", "_acme-challenge.www.nosuch.invalid.", Self.value])
        #expect(result.duration < .seconds(5))
        #expect(result.status == 65)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix(
            "acme-cloudns-hook: error: CloudNS: none of the zones of the account holds _acme-challenge.www.nosuch.invalid (they are "))
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(try await sandbox.challengeRecords() == [])
    }

    /// The emulator flips its last server 2 s after the change; the hook polls update-status every
    /// second, then asks DNS (100 ms apart). Slack: process start, three paced API calls and the DNS
    /// checks take about 0.3 s here; 0.7 s more covers a busy shared machine.
    @Test("with a 2 s propagation delay, present returns within 2 s + one poll interval")
    func propagationDelay() async throws {
        let sandbox = ACMEHookSandbox.shared
        try await sandbox.seed(zones: ["dl.test"])
        try await sandbox.setPropagationDelay(2)
        let present = try await sandbox.hook(["present", "_acme-challenge.dl.test.", Self.value], environment: ["ACME_CLOUDNS_POLL_INTERVAL": "1"])
        let elapsed = present.duration
        try await sandbox.setPropagationDelay(0)
        #expect(present.status == 0, "\(present.stderr)")
        #expect(elapsed >= .seconds(2), "returned before every server was updated")
        #expect(elapsed < .seconds(2) + .seconds(1) + .seconds(1), "took \(elapsed)")
        #expect(present.stderr.contains("served by 1/1 DNS server after 2."))
        let cleanup = try await sandbox.hook(["cleanup", "_acme-challenge.dl.test.", Self.value])
        #expect(cleanup.status == 0, "\(cleanup.stderr)")
        #expect(try await sandbox.challengeRecords() == [])
    }

    @Test("check lists the zones, and exits 77 with a bad password")
    func check() async throws {
        let sandbox = ACMEHookSandbox.shared
        let good = try await sandbox.hook(["check"])
        #expect(good.status == 0, "\(good.stderr)")
        #expect(good.stdout.split(separator: "\n").contains("example.test"))
        #expect(good.stderr.hasPrefix("acme-cloudns-hook: CloudNS accepted the credentials of auth-id 1000; "))
        let scratch = try ScratchDirectory()
        let credentials = try scratch.write("credentials", "CLOUDNS_AUTH_ID=1000\nCLOUDNS_AUTH_PASSWORD=nope-nope\n", permissions: 0o600)
        let bad = try await sandbox.hook(["check"], environment: ["CLOUDNS_CREDENTIALS": credentials.path])
        #expect(bad.status == 77)
        #expect(bad.stdout.isEmpty)
        #expect(bad.stderr.contains("Invalid authentication"))
    }
}
