import Foundation
import InfraKit

/// `--format prometheus`: node_exporter textfile-collector metrics (text exposition format,
/// no timestamps, HELP and TYPE once per metric, label values escaped).
enum PrometheusTextfileRenderer {
    static func render(_ report: FleetReport, generatedAt date: Date) -> String {
        var out = MetricWriter()
        out.metric("infra_host_up", "1 when the probe ran on the host over SSH, else 0.")
        for host in report.hosts {
            out.sample(["host": host.name, "address": host.address, "role": host.role ?? ""], host.state.answered ? 1 : 0)
        }
        out.metric("infra_host_state", "The host's state: one series per state, 1 for the current one.")
        for host in report.hosts {
            for state in HostState.allCases {
                out.sample(["host": host.name, "state": state.rawValue], host.state == state ? 1 : 0)
            }
        }
        out.metric("infra_ssh_seconds", "Seconds to connect, complete the SSH handshake, check the host key and log in.")
        for host in report.hosts {
            if let seconds = host.sshSeconds { out.sample(["host": host.name], seconds) }
        }
        out.metric("infra_probe_seconds", "Seconds the whole probe of the host took.")
        for host in report.hosts { out.sample(["host": host.name], host.probeSeconds) }
        out.metric("infra_service_up", "1 when the service answers (up or degraded), else 0 (down or not checked).")
        for host in report.hosts {
            for service in host.services {
                let answering = service.state == .up || service.state == .degraded
                out.sample(["host": host.name, "service": service.name], answering ? 1 : 0)
            }
        }
        out.metric("infra_service_state", "The service's state: one series per state, 1 for the current one.")
        for host in report.hosts {
            for service in host.services {
                for state in ServiceState.allCases {
                    out.sample(["host": host.name, "service": service.name, "state": state.rawValue], service.state == state ? 1 : 0)
                }
            }
        }
        let galera = report.hosts.filter { $0.galeraClusterSize != nil }
        if !galera.isEmpty {
            out.metric("infra_galera_cluster_size", "wsrep_cluster_size as the node reports it.")
            for host in galera { out.sample(["host": host.name], Double(host.galeraClusterSize ?? 0)) }
        }
        if !report.checks.isEmpty {
            out.metric("infra_check_up", "1 when the external check (load balancer target, …) is up or degraded, else 0.")
            for check in report.checks {
                out.sample(["check": check.name], check.state == .up || check.state == .degraded ? 1 : 0)
            }
        }
        let targets = report.loadBalancers.flatMap { lb in lb.targets.map { (lb.name, $0) } }
        if !targets.isEmpty {
            out.metric("infra_lb_target_healthy", "1 when the load balancer finds the target healthy on the listen port, else 0.")
            for (lb, target) in targets {
                for port in target.ports {
                    out.sample(["lb": lb, "target": target.name, "port": String(port.listenPort)], port.status == "healthy" ? 1 : 0)
                }
            }
        }
        if !report.loadBalancers.isEmpty {
            out.metric("infra_lb_health_read", "1 when the target health of the load balancer could be read from the API, else 0.")
            for lb in report.loadBalancers { out.sample(["lb": lb.name], lb.error == nil ? 1 : 0) }
        }
        out.metric("infra_status_last_run_timestamp_seconds", "When this file was written, in Unix seconds.")
        out.sample([:], date.timeIntervalSince1970.rounded())
        return out.text
    }

    /// `\`, `"` and newline escaped, as the exposition format requires for label values.
    static func escapeLabel(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }

    private struct MetricWriter {
        var text = ""
        private var name = ""

        mutating func metric(_ name: String, _ help: String) {
            self.name = name
            text += "# HELP \(name) \(help)\n# TYPE \(name) gauge\n"
        }

        mutating func sample(_ labels: KeyValuePairs<String, String>, _ value: Double) {
            let rendered = labels.map { "\($0.key)=\"\(escapeLabel($0.value))\"" }.joined(separator: ",")
            text += name + (rendered.isEmpty ? "" : "{\(rendered)}") + " " + format(value) + "\n"
        }

        private func format(_ value: Double) -> String {
            if value == value.rounded() && abs(value) < 1e15 { return String(Int64(value)) }
            return String(format: "%.6f", value)
        }
    }
}
