import Foundation
import InfraKit

/// `--json` and `--format csv`: every field of every finding, keys and columns always present
/// (null or empty when a kind has no such field).
extension MonitorOutput {
    var json: ReportJSON {
        ReportJSON(
            findings: findings.map { FindingJSON(finding: $0, ageDays: $0.ageInDays(at: now)) },
            coverage: coverage.map(CoverageJSON.init),
            summary: SummaryJSON(findings: findings, notShown: hidden))
    }

    static let csvColumns = [
        "source", "repo", "number", "severity", "raw_severity", "rule", "cve", "package", "ecosystem", "fixed_in",
        "location", "tool", "message", "url", "created", "age_days",
    ]

    /// RFC 4180: a header line, then one line per finding, CRLF line ends.
    var csv: String {
        var lines = [Self.csvColumns.joined(separator: ",")]
        for finding in findings {
            let fields: [String] = [
                finding.kind.rawValue, finding.repository, String(finding.number), finding.severity.rawValue,
                finding.rawSeverity ?? "", finding.rule, finding.cve ?? "", finding.package ?? "", finding.ecosystem ?? "",
                finding.fixedIn ?? "", finding.location ?? "", finding.tool ?? "", finding.message, finding.url,
                finding.created.formatted(.iso8601), String(finding.ageInDays(at: now)),
            ]
            lines.append(fields.map(Self.csvField).joined(separator: ","))
        }
        return lines.map { $0 + "\r\n" }.joined()
    }

    private static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacing("\"", with: "\"\"") + "\""
    }
}

struct ReportJSON: Encodable {
    let findings: [FindingJSON]
    let coverage: [CoverageJSON]
    let summary: SummaryJSON
}

struct FindingJSON: Encodable {
    let finding: Finding
    let ageDays: Int

    enum CodingKeys: String, CodingKey {
        case source, repo, number, severity, rule, cve, package, ecosystem, path, line, location, tool, message, url, created
        case rawSeverity = "raw_severity"
        case fixedIn = "fixed_in"
        case ageDays = "age_days"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(finding.kind.rawValue, forKey: .source)
        try container.encode(finding.repository, forKey: .repo)
        try container.encode(finding.number, forKey: .number)
        try container.encode(finding.severity.rawValue, forKey: .severity)
        try container.encode(finding.rawSeverity, forKey: .rawSeverity)
        try container.encode(finding.rule, forKey: .rule)
        try container.encode(finding.cve, forKey: .cve)
        try container.encode(finding.package, forKey: .package)
        try container.encode(finding.ecosystem, forKey: .ecosystem)
        try container.encode(finding.fixedIn, forKey: .fixedIn)
        try container.encode(finding.path, forKey: .path)
        try container.encode(finding.line, forKey: .line)
        try container.encode(finding.location, forKey: .location)
        try container.encode(finding.tool, forKey: .tool)
        try container.encode(finding.message, forKey: .message)
        try container.encode(finding.url, forKey: .url)
        try container.encode(finding.created, forKey: .created)
        try container.encode(ageDays, forKey: .ageDays)
    }
}

struct CoverageJSON: Encodable {
    let target: String
    let scope: String
    let kind: String
    let status: String
    let detail: String?
    let findings: Int

    init(_ entry: CoverageEntry) {
        target = entry.scope.name
        scope = if case .organization = entry.scope { "organization" } else { "repository" }
        kind = entry.kind.rawValue
        status = entry.status.rawValue
        detail = entry.detail
        findings = entry.findings
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(target, forKey: .target)
        try container.encode(scope, forKey: .scope)
        try container.encode(kind, forKey: .kind)
        try container.encode(status, forKey: .status)
        try container.encode(detail, forKey: .detail)
        try container.encode(findings, forKey: .findings)
    }

    enum CodingKeys: String, CodingKey { case target, scope, kind, status, detail, findings }
}

struct SummaryJSON: Encodable {
    let total: Int
    let critical: Int
    let high: Int
    let medium: Int
    let low: Int
    let notShown: Int

    init(findings: [Finding], notShown: Int) {
        total = findings.count
        critical = findings.count { $0.severity == .critical }
        high = findings.count { $0.severity == .high }
        medium = findings.count { $0.severity == .medium }
        low = findings.count { $0.severity == .low }
        self.notShown = notShown
    }

    enum CodingKeys: String, CodingKey {
        case total, critical, high, medium, low
        case notShown = "not_shown"
    }
}
