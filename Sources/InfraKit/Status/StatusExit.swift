/// The default exit status of a status run.
public enum StatusExit {
    /// 77 when a host refused us for security reasons (host key mismatch first of all, then an
    /// unknown host or failed authentication), else 69 when a host is unreachable or timed out,
    /// else 1 when something is degraded or down, else 0.
    public static func status(for report: FleetReport) -> ExitStatus {
        let states = Set(report.hosts.map(\.state))
        if !states.isDisjoint(with: [.hostKeyMismatch, .unknownHost, .authFailed]) { return .noPermission }
        if !states.isDisjoint(with: [.unreachable, .timeout]) { return .unavailable }
        if !states.isDisjoint(with: [.degraded, .serviceDown]) { return .failure }
        if report.checks.contains(where: { $0.state != .up }) { return .failure }
        return .success
    }
}
