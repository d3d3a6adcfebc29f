import InfraKit

/// The seam for checks that are not hosts: the Hetzner load balancer's target health, reported
/// in `FleetReport.checks` next to the hosts (table rows, `checks` in JSON, `infra_check_up`,
/// Nagios lines, and a failed check makes the run exit 1).
///
/// A no-op for now: the Hetzner Cloud client has not landed. When it does, this is the one place
/// to fill in: with `HCLOUD_TOKEN` set and a `load_balancer` in infra.yaml, ask the API for each
/// target's health and return one check per target (`lb/<name>/<target>`), failures included
/// as `.unknown` checks rather than thrown errors, within `timeout`. It runs concurrently with
/// the SSH probe, and only when the whole fleet is checked (no `--host` or `--role`).
enum LoadBalancerChecks {
    static func run(
        config: InfraConfig, environment: [String: String], timeout: Duration, trace: TraceSink
    ) async -> [CheckResult] {
        guard config.loadBalancer != nil else { return [] }
        if let token = environment["HCLOUD_TOKEN"], !token.isEmpty {
            trace("load balancer target health: not checked, the Hetzner Cloud client is not available yet")
        }
        return []
    }
}
