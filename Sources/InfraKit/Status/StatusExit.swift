/// The default exit status of a status run.
public enum StatusExit {
    /// 0 when every host and check is healthy (or there is nothing to check); 69 when no host
    /// answered at all (every host unreachable or timed out); 77 when the only failures are
    /// host-key or authentication ones (a key mismatch, a host not in known_hosts, a refused
    /// login) and everything else is healthy; else 1 — including a mix of causes, such as one
    /// host refusing the key while another is down, or any unhealthy load balancer check.
    public static func status(for report: FleetReport) -> ExitStatus {
        let states = report.hosts.map(\.state)
        if !states.isEmpty && states.allSatisfy(notAnswering.contains) { return .unavailable }
        let failing = states.filter { $0 != .ok }
        let checksHealthy = report.checks.allSatisfy { $0.state == .up }
        if failing.isEmpty && checksHealthy { return .success }
        if !failing.isEmpty && checksHealthy && failing.allSatisfy(refusedAccess.contains) { return .noPermission }
        return .failure
    }

    private static let notAnswering: Set<HostState> = [.unreachable, .timeout]
    private static let refusedAccess: Set<HostState> = [.hostKeyMismatch, .unknownHost, .authFailed]
}
