/// The human table: one line per host, then its services indented beneath it.
public enum StatusTableRenderer {
    public static func render(_ report: FleetReport, colour: Bool) -> String {
        let header = ["HOST", "IP", "ROLE", "SSH", "OS", "DOCKER", "STATE"]
        let rows = report.hosts.map { host in
            [host.name, host.address, host.role ?? "-", milliseconds(host.sshSeconds),
             host.operatingSystem ?? "-", host.dockerVersion ?? "-", host.state.label]
        }
        let widths = header.indices.map { column in
            ([header] + rows).map { $0[column].count }.max() ?? 0
        }
        let serviceWidth = report.hosts.flatMap(\.services).map(\.name.count).max() ?? 0
        var lines = [pad(header, widths).joined(separator: "  ").trimmingTrailingSpaces()]
        for (host, row) in zip(report.hosts, rows) {
            var cells = pad(row, widths)
            cells[cells.count - 1] = paint(cells[cells.count - 1], tone(host.state), colour)
            lines.append(cells.joined(separator: "  ").trimmingTrailingSpaces())
            if let detail = host.detail, !host.state.answered || host.state == .timeout {
                lines.append("    " + paint("! " + detail, tone(host.state), colour))
            }
            for service in host.services {
                let state = service.state.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)
                let name = service.name.padding(toLength: serviceWidth, withPad: " ", startingAt: 0)
                lines.append("    \(name)  \(paint(state, tone(service.state), colour))  \(service.detail)")
            }
        }
        for check in report.checks {
            let state = paint(check.state.rawValue, tone(check.state), colour)
            lines.append("check \(check.name)  \(state)  \(check.detail)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    enum Tone { case good, warning, bad, muted }

    static func tone(_ state: HostState) -> Tone {
        switch state {
        case .ok: .good
        case .degraded: .warning
        default: .bad
        }
    }

    static func tone(_ state: ServiceState) -> Tone {
        switch state {
        case .up: .good
        case .degraded: .warning
        case .down: .bad
        case .unknown: .muted
        }
    }

    private static func paint(_ text: String, _ tone: Tone, _ colour: Bool) -> String {
        guard colour else { return text }
        let code = switch tone {
        case .good: "32"
        case .warning: "33"
        case .bad: "1;31"
        case .muted: "2"
        }
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }

    private static func pad(_ cells: [String], _ widths: [Int]) -> [String] {
        zip(cells, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }
    }

    static func milliseconds(_ seconds: Double?) -> String {
        guard let seconds else { return "-" }
        return "\(Int((seconds * 1000).rounded())) ms"
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
