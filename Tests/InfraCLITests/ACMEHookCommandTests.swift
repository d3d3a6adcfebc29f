import Foundation
import InfraCLI
import InfraKit
import Testing
import TestSupport

/// `acme-cloudns-hook` run in-process against a scripted CloudNS (loopback HTTP) and a scripted
/// DNS server (loopback UDP): what lands on stdout and stderr, and the exit status.
@Suite("acme-cloudns-hook command")
struct ACMEHookCommandTests {
    static let password = "s3cret-Pass+word"
    static let value = "LHDhK3oGRvkiefQnx7OOczTY5Tic_xZ6HcMOc_gmtoM"

    /// A CloudNS that holds zone example.com and accepts one add (id 4242) and one delete.
    static func cloudNS() throws -> LoopbackHTTPServer {
        try LoopbackHTTPServer { request in
            switch request.path {
            case "/dns/records.json": return .json("[]")
            case "/dns/add-record.json":
                return .json(#"{"status":"Success","statusDescription":"The record was added successfully.","data":{"id":4242}}"#)
            case "/dns/update-status.json":
                return .json(#"[{"server":"ns1.test","ip4":"192.0.2.1","ip6":"","updated":true}]"#)
            case "/dns/delete-record.json":
                return .json(#"{"status":"Success","statusDescription":"The record was deleted successfully."}"#)
            default: return .json(#"{"status":"Failed","statusDescription":"Missing domain-name"}"#)
            }
        }
    }

    /// DNS serving the value at _acme-challenge.example.com and no CNAME.
    static func dns() throws -> LoopbackDNSServer {
        try LoopbackDNSServer { query in
            let question = DNSAnswerBuilder.question(of: query)
            guard question.type == 16, question.name == "_acme-challenge.example.com" else {
                return [DNSAnswerBuilder.response(to: query, rcode: 3)]
            }
            return [DNSAnswerBuilder.response(to: query, answers: [.txt(question.name, value)])]
        }
    }

    static func environment(_ api: LoopbackHTTPServer, _ dns: LoopbackDNSServer, _ extra: [String: String] = [:]) -> [String: String] {
        [
            "CLOUDNS_API_URL": api.baseURL, "CLOUDNS_AUTH_ID": "1000", "CLOUDNS_AUTH_PASSWORD": password,
            "ACME_CLOUDNS_DNS_SERVERS": dns.address,
        ].merging(extra) { _, new in new }
    }

    @Test func certbotAuthPrintsOnlyTheHandOver() async throws {
        let api = try Self.cloudNS(), dns = try Self.dns()
        let result = await runInProcess(
            ACMEHookTool.spec, [],
            environment: Self.environment(api, dns, ["CERTBOT_DOMAIN": "example.com", "CERTBOT_VALIDATION": Self.value]))
        #expect(result.status == .success)
        #expect(result.stdout == "4242@example.com\n")
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines.first == "acme-cloudns-hook: added TXT _acme-challenge.example.com in zone example.com (id 4242)")
        #expect(lines.dropFirst().first?.hasPrefix("acme-cloudns-hook: CloudNS: zone example.com updated on 1/1 servers after ") == true)
        #expect(lines.last?.hasPrefix("acme-cloudns-hook: _acme-challenge.example.com served by 1/1 DNS server after ") == true)
        let paths = api.requests.map(\.path)
        #expect(paths == ["/dns/records.json", "/dns/add-record.json", "/dns/update-status.json"])
        // The password travels in the form body, never in a URL.
        #expect(api.requests.allSatisfy { !$0.target.contains("password") })
    }

    @Test func certbotCleanupDeletesTheHandedOverRecordOnly() async throws {
        let api = try Self.cloudNS(), dns = try Self.dns()
        let result = await runInProcess(
            ACMEHookTool.spec, [],
            environment: Self.environment(
                api, dns,
                ["CERTBOT_DOMAIN": "example.com", "CERTBOT_VALIDATION": Self.value, "CERTBOT_AUTH_OUTPUT": "4242@example.com"]))
        #expect(result.status == .success)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "acme-cloudns-hook: removed TXT _acme-challenge.example.com from zone example.com (id 4242)\n")
        #expect(api.requests.map(\.path) == ["/dns/delete-record.json"])
        let body = String(decoding: try #require(api.requests.first).body, as: UTF8.self)
        #expect(body.contains("record-id=4242") && body.contains("domain-name=example.com"))
    }

    @Test func verboseTracesRequestsWithoutTheSecret() async throws {
        let api = try Self.cloudNS(), dns = try Self.dns()
        let result = await runInProcess(
            ACMEHookTool.spec, ["--verbose", "present", "_acme-challenge.example.com.", Self.value],
            environment: Self.environment(api, dns))
        #expect(result.status == .success)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("/dns/add-record.json -> HTTP 200"))
        #expect(result.stderr.contains("DNS \(dns.address): _acme-challenge.example.com serves"))
        #expect(result.stderr.hasSuffix("done: 2 CloudNS API requests, 1 update-status poll\n"))
        #expect(!result.stderr.contains(Self.password))
        #expect(!result.stderr.contains("s3cret"))
        // Every line is stamped with the time since the start.
        #expect(result.stderr.split(separator: "\n").allSatisfy { $0.hasPrefix("acme-cloudns-hook: [") })
    }

    @Test func dehydratedEventsNeedNothingAndSayNothing() async throws {
        for words in [["startup_hook"], ["generate_csr", "example.com", "/certs", "example.com "], ["exit_hook", "oops"],
                      ["some_future_event", "--with", "-x"]] {
            let result = await runInProcess(ACMEHookTool.spec, words, environment: [:])
            #expect(result.status == .success, "\(words)")
            #expect(result.stdout.isEmpty && result.stderr.isEmpty, "\(words)")
        }
    }

    @Test(
        "setup problems are one-line errors with their exit status",
        arguments: [
            ([], [:], 64, "acme-cloudns-hook: error: no command given and CERTBOT_DOMAIN is not set"),
            (["present", "example.com", Self.value], ["ACME_CLOUDNS_TTL": "soon"], 78, "acme-cloudns-hook: error: ACME_CLOUDNS_TTL: "),
            (["present", "example.com", Self.value], [:], 78, "acme-cloudns-hook: error: no CloudNS credentials: "),
            (
                ["present", "example.com", Self.value],
                ["CLOUDNS_AUTH_ID": "1000", "CLOUDNS_AUTH_PASSWORD": "x", "CLOUDNS_API_URL": "http://api.cloudns.net"], 78,
                "acme-cloudns-hook: error: CLOUDNS_API_URL: plain http:// is allowed only for loopback"
            ),
            (["deploy_challenge", "example.com"], [:], 64, "acme-cloudns-hook: error: deploy_challenge takes DOMAIN TOKEN VALUE triples"),
        ] as [([String], [String: String], Int32, String)])
    func setupErrors(words: [String], environment: [String: String], status: Int32, prefix: String) async {
        let result = await runInProcess(ACMEHookTool.spec, words, environment: environment)
        #expect(result.status.rawValue == status)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix(prefix))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func checkListsZonesAndJSON() async throws {
        let api = try LoopbackHTTPServer { request in
            switch request.path {
            case "/dns/login.json": return .json(#"{"status":"Success","statusDescription":"Success login."}"#)
            default:
                return .json(
                    #"[{"name":"example.com","type":"master","zone":"domain","status":"1"},{"name":"example.org","type":"cloud","zone":"domain","status":"1"}]"#)
            }
        }
        let environment = ["CLOUDNS_API_URL": api.baseURL, "CLOUDNS_SUB_AUTH_USER": "acme", "CLOUDNS_AUTH_PASSWORD": Self.password]
        let text = await runInProcess(ACMEHookTool.spec, ["check"], environment: environment)
        #expect(text.status == .success)
        #expect(text.stdout == "example.com\nexample.org\n")
        #expect(text.stderr == "acme-cloudns-hook: CloudNS accepted the credentials of sub-auth-user acme; 2 zones to manage\n")
        let json = await runInProcess(ACMEHookTool.spec, ["check", "--json"], environment: environment)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["identity"] as? String == "sub-auth-user acme")
        #expect((object["zones"] as? [[String: String]])?.map { $0["type"] } == ["master", "cloud"])
    }
}
