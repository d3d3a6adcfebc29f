import Foundation
import InfraKit

/// `--nagios`: one status line with perfdata, then one line per host that is not ok.
enum NagiosRenderer {
    /// OK when everything is healthy, WARNING when the worst is a degradation, CRITICAL when a
    /// service is down or a host failed in any way, UNKNOWN when there was nothing to check.
    static func status(for report: FleetReport) -> NagiosStatus {
        if report.hosts.isEmpty && report.checks.isEmpty { return .unknown }
        let hostStates = Set(report.hosts.map(\.state))
        let checkStates = Set(report.checks.map(\.state))
        if !hostStates.subtracting([.ok, .degraded]).isEmpty || checkStates.contains(.down) { return .critical }
        if hostStates.contains(.degraded) || !checkStates.subtracting([.up]).isEmpty { return .warning }
        return .ok
    }

    static func render(_ report: FleetReport) -> (status: NagiosStatus, text: String) {
        let status = status(for: report)
        let total = report.hosts.count
        let counts = Dictionary(grouping: report.hosts, by: \.state).mapValues(\.count)
        let summary = HostState.allCases.compactMap { state in counts[state].map { "\($0) \(state.label)" } }
        var headline = "INFRA-STATUS \(status.label) - \(total) host\(total == 1 ? "" : "s")"
        if !summary.isEmpty { headline += ": " + summary.joined(separator: ", ") }
        let failed = total - (counts[.ok] ?? 0) - (counts[.degraded] ?? 0)
        var perfdata = [
            "hosts=\(total);;;0",
            "hosts_ok=\(counts[.ok] ?? 0);;;0;\(total)",
            "hosts_degraded=\(counts[.degraded] ?? 0);;;0;\(total)",
            "hosts_failed=\(failed);;;0;\(total)",
        ]
        for host in report.hosts {
            let value = host.sshSeconds.map { String(Int(($0 * 1_000_000).rounded())) + "us" } ?? "U"
            perfdata.append("\(label(host.name + "_ssh"))=\(value);;;0")
        }
        var lines = [headline + " | " + perfdata.joined(separator: " ")]
        for host in report.hosts where host.state != .ok {
            lines.append("\(host.name): \(host.state.label) - \(host.detail ?? "")")
        }
        for check in report.checks where check.state != .up {
            lines.append("\(check.name): \(check.state.rawValue) - \(check.detail)")
        }
        return (status, lines.joined(separator: "\n") + "\n")
    }

    /// A perfdata label, quoted when it holds spaces or quotes (a quote doubled), `=` replaced.
    static func label(_ name: String) -> String {
        let cleaned = name.replacingOccurrences(of: "=", with: "_")
        guard cleaned.contains(where: { $0 == " " || $0 == "'" }) else { return cleaned }
        return "'" + cleaned.replacingOccurrences(of: "'", with: "''") + "'"
    }
}
