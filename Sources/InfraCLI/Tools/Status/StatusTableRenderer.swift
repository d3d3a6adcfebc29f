import InfraKit

/// The human table: one line per host, then its services indented beneath it.
enum StatusTableRenderer {
    static func render(_ report: FleetReport, color: Bool) -> String {
        var table = TextTable(headers: ["HOST", "IP", "ROLE", "SSH", "OS", "DOCKER", "STATE"])
        for host in report.hosts {
            let row = [
                host.name, host.address, host.role ?? "-", milliseconds(host.sshSeconds),
                host.operatingSystem ?? "-", host.dockerVersion ?? "-", host.state.label,
            ]
            table.append(row, styles: [nil, nil, nil, nil, nil, nil, style(host.state)])
        }
        let rows = table.lines(color: color)
        let serviceWidth = report.hosts.flatMap(\.services).map(\.name.count).max() ?? 0
        var lines = [rows[0]]
        for (host, row) in zip(report.hosts, rows.dropFirst()) {
            lines.append(row)
            if let detail = host.detail, !host.state.answered || host.state == .timeout {
                lines.append("    " + paint("! " + detail, style(host.state), color))
            }
            for service in host.services {
                let state = service.state.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)
                let name = service.name.padding(toLength: serviceWidth, withPad: " ", startingAt: 0)
                lines.append("    \(name)  \(paint(state, style(service.state), color))  \(service.detail)")
            }
        }
        for check in report.checks {
            let state = paint(check.state.rawValue, style(check.state), color)
            lines.append("check \(check.name)  \(state)  \(check.detail)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func style(_ state: HostState) -> TextTable.CellStyle {
        switch state {
        case .ok: TextTable.CellStyle(.green)
        case .degraded: TextTable.CellStyle(.yellow)
        default: TextTable.CellStyle(.red, bold: true)
        }
    }

    static func style(_ state: ServiceState) -> TextTable.CellStyle {
        switch state {
        case .up: TextTable.CellStyle(.green)
        case .degraded: TextTable.CellStyle(.yellow)
        case .down: TextTable.CellStyle(.red, bold: true)
        case .unknown: TextTable.CellStyle(.dim)
        }
    }

    private static func paint(_ text: String, _ style: TextTable.CellStyle, _ color: Bool) -> String {
        color ? style.apply(to: text) : text
    }

    static func milliseconds(_ seconds: Double?) -> String {
        guard let seconds else { return "-" }
        return "\(Int((seconds * 1000).rounded())) ms"
    }
}
