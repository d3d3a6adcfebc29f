import Foundation
import InfraKit
import Testing

@testable import InfraCLI

/// infra-monitor's table, JSON and CSV from a fixed report.
@Suite("infra-monitor: output")
struct MonitorOutputTests {
    static let day: TimeInterval = 86_400
    static let now = Date(timeIntervalSince1970: 100 * day)

    static func finding(
        _ kind: AlertKind, _ repository: String, _ number: Int, _ severity: Severity, daysOld: Double, rule: String = "r",
        message: String = "m", path: String? = nil, line: Int? = nil, package: String? = nil
    ) -> Finding {
        Finding(
            kind: kind, repository: repository, number: number, severity: severity, rawSeverity: severity.rawValue, rule: rule,
            package: package, ecosystem: package == nil ? nil : "npm", fixedIn: package == nil ? nil : "2.0.0", path: path,
            line: line, message: message, url: "https://github.com/\(repository)/security/\(number)",
            created: Date(timeIntervalSince1970: (100 - daysOld) * day))
    }

    static let web = AlertScope.repository(RepositoryName("acme/web")!)
    static let api = AlertScope.repository(RepositoryName("acme/api")!)

    static let output = MonitorOutput(
        findings: [
            finding(.secretScanning, "acme/web", 1, .critical, daysOld: 3, rule: "npm_access_token", message: "npm Access Token", path: ".env", line: 3),
            finding(.dependabot, "acme/api", 4, .high, daysOld: 40, rule: "GHSA-1", message: "Prototype pollution", package: "lodash"),
            finding(.codeScanning, "acme/api", 9, .low, daysOld: 2, rule: "js/x", message: "Say \"hi\", twice", path: "a.js", line: 1),
        ],
        coverage: [
            CoverageEntry(scope: web, kind: .codeScanning, status: .disabled, detail: "Advanced Security must be enabled"),
            CoverageEntry(scope: web, kind: .dependabot, status: .ok),
            CoverageEntry(scope: web, kind: .secretScanning, status: .ok, findings: 1),
            CoverageEntry(scope: api, kind: .codeScanning, status: .ok, findings: 1),
            CoverageEntry(scope: api, kind: .dependabot, status: .ok, findings: 1),
            CoverageEntry(scope: api, kind: .secretScanning, status: .noAccess, detail: "Resource not accessible by integration"),
        ],
        kinds: AlertKind.allCases, hidden: 2, now: now)

    @Test func tableGroupsByRepositoryThenCoverageThenSummary() {
        #expect(Self.output.table(maxWidth: nil) == """
            acme/api: 2 findings
              SEVERITY  KIND             AGE  RULE              WHERE         MESSAGE
              high      dependabot       40d  GHSA-1            lodash (npm)  Prototype pollution; fixed in 2.0.0
              low       code-scanning     2d  js/x              a.js:1        Say "hi", twice

            acme/web: 1 finding
              SEVERITY  KIND             AGE  RULE              WHERE         MESSAGE
              critical  secret-scanning   3d  npm_access_token  .env:3        npm Access Token

            COVERAGE  CODE-SCANNING  DEPENDABOT  SECRET-SCANNING
            acme/web  disabled       ok          ok
            acme/api  ok             ok          no access
              acme/web code-scanning: Advanced Security must be enabled
              acme/api secret-scanning: Resource not accessible by integration

            3 findings: 1 critical, 1 high, 0 medium, 1 low; 2 less severe not shown

            """)
    }

    @Test func csvQuotesWhatNeedsQuoting() {
        let lines = Self.output.csv.components(separatedBy: "\r\n")
        #expect(lines[0] == MonitorOutput.csvColumns.joined(separator: ","))
        #expect(lines[1] == "secret-scanning,acme/web,1,critical,critical,npm_access_token,,,,,.env:3,,npm Access Token,https://github.com/acme/web/security/1,1970-04-08T00:00:00Z,3")
        #expect(lines[3].contains(#","Say ""hi"", twice","#))
        #expect(lines.count == 5 && lines[4].isEmpty)
    }

    @Test func jsonHasEveryKeyOfEveryFindingAndTheCoverage() throws {
        let text = try JSONOutput.encode(Self.output.json)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect(findings.count == 3)
        #expect(Set(findings[0].keys) == [
            "source", "repo", "number", "severity", "raw_severity", "rule", "cve", "package", "ecosystem", "fixed_in", "path",
            "line", "location", "tool", "message", "url", "created", "age_days",
        ])
        #expect(findings[1]["package"] as? String == "lodash" && findings[1]["age_days"] as? Int == 40)
        #expect(findings[0]["created"] as? String == "1970-04-08T00:00:00Z")
        let coverage = try #require(object["coverage"] as? [[String: Any]])
        #expect(coverage.count == 6)
        #expect(coverage[5]["status"] as? String == "no-access" && coverage[5]["scope"] as? String == "repository")
        let summary = try #require(object["summary"] as? [String: Int])
        #expect(summary == ["total": 3, "critical": 1, "high": 1, "medium": 0, "low": 1, "not_shown": 2])
    }

    @Test func noFindingsSaysSo() {
        let empty = MonitorOutput(findings: [], coverage: [], kinds: [.dependabot], hidden: 0, now: Self.now)
        #expect(empty.table(maxWidth: nil).hasPrefix("No open findings.\n"))
        #expect(empty.table(maxWidth: nil).hasSuffix("0 findings: 0 critical, 0 high, 0 medium, 0 low\n"))
    }

    @Test func jsonAndAnotherFormatAreAUsageError() async {
        let result = await runInProcess(MonitorTool.spec, ["--repo", "acme/api", "--json", "--format", "csv"])
        #expect(result.status == .usage)
        #expect(result.stderr.contains("--json and --format csv ask for different outputs"))
    }
}
