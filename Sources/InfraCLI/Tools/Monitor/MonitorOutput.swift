import Foundation
import InfraKit

/// The report as people read it: findings grouped by repository, the coverage of each repository
/// and kind, and a summary line. ``json`` and ``csv`` give the same data to programs.
struct MonitorOutput {
    /// The findings to show, in triage order.
    let findings: [Finding]
    let coverage: [CoverageEntry]
    /// The kinds that were read: the coverage table's columns.
    let kinds: [AlertKind]
    /// Findings left out by `--severity`.
    let hidden: Int
    /// Ages are counted up to this instant.
    let now: Date

    func table(maxWidth: Int?) -> String {
        var text = findings.isEmpty ? "No open findings.\n" : findingsTable(maxWidth: maxWidth)
        text += "\n" + coverageTable(maxWidth: maxWidth)
        return text + "\n" + summary + "\n"
    }

    /// `12 findings: 2 critical, 3 high, 5 medium, 2 low`, and how many `--severity` left out.
    var summary: String {
        let counts = Severity.descending.map { severity in "\(findings.count { $0.severity == severity }) \(severity.rawValue)" }
        var line = "\(findings.count) finding\(findings.count == 1 ? "" : "s"): " + counts.joined(separator: ", ")
        if hidden > 0 { line += "; \(hidden) less severe not shown" }
        return line
    }

    /// One table, so columns line up across repositories, cut into a block per repository under a
    /// heading; repositories in alphabetical order, findings in triage order within each.
    private func findingsTable(maxWidth: Int?) -> String {
        let groups = Dictionary(grouping: findings, by: \.repository).sorted { $0.key.lowercased() < $1.key.lowercased() }
        var table = TextTable(
            headers: ["SEVERITY", "KIND", "AGE", "RULE", "WHERE", "MESSAGE"],
            alignments: [.left, .left, .right])
        for (_, group) in groups {
            for finding in group {
                table.append([
                    finding.severity.rawValue, finding.kind.rawValue, "\(finding.ageInDays(at: now))d", finding.rule,
                    Self.place(finding), Self.message(finding),
                ])
            }
        }
        let lines = table.render(maxWidth: maxWidth.map { $0 - 2 }).split(separator: "\n", omittingEmptySubsequences: false)
        var text = ""
        var row = 1
        for (index, (repository, group)) in groups.enumerated() {
            if index > 0 { text += "\n" }
            text += "\(repository): \(group.count) finding\(group.count == 1 ? "" : "s")\n"
            text += "  \(lines[0])\n"
            for line in lines[row..<(row + group.count)] { text += "  \(line)\n" }
            row += group.count
        }
        return text
    }

    /// Repositories (and organisations) down, kinds across; the reasons for every cell that is not
    /// ok follow, GitHub's own words.
    private func coverageTable(maxWidth: Int?) -> String {
        var scopes: [AlertScope] = []
        for entry in coverage where !scopes.contains(entry.scope) { scopes.append(entry.scope) }
        var table = TextTable(headers: ["COVERAGE"] + kinds.map { $0.rawValue.uppercased() })
        for scope in scopes {
            let cells = kinds.map { kind in
                coverage.first { $0.scope == scope && $0.kind == kind }?.status.label ?? "-"
            }
            table.append([scope.description] + cells)
        }
        var text = table.render(maxWidth: maxWidth)
        for entry in coverage where entry.status != .ok {
            text += "  \(entry.scope.name) \(entry.kind.rawValue): \(entry.detail ?? entry.status.label)\n"
        }
        return text
    }

    /// The package for Dependabot, else the file and line.
    static func place(_ finding: Finding) -> String {
        if let package = finding.package {
            return finding.ecosystem.map { "\(package) (\($0))" } ?? package
        }
        return finding.location ?? ""
    }

    static func message(_ finding: Finding) -> String {
        guard let fixedIn = finding.fixedIn else { return finding.message }
        return "\(finding.message); fixed in \(fixedIn)"
    }
}
