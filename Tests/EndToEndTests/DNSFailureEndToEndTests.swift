import Foundation
import Testing
import TestSupport

/// What infra-dns says and how it exits when credentials, zones or the service fail.
@Suite("infra-dns failures")
struct DNSFailureEndToEndTests {
    static let seed = EmulatorProcess.Seed(zones: [EmulatorProcess.Zone("example.com", records: [.init("www", "A", "192.0.2.1")])])

    @Test func refusedCredentialsExit77WithoutShowingThePassword() async throws {
        let dns = try await DNSToolHarness.start(Self.seed)
        defer { dns.stop() }
        var environment = dns.emulator.environment
        environment["CLOUDNS_AUTH_PASSWORD"] = "wrong-\(EmulatorProcess.canary)"
        let result = try await dns.run(["--verbose", "zones"], environment: environment)
        #expect(result.status == 77)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasSuffix(
            "infra-dns: error: CloudNS API: POST /dns/list-zones.json: Invalid authentication, incorrect auth-id or auth-password.\n"))
        #expect(result.stderr.contains("infra-dns: CloudNS API: POST \(dns.emulator.baseURL)/dns/list-zones.json -> rejected: Invalid authentication"))
        #expect(!result.stderr.contains(EmulatorProcess.canary))
    }

    @Test func anUnknownZoneExits65() async throws {
        let dns = try await DNSToolHarness.start(Self.seed)
        defer { dns.stop() }
        let result = try await dns.run(["list", "example.invalid"])
        #expect(result.status == 65)
        #expect(result.stderr == "infra-dns: error: CloudNS: zone example.invalid does not exist in the account\n")
    }

    @Test func aSubUserWithoutTheZoneGets65() async throws {
        let dns = try await DNSToolHarness.start(Self.seed)
        defer { dns.stop() }
        let password = "sub-\(EmulatorProcess.canary)"
        try await dns.emulator.seed(.init(
            identities: [.subUser(id: 2000, name: "acme", password: password, zones: [])],
            zones: [EmulatorProcess.Zone("other.test")]))
        let credentials = try dns.scratch.write(
            "cloudns.env", "CLOUDNS_SUB_AUTH_USER=acme\nCLOUDNS_AUTH_PASSWORD=\(password)\n", permissions: 0o600)
        let result = try await dns.run(
            ["--credentials", credentials.path, "set", "www", "A", "192.0.2.9", "--zone", "example.com"],
            environment: ["CLOUDNS_API_URL": dns.emulator.baseURL])
        #expect(result.status == 65)
        #expect(result.stderr == "infra-dns: error: CloudNS: zone example.com does not exist in the account or is not assigned to sub-auth-user acme\n")
    }

    @Test(arguments: [
        ([:], "no CloudNS credentials: set CLOUDNS_AUTH_ID (or CLOUDNS_SUB_AUTH_ID or CLOUDNS_SUB_AUTH_USER) and CLOUDNS_AUTH_PASSWORD, or name a credentials file with --credentials or CLOUDNS_CREDENTIALS"),
        (["CLOUDNS_AUTH_ID": "1", "CLOUDNS_SUB_AUTH_ID": "2", "CLOUDNS_AUTH_PASSWORD": "\(EmulatorProcess.canary)"], "CLOUDNS_AUTH_ID and CLOUDNS_SUB_AUTH_ID are both set in the environment; set exactly one identity"),
        (["CLOUDNS_AUTH_ID": "1", "CLOUDNS_AUTH_PASSWORD": "x", "CLOUDNS_API_URL": "http://cloudns.example.net"], "CLOUDNS_API_URL: plain http:// is allowed only for loopback addresses; credentials would travel unencrypted"),
    ])
    func badConfigurationExits78(environment: [String: String], message: String) async throws {
        let result = try await ToolProcess.run("infra-dns", ["zones"], environment: environment)
        #expect(result.status == 78)
        #expect(result.stderr == "infra-dns: error: \(message)\n")
    }

    @Test func aCredentialsFileOthersCanReadIsRefused() async throws {
        let scratch = try ScratchDirectory()
        let file = try scratch.write("cloudns.env", "CLOUDNS_AUTH_ID=1\nCLOUDNS_AUTH_PASSWORD=\(EmulatorProcess.canary)\n", permissions: 0o644)
        let result = try await ToolProcess.run("infra-dns", ["zones"], environment: ["CLOUDNS_CREDENTIALS": file.path])
        #expect(result.status == 78)
        #expect(result.stderr == "infra-dns: error: credentials file \(file.path) has mode 644; it must be readable by its owner only (chmod 600 \(file.path))\n")
    }

    @Test func transientFaultsAreRetried() async throws {
        let dns = try await DNSToolHarness.start(Self.seed)
        defer { dns.stop() }
        try await dns.emulator.addFault(["method": "records", "kind": "http-error", "status": 502])
        try await dns.emulator.addFault(["method": "records", "kind": "reset"])
        let result = try await dns.run(["list", "example.com"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("www   A     3600  192.0.2.1"))
        #expect(try await dns.emulator.calls("records").map(\.result) == ["fault", "fault", "data"])
    }

    @Test(arguments: [
        (["kind": "html"], 69, "infra-dns: error: CloudNS API: POST /dns/list-zones.json: unexpected answer: an HTML page instead of JSON; body: <!DOCTYPE html>"),
        (["kind": "failed", "description": "Your plan supports only GeoDNS zones."], 69, "infra-dns: error: CloudNS API: POST /dns/list-zones.json: Your plan supports only GeoDNS zones.\n"),
        (["kind": "http-error", "status": 503, "count": 10], 69, "infra-dns: error: CloudNS API: POST /dns/list-zones.json: HTTP 503: <html>"),
    ] as [([String: any Sendable], Int32, String)])
    func faultsThatPersistAreClearErrors(fault: [String: any Sendable], status: Int32, stderrPrefix: String) async throws {
        let dns = try await DNSToolHarness.start(Self.seed)
        defer { dns.stop() }
        try await dns.emulator.addFault(fault.merging(["method": "list-zones"]) { old, _ in old })
        let result = try await dns.run(["zones"])
        #expect(result.status == status)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix(stderrPrefix), "\(result.stderr)")
    }

    @Test func theVerboseTraceNamesEveryCallButNoSecret() async throws {
        let dns = try await DNSToolHarness.start(Self.seed)
        defer { dns.stop() }
        try await dns.emulator.addFault(["method": "records", "kind": "http-error", "status": 500])
        let result = try await dns.run(["-v", "set", "www", "A", "192.0.2.1", "--zone", "example.com", "--ttl", "3600"])
        #expect(result.status == 0)
        #expect(result.stdout == "unchanged\n")
        let trace = result.stderr.split(separator: "\n")
        #expect(trace.count == 2)
        #expect(trace.first?.hasPrefix("infra-dns: CloudNS API: POST \(dns.emulator.baseURL)/dns/records.json -> HTTP 500 in ") == true)
        #expect(trace.first?.contains(" (attempt 1/") == true && trace.first?.contains("); retrying in ") == true, "\(trace)")
        #expect(trace.last?.contains("-> HTTP 200 in ") == true)
        #expect(!result.stderr.contains(EmulatorProcess.canary) && !result.stderr.contains("auth-password"))
    }
}
