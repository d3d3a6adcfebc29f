import Foundation
import InfraCLI
import Testing
import TestSupport

/// `infra-dns plan` and `apply` against the emulator: the diff, exit codes, the confirmation,
/// the deletion guard, and an apply that stops half way and converges when run again.
@Suite("infra-dns plan and apply")
struct DNSApplyEndToEndTests {
    static let seed = EmulatorProcess.Seed(zones: [
        EmulatorProcess.Zone("example.com", records: [
            .init("", "A", "203.0.113.1", ttl: 300), .init("www", "CNAME", "old.example.com", ttl: 3600),
            .init("", "NS", "pns41.cloudns.net", ttl: 3600), .init("legacy", "A", "192.0.2.99", ttl: 300),
        ]),
        EmulatorProcess.Zone("example.org"),
    ])

    static let config = """
            example.com:
              records:
                - { name: "@", type: A, value: 203.0.113.1, ttl: 300 }
                - { name: www, type: CNAME, value: lb.example.com., ttl: 3600 }
                - { name: "@", type: MX, value: "10 mail.example.com.", ttl: 3600 }
                - { name: api, type: A, value: 192.0.2.7, ttl: 120 }
            example.org:
              records:
                - { name: "@", type: AAAA, value: "2001:db8::80" }

        """

