import InfraKit
import Testing

@Suite("ACME hook calling conventions")
struct ACMEHookRequestTests {
    static let value = "LHDhK3oGRvkiefQnx7OOczTY5Tic_xZ6HcMOc_gmtoM"
    static let keyAuthorization = "token.thumbprint"
    static let rawValue = "61rBZ_4knHblO0MNoxFsXZ_eTFUHum0B6IVRbhvUn5I"

    struct Case: Sendable, CustomTestStringConvertible {
        let label: String
        let words: [String]
        let environment: [String: String]
        let expected: ACMEHookRequest
        var testDescription: String { label }
    }

    static func challenge(_ name: String, _ value: String = value) -> ACMEChallenge {
        ACMEChallenge(recordName: name, value: value)
    }

    static let cases: [Case] = [
        Case(
            label: "certbot auth", words: [],
            environment: ["CERTBOT_DOMAIN": "example.com", "CERTBOT_VALIDATION": value, "CERTBOT_REMAINING_CHALLENGES": "1"],
            expected: .present([challenge("_acme-challenge.example.com")], convention: .certbot)),
        Case(
            label: "certbot auth for a wildcard (certbot strips *., the hook would too)", words: [],
            environment: ["CERTBOT_DOMAIN": "*.Example.COM", "CERTBOT_VALIDATION": value],
            expected: .present([challenge("_acme-challenge.example.com")], convention: .certbot)),
        Case(
            label: "certbot cleanup with the hand-over", words: [],
            environment: [
                "CERTBOT_DOMAIN": "example.com", "CERTBOT_VALIDATION": value, "CERTBOT_AUTH_OUTPUT": "273123233@example.com",
            ],
            expected: .cleanup(
                [challenge("_acme-challenge.example.com")], convention: .certbot,
                handOver: ACMEHandOver(recordID: "273123233", zone: "example.com"))),
        Case(
            label: "certbot cleanup after a failed auth (empty output)", words: [],
            environment: ["CERTBOT_DOMAIN": "example.com", "CERTBOT_VALIDATION": value, "CERTBOT_AUTH_OUTPUT": ""],
            expected: .cleanup([challenge("_acme-challenge.example.com")], convention: .certbot, handOver: nil)),
        Case(
            label: "lego default present", words: ["present", "_acme-challenge.example.com.", value], environment: [:],
            expected: .present([challenge("_acme-challenge.example.com")], convention: .fqdnAndValue)),
        Case(
            label: "lego default cleanup", words: ["cleanup", "_acme-challenge.example.com.", value], environment: [:],
            expected: .cleanup([challenge("_acme-challenge.example.com")], convention: .fqdnAndValue, handOver: nil)),
        Case(
            label: "lego passing a CNAME target (FQDN with a dot is used as it is)",
            words: ["present", "Example-com.ACME.example.net.", value], environment: [:],
            expected: .present([challenge("example-com.acme.example.net")], convention: .fqdnAndValue)),
        Case(
            label: "lego RAW present", words: ["present", "--", "example.com", "token", keyAuthorization], environment: [:],
            expected: .present([challenge("_acme-challenge.example.com", rawValue)], convention: .legoRaw)),
        Case(
            label: "lego RAW cleanup", words: ["cleanup", "--", "example.com", "token", keyAuthorization], environment: [:],
            expected: .cleanup([challenge("_acme-challenge.example.com", rawValue)], convention: .legoRaw, handOver: nil)),
        Case(
            label: "exec.toml's documented form with --", words: ["present", "--", "_acme-challenge.example.com.", value],
            environment: [:], expected: .present([challenge("_acme-challenge.example.com")], convention: .fqdnAndValue)),
        Case(
            label: "by hand, without the prefix or dot", words: ["present", "www.example.com", value], environment: [:],
            expected: .present([challenge("_acme-challenge.www.example.com")], convention: .fqdnAndValue)),
        Case(
            label: "acme.sh wrapper", words: ["cleanup", "_acme-challenge.sub.example.com.", value], environment: [:],
            expected: .cleanup([challenge("_acme-challenge.sub.example.com")], convention: .fqdnAndValue, handOver: nil)),
        Case(
            label: "dehydrated deploy", words: ["deploy_challenge", "example.com", "tokenfile", value], environment: [:],
            expected: .present([challenge("_acme-challenge.example.com")], convention: .dehydrated)),
        Case(
            label: "dehydrated HOOK_CHAIN deploy",
            words: ["deploy_challenge", "example.com", "t1", value, "example.com", "t2", "second", "www.example.com", "t3", "third"],
            environment: [:],
            expected: .present(
                [
                    challenge("_acme-challenge.example.com"), challenge("_acme-challenge.example.com", "second"),
                    challenge("_acme-challenge.www.example.com", "third"),
                ], convention: .dehydrated)),
        Case(
            label: "dehydrated clean", words: ["clean_challenge", "example.com", "tokenfile", value], environment: [:],
            expected: .cleanup([challenge("_acme-challenge.example.com")], convention: .dehydrated, handOver: nil)),
        Case(label: "check", words: ["check"], environment: [:], expected: .check),
        Case(
            label: "dehydrated's probe for unknown events",
            words: ["this_hookscript_is_broken__dehydrated_is_working_fine__please_ignore_unknown_hooks_in_your_script"],
            environment: [:],
            expected: .ignored(
                event: "this_hookscript_is_broken__dehydrated_is_working_fine__please_ignore_unknown_hooks_in_your_script")),
        Case(
            label: "dehydrated generate_csr", words: ["generate_csr", "example.com", "/certs", "example.com *.example.com "],
            environment: [:], expected: .ignored(event: "generate_csr")),
        Case(
            label: "dehydrated deploy_cert", words: ["deploy_cert", "example.com", "k", "c", "f", "ch", "1700000000"],
            environment: ["CERTBOT_DOMAIN": "example.com"], expected: .ignored(event: "deploy_cert")),
        Case(label: "dehydrated exit_hook", words: ["exit_hook", "some error"], environment: [:], expected: .ignored(event: "exit_hook")),
    ]

