import Foundation
import InfraKit
import Testing

@Suite("GitHub: alerts decoded into findings")
struct AlertDecodingTests {
    static func decode(_ kind: AlertKind, _ json: String, repository: String? = "acme/api") throws -> Finding {
        try AlertDecoding.finding(kind: kind, json: Array(json.utf8), repository: repository)
    }

    @Test func codeScanningKeepsRuleLocationToolAndMessage() throws {
        let finding = try Self.decode(.codeScanning, """
            {"number": 7, "state": "open", "created_at": "2024-01-01T00:00:00Z", "html_url": "https://github.com/acme/api/security/code-scanning/7",
             "rule": {"id": "js/sql-injection", "severity": "error", "security_severity_level": "high", "description": "SQL built from input"},
             "tool": {"name": "CodeQL"},
             "most_recent_instance": {"message": {"text": "This query depends on a user-provided value."},
                                      "location": {"path": "src/db.js", "start_line": 42}}}
            """)
        #expect(finding.kind == .codeScanning && finding.repository == "acme/api" && finding.number == 7)
        #expect(finding.severity == .high && finding.rawSeverity == "high")
        #expect(finding.rule == "js/sql-injection" && finding.tool == "CodeQL")
        #expect(finding.location == "src/db.js:42")
        #expect(finding.message == "This query depends on a user-provided value.")
        #expect(finding.created == Date(timeIntervalSince1970: 1_704_067_200))
    }

    @Test(arguments: [
        ("critical", "error", Severity.critical, "critical"), (nil, "error", .medium, "error"),
        (nil, "warning", .low, "warning"), (nil, "note", .low, "note"), (nil, nil, .low, nil),
    ] as [(String?, String?, Severity, String?)])
    func codeScanningSeverityUsesTheSecurityLevelElseTheSARIFLevel(
        _ security: String?, _ rule: String?, _ expected: Severity, _ raw: String?
    ) {
        let (severity, kept) = SeverityMapping.codeScanning(securitySeverity: security, ruleSeverity: rule)
        #expect(severity == expected && kept == raw)
    }

    @Test func dependabotKeepsAdvisoryPackageAndFix() throws {
        let finding = try Self.decode(.dependabot, """
            {"number": 3, "state": "open", "created_at": "2024-02-01T00:00:00Z", "html_url": "https://github.com/acme/api/security/dependabot/3",
             "dependency": {"package": {"ecosystem": "npm", "name": "lodash"}, "manifest_path": "package-lock.json"},
             "security_advisory": {"ghsa_id": "GHSA-xxxx-yyyy-zzzz", "cve_id": "CVE-2024-1", "summary": "Prototype pollution", "severity": "moderate"},
             "security_vulnerability": {"severity": "moderate", "first_patched_version": {"identifier": "4.17.21"}}}
            """)
        #expect(finding.severity == .medium && finding.rawSeverity == "moderate")
        #expect(finding.rule == "GHSA-xxxx-yyyy-zzzz" && finding.cve == "CVE-2024-1")
        #expect(finding.package == "lodash" && finding.ecosystem == "npm" && finding.fixedIn == "4.17.21")
        #expect(finding.location == "package-lock.json")
        #expect(finding.message == "Prototype pollution")
    }

    @Test func secretScanningIsCriticalAndNeverKeepsTheSecret() throws {
        let literal = "ghp_THEsecretLITERAL0123456789"
        let finding = try Self.decode(.secretScanning, """
            {"number": 1, "state": "open", "created_at": "2024-03-01T12:00:00.123Z", "html_url": "https://github.com/acme/api/security/secret-scanning/1",
             "secret_type": "github_personal_access_token", "secret_type_display_name": "GitHub Personal Access Token",
             "secret": "\(literal)", "validity": "active", "first_location_detected": {"path": ".env", "start_line": 3}}
            """)
        #expect(finding.severity == .critical && finding.rawSeverity == nil)
        #expect(finding.rule == "github_personal_access_token")
        #expect(finding.message == "GitHub Personal Access Token (active)")
        #expect(finding.location == ".env:3")
        #expect(!String(reflecting: finding).contains(literal))
    }

    @Test func organizationAlertsNameTheirRepository() throws {
        let finding = try Self.decode(
            .dependabot, #"{"number": 1, "created_at": "2024-01-01T00:00:00Z", "repository": {"full_name": "acme/web"}}"#,
            repository: nil)
        #expect(finding.repository == "acme/web")
        #expect(throws: AlertDecodingError.self) {
            try Self.decode(.dependabot, #"{"number": 1, "created_at": "2024-01-01T00:00:00Z"}"#, repository: nil)
        }
    }

    @Test func aMalformedAlertSaysWhereWithoutQuotingIt() {
        #expect(throws: AlertDecodingError(detail: "missing number")) {
            try Self.decode(.secretScanning, #"{"created_at": "2024-01-01T00:00:00Z", "secret": "s3cr3t"}"#)
        }
        #expect(throws: AlertDecodingError(detail: "unreadable value at created_at")) {
            try Self.decode(.codeScanning, #"{"number": 1, "created_at": "yesterday"}"#)
        }
    }

    @Test func triageOrderIsMostSevereThenOldest() {
        func finding(_ number: Int, _ severity: Severity, _ day: Double) -> Finding {
            Finding(
                kind: .dependabot, repository: "acme/api", number: number, severity: severity, rule: "", message: "", url: "",
                created: Date(timeIntervalSince1970: day * 86_400))
        }
        let sorted = [finding(1, .low, 1), finding(2, .critical, 5), finding(3, .high, 2), finding(4, .critical, 3)]
            .sorted(by: Finding.triageOrder)
        #expect(sorted.map(\.number) == [4, 2, 3, 1])
        #expect(finding(1, .low, 1).ageInDays(at: Date(timeIntervalSince1970: 10.5 * 86_400)) == 9)
    }
}