    @Test func planShowsTheDiffAndApplyConverges() async throws {
        let dns = try await DNSToolHarness.start(Self.seed)
        defer { dns.stop() }
        try dns.writeConfig(Self.config)
        let plan = try await dns.run(["plan", "--exit-code"])
        #expect(plan.status == 2)
        #expect(plan.stdout == """
            example.com: 3 changes
            + CREATE api.example.com A 192.0.2.7 ttl=300
            + CREATE example.com MX 10 mail.example.com. ttl=3600
            ~ MODIFY www.example.com CNAME old.example.com ttl=3600 → lb.example.com. ttl=3600
            example.org: 1 change
            + CREATE example.org AAAA 2001:db8::80 ttl=300
            Plan: 3 to create, 1 to modify, 0 to delete.

            """)
        #expect(plan.stderr == """
            infra-dns: note: dns.zones.example.com.records[3] (api A): TTL 120 is not one CloudNS accepts; using 300
            infra-dns: note: example.com: 2 records not in infra.yaml stay (apply --prune deletes them): example.com NS pns41.cloudns.net, legacy.example.com A 192.0.2.99

            """)
        #expect(try await dns.callCounts() == ["records": 2])
        #expect(try await dns.run(["plan"]).status == 0)

        try await dns.emulator.clearCalls()
        let apply = try await dns.run(["apply", "--yes", "--quiet"])
        #expect(apply.status == 0, "\(apply.stderr)")
        #expect(apply.stdout.hasSuffix("example.com: 3 changes made\nexample.org: 1 change made\n"))
        #expect(try await dns.callCounts() == ["records": 2, "add-record": 3, "mod-record": 1])
        #expect(try await dns.held("example.com") == [
            "@ A 203.0.113.1 300", "@ MX mail.example.com. 3600", "@ NS pns41.cloudns.net 3600", "api A 192.0.2.7 300",
            "legacy A 192.0.2.99 300", "www CNAME lb.example.com. 3600",
        ])
        let again = try await dns.run(["plan", "--exit-code", "--quiet"])
        #expect(again.status == 0)
        #expect(again.stdout == "example.com: no changes\nexample.org: no changes\nNo changes.\n")
    }

    @Test func planJSONListsChangesPerZone() async throws {
        let dns = try await DNSToolHarness.start(Self.seed)
        defer { dns.stop() }
        try dns.writeConfig(Self.config)
        let plan = try await dns.run(["plan", "--json", "--prune"])
        #expect(plan.status == 0)
        let answer = try #require(try JSONSerialization.jsonObject(with: Data(plan.stdout.utf8)) as? [String: Any])
        #expect(answer["changes"] as? Int == 5)
        let zones = try #require(answer["zones"] as? [[String: Any]])
        #expect(zones.map { $0["zone"] as? String } == ["example.com", "example.org"])
        let actions = (zones[0]["changes"] as? [[String: Any]] ?? []).map { $0["action"] as? String ?? "" }
        #expect(actions == ["create", "create", "modify", "delete"])
        #expect(zones[0]["protected"] as? Int == 1)
    }

    @Test func applyAsksOnlyOnATerminalAndChangesNothingOtherwise() async throws {
        let dns = try await DNSToolHarness.start(Self.seed)
        defer { dns.stop() }
        try dns.writeConfig(Self.config)
        let result = try await dns.run(["apply", "--quiet"], stdin: "y\n")
        #expect(result.status == 64)
        #expect(result.stdout.hasSuffix("Plan: 3 to create, 1 to modify, 0 to delete.\n"))
        #expect(result.stderr == "infra-dns: error: standard input is not a terminal, so there is no one to ask; add --yes to make the changes shown\n")
        #expect(try await dns.callCounts() == ["records": 2])
    }

    /// On a terminal apply asks; only "y" or "yes" makes the changes. (In-process, with a
    /// terminal declared in the context: a pseudo-terminal is not worth the machinery.)
    @Test(arguments: [("y\n", 0, 4), ("yes\n", 0, 4), ("n\n", 1, 0), ("", 1, 0)])
    func applyAsksOnATerminal(answer: String, status: Int32, changes: Int) async throws {
        let dns = try await DNSToolHarness.start(Self.seed)
        defer { dns.stop() }
        try dns.writeConfig(Self.config)
        let stdout = BufferWriter()
        let stderr = BufferWriter()
        let context = Context(
            stdout: stdout, stderr: stderr, stdin: StringInputReader(answer), environment: dns.emulator.environment,
            currentDirectory: dns.scratch.url.path, terminal: TerminalInfo(stdinIsTerminal: true))
        let exit = await ToolRunner(spec: DNSTool.spec, completionCandidates: NoCompletionCandidates())
            .run(["apply", "--quiet"], context: context)
        #expect(exit.rawValue == status)
        #expect(stderr.text.hasPrefix("infra-dns: make these 4 changes to 2 zones? [y/N] "))
        let counts = try await dns.callCounts()
        #expect(counts["add-record", default: 0] + counts["mod-record", default: 0] == changes)
        if status == 1 { #expect(stderr.text.hasSuffix("infra-dns: error: nothing was changed\n")) }
    }

    @Test func pruneDeletesUndeclaredRecordsBehindTheGuard() async throws {
        let records = (0..<12).map { EmulatorProcess.SeedRecord("host\($0)", "A", "192.0.2.\($0)") }
        let dns = try await DNSToolHarness.start(.init(zones: [EmulatorProcess.Zone("example.net", records: records)]))
        defer { dns.stop() }
        try dns.writeConfig("""
                example.net:
                  records:
            \((0..<6).map { "        - { name: host\($0), type: A, value: 192.0.2.\($0) }" }.joined(separator: "\n"))

            """)
        let refused = try await dns.run(["apply", "--prune", "--yes", "--quiet"])
        #expect(refused.status == 1)
        #expect(refused.stderr == "infra-dns: error: deleting 50% (6 of 12 records) of example.net needs --force (the limit is 30%); nothing was changed\n")
        #expect(try await dns.emulator.records(in: "example.net").count == 12)

        let forced = try await dns.run(["apply", "--prune", "--force", "--yes", "--quiet"])
        #expect(forced.status == 0)
        #expect(forced.stdout.hasSuffix("example.net: 6 changes made\n"))
        #expect(try await dns.emulator.records(in: "example.net").count == 6)
    }

    @Test func anApplyThatStopsHalfWaySaysWhatWasMadeAndARerunConverges() async throws {
        let dns = try await DNSToolHarness.start(.init(zones: [EmulatorProcess.Zone("example.com"), EmulatorProcess.Zone("example.org")]))
        defer { dns.stop() }
        try dns.writeConfig("""
                example.com:
                  records:
                    - { name: a, type: A, value: 192.0.2.1 }
                    - { name: b, type: A, value: 192.0.2.2 }
                    - { name: c, type: A, value: 192.0.2.3 }
                example.org:
                  records:
                    - { name: d, type: TXT, value: "d" }

            """)
        // The second add-record keeps failing with a 503 whose request never took effect.
        try await dns.emulator.addFault(["method": "add-record", "kind": "http-error", "status": 503, "skip": 1, "count": 2])
        let stopped = try await dns.run(["apply", "--yes", "--quiet"])
        #expect(stopped.status == 69)
        let lines = stopped.stderr.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("infra-dns: error: example.com: change 2 of 3 failed: CloudNS API: POST /dns/add-record.json: HTTP 503") == true)
        #expect(Array(lines.dropFirst()) == [
            "infra-dns: made (1):",
            "  + CREATE a.example.com A 192.0.2.1 ttl=300",
            "infra-dns: failed, but CloudNS may have made it anyway:",
            "  + CREATE b.example.com A 192.0.2.2 ttl=300",
            "infra-dns: not made (2):",
            "  + CREATE c.example.com A 192.0.2.3 ttl=300",
            "  + CREATE d.example.org TXT d ttl=300",
            "infra-dns: run 'infra-dns apply' again: it reads the zones afresh and makes only what is still missing",
        ])
        #expect(try await dns.held("example.com") == ["a A 192.0.2.1 300"])

        let rerun = try await dns.run(["apply", "--yes", "--quiet"])
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(rerun.stdout.hasSuffix("example.com: 2 changes made\nexample.org: 1 change made\n"))
        #expect(try await dns.held("example.com") == ["a A 192.0.2.1 300", "b A 192.0.2.2 300", "c A 192.0.2.3 300"])
        #expect(try await dns.held("example.org") == ["d TXT d 300"])
    }

    @Test func anExhaustedRateLimitStopsTheApplyWith75() async throws {
        let dns = try await DNSToolHarness.start(.init(zones: [EmulatorProcess.Zone("example.com")]))
        defer { dns.stop() }
        try dns.writeConfig("""
                example.com:
                  records:
                    - { name: a, type: A, value: 192.0.2.1 }
                    - { name: b, type: A, value: 192.0.2.2 }

            """)
        // One listing and one add get through this hour; the second add is blocked.
        try await dns.emulator.settings(["rate_limit": ["per_hour": 2]])
        let stopped = try await dns.run(["apply", "--yes", "--quiet", "--json"])
        #expect(stopped.status == 75)
        let answer = try #require(try JSONSerialization.jsonObject(with: Data(stopped.stdout.utf8)) as? [String: Any])
        #expect(answer["complete"] as? Bool == false)
        let zone = try #require((answer["zones"] as? [[String: Any]])?.first)
        #expect(zone["status"] as? String == "stopped")
        #expect((zone["made"] as? [Any])?.count == 1)
        let failed = try #require(zone["failed"] as? [String: Any])
        #expect(failed["may_have_been_made"] as? Bool == false)
        #expect((failed["error"] as? String)?.contains("requests per hour") == true)
    }

    @Test func planExitCodeIsOneOnAnyError() async throws {
        let dns = try await DNSToolHarness.start(Self.seed)
        defer { dns.stop() }
        try dns.writeConfig(Self.config)
        var environment = dns.emulator.environment
        environment["CLOUDNS_AUTH_PASSWORD"] = "wrong"
        let refused = try await dns.run(["plan", "--exit-code"], environment: environment)
        #expect(refused.status == 1)
        #expect(refused.stderr.hasSuffix("infra-dns: error: CloudNS API: POST /dns/records.json: Invalid authentication, incorrect auth-id or auth-password.\n"))
        #expect(try await dns.run(["plan"], environment: environment).status == 77)
    }

    @Test func aBrokenDeclarationIsAConfigurationError() async throws {
        let dns = try await DNSToolHarness.start(Self.seed)
        defer { dns.stop() }
        try dns.writeConfig("    example.com:\n      records:\n        - { name: \"@\", type: MX, value: mail.example.com. }\n")
        let result = try await dns.run(["plan"])
        #expect(result.status == 78)
        #expect(result.stderr == "infra-dns: error: \(dns.scratch.url.path)/infra.yaml: dns.zones.example.com.records[0] (@ MX): MX value 'mail.example.com.' is not 'PRIORITY TARGET', such as '10 mail.example.com.'\n")
    }
}