    @Test("every client's form", arguments: cases)
    func parses(_ example: Case) throws {
        #expect(try ACMEHookRequest.parse(example.words, environment: example.environment) == example.expected)
    }

    @Test(
        "words that fit no convention are usage errors",
        arguments: [
            ([], [:], "CERTBOT_DOMAIN is not set"),
            ([], ["CERTBOT_DOMAIN": "example.com"], "CERTBOT_VALIDATION is not set"),
            (["present"], [:], "got 0 arguments"),
            (["present", "_acme-challenge.example.com."], [:], "got 1 argument"),
            (["cleanup", "a", "b", "c"], [:], "got 3 arguments"),
            (["present", "--", "example.com", "token", ""], [:], "KEYAUTH is empty"),
            (["deploy_challenge", "example.com", "token"], [:], "triples, got 2 arguments"),
            (["clean_challenge"], [:], "triples, got 0 arguments"),
            (["check", "extra"], [:], "check takes no arguments"),
            (["present", "exa mple.com", value], [:], "is not a domain name"),
            (["present", "example..com", value], [:], "empty label"),
            (["present", "bücher.example", value], [:], "xn--"),
            (["present", "example.com", "two words"], [:], "is not a TXT value"),
            (["present", "example.com", "quo\"te"], [:], "is not a TXT value"),
        ] as [([String], [String: String], String)])
    func usageErrors(words: [String], environment: [String: String], fragment: String) {
        #expect {
            try ACMEHookRequest.parse(words, environment: environment)
        } throws: { error in
            guard let error = error as? ACMEHookUsageError else { return false }
            return error.exitStatus == .usage && error.message.contains(fragment) && !error.message.contains("\n")
        }
    }

    @Test func smallRunsAreNotPacedLargeOnesAndCheckAre() throws {
        let four = ["deploy_challenge"] + (1...4).flatMap { ["d\($0).example.com", "t", "v\($0)"] }
        let five = ["deploy_challenge"] + (1...5).flatMap { ["d\($0).example.com", "t", "v\($0)"] }
        #expect(try ACMEHookRequest.parse(["present", "example.com", Self.value], environment: [:]).maxRequestsPerSecond == 0)
        #expect(try ACMEHookRequest.parse(four, environment: [:]).maxRequestsPerSecond == 0)
        #expect(try ACMEHookRequest.parse(five, environment: [:]).maxRequestsPerSecond == nil)
        #expect(try ACMEHookRequest.parse(["check"], environment: [:]).maxRequestsPerSecond == nil)
    }

    @Test(
        "domains become challenge names",
        arguments: [
            ("example.com", "_acme-challenge.example.com"),
            ("Example.COM.", "_acme-challenge.example.com"),
            ("*.example.com", "_acme-challenge.example.com"),
            ("_acme-challenge.example.com", "_acme-challenge.example.com"),
            ("_ACME-Challenge.*.example.com", "_acme-challenge.example.com"),
            ("  www.example.com  ", "_acme-challenge.www.example.com"),
            ("xn--bcher-kva.example", "_acme-challenge.xn--bcher-kva.example"),
        ])
    func domainNames(domain: String, expected: String) throws {
        #expect(try ACMEChallengeName.forDomain(domain) == expected)
    }

    @Test(
        "record names: a final dot means exactly this name",
        arguments: [
            ("_acme-challenge.example.com.", "_acme-challenge.example.com"),
            ("_acme-challenge.example.com", "_acme-challenge.example.com"),
            ("example.com", "_acme-challenge.example.com"),
            ("validation.example.net.", "validation.example.net"),
            ("*.example.com.", "_acme-challenge.example.com"),
            ("_acme-challenge.*.example.com.", "_acme-challenge.example.com"),
            ("_ACME-CHALLENGE.Example.Com.", "_acme-challenge.example.com"),
        ])
    func recordNames(fqdn: String, expected: String) throws {
        #expect(try ACMEChallengeName.forRecordName(fqdn) == expected)
    }

    @Test(
        "certbot's hand-over",
        arguments: [
            ("273123233@example.com", ACMEHandOver(recordID: "273123233", zone: "example.com")),
            ("  42@Sub.Example.com \n", ACMEHandOver(recordID: "42", zone: "sub.example.com")),
            ("some wrapper output\n7@example.com\n\n", ACMEHandOver(recordID: "7", zone: "example.com")),
            ("", nil), ("abc@example.com", nil), ("12@", nil), ("@example.com", nil), ("12@exa mple.com", nil),
            ("12", nil),
        ] as [(String, ACMEHandOver?)])
    func handOver(output: String, expected: ACMEHandOver?) {
        #expect(ACMEHandOver(parsing: output) == expected)
        if let expected { #expect(ACMEHandOver(parsing: expected.description) == expected) }
    }
}

