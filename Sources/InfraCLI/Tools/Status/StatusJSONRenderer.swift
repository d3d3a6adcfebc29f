import InfraKit

/// `--json`: the fleet report with stable snake_case keys, sorted, times in seconds (0.1 ms).
enum StatusJSONRenderer {
    static func render(_ report: FleetReport) -> String {
        let document = Document(
            hosts: report.hosts.map(rounded), checks: report.checks, loadBalancers: report.loadBalancers,
            summary: Summary(report))
        return (try? JSONOutput.encode(document)) ?? "{}\n"
    }

    private struct Document: Encodable {
        var hosts: [HostReport]
        var checks: [CheckResult]
        var loadBalancers: [LoadBalancerHealthReport]
        var summary: Summary

        enum CodingKeys: String, CodingKey {
            case hosts, checks, summary
            case loadBalancers = "load_balancers"
        }
    }

    private struct Summary: Encodable {
        var hosts: Int
        var states: [String: Int]
        var exitStatus: Int32

        init(_ report: FleetReport) {
            hosts = report.hosts.count
            states = Dictionary(grouping: report.hosts, by: \.state.rawValue).mapValues(\.count)
            exitStatus = StatusExit.status(for: report).rawValue
        }

        enum CodingKeys: String, CodingKey {
            case hosts, states
            case exitStatus = "exit_status"
        }
    }

    private static func rounded(_ host: HostReport) -> HostReport {
        var copy = host
        copy.sshSeconds = host.sshSeconds.map(round4)
        copy.probeSeconds = round4(host.probeSeconds)
        return copy
    }

    private static func round4(_ value: Double) -> Double {
        (value * 10_000).rounded() / 10_000
    }
}