@Suite("ACME hook settings")
struct ACMEHookSettingsTests {
    @Test func defaults() throws {
        let settings = try ACMEHookSettings.fromEnvironment([:])
        #expect(settings.ttl == 60)
        #expect(settings.requestedTTL == nil)
        #expect(settings.propagationTimeout == .seconds(180))
        #expect(settings.pollInterval == .seconds(1))
        #expect(settings.dnsServers == nil)
        #expect(!settings.verbose)
    }

    @Test(
        "TTL rounded up to one CloudNS accepts",
        arguments: [("60", 60, nil), ("1", 60, 1), ("61", 300, 61), ("300", 300, nil), ("4000", 21600, 4000),
                    ("99999999", 2_592_000, 99_999_999)] as [(String, Int, Int?)])
    func ttl(text: String, ttl: Int, requested: Int?) throws {
        let settings = try ACMEHookSettings.fromEnvironment(["ACME_CLOUDNS_TTL": text])
        #expect(settings.ttl == ttl)
        #expect(settings.requestedTTL == requested)
    }

    @Test func everyVariable() throws {
        let settings = try ACMEHookSettings.fromEnvironment([
            "ACME_CLOUDNS_PROPAGATION_TIMEOUT": "30", "ACME_CLOUDNS_POLL_INTERVAL": "0.25",
            "ACME_CLOUDNS_DNS_SERVERS": "127.0.0.1:8053, [::1]:53,ns1.example.com", "ACME_CLOUDNS_VERBOSE": "1",
        ])
        #expect(settings.propagationTimeout == .seconds(30))
        #expect(settings.pollInterval == .milliseconds(250))
        #expect(
            settings.dnsServers == [
                DNSServerAddress(host: "127.0.0.1", port: 8053), DNSServerAddress(host: "::1", port: 53),
                DNSServerAddress(host: "ns1.example.com", port: 53),
            ])
        #expect(settings.verbose)
    }

    @Test(
        "unreadable values are configuration errors naming the variable",
        arguments: [
            ("ACME_CLOUDNS_TTL", "sixty"), ("ACME_CLOUDNS_TTL", "-5"), ("ACME_CLOUDNS_PROPAGATION_TIMEOUT", "0"),
            ("ACME_CLOUDNS_POLL_INTERVAL", "fast"), ("ACME_CLOUDNS_DNS_SERVERS", "127.0.0.1:99999"),
            ("ACME_CLOUDNS_DNS_SERVERS", "[::1"),
        ])
    func invalid(variable: String, text: String) {
        #expect {
            try ACMEHookSettings.fromEnvironment([variable: text])
        } throws: { error in
            guard let error = error as? ACMEHookConfigurationError else { return false }
            return error.exitStatus == .configuration && error.message.hasPrefix(variable + ": ")
        }
    }
}
