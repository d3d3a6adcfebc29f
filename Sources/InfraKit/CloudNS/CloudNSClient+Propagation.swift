/// Time as a propagation wait sees it; tests swap in a virtual clock.
public struct PollingClock: Sendable {
    public var now: @Sendable () -> ContinuousClock.Instant
    public var sleep: @Sendable (Duration) async throws -> Void

    public init(
        now: @escaping @Sendable () -> ContinuousClock.Instant,
        sleep: @escaping @Sendable (Duration) async throws -> Void
    ) {
        self.now = now
        self.sleep = sleep
    }

    /// The real clock; sleeping ends early, throwing, when the task is cancelled.
    public static let continuous = PollingClock(now: { .now }, sleep: { try await Task.sleep(for: $0) })
}

/// Waiting until every CloudNS server serves a zone's latest version.
extension CloudNSClient {
    /// `update-status`: each CloudNS server of the zone and whether it has the latest version.
    public func updateStatus(of zone: String) async throws(CloudNSError) -> [CloudNSServerStatus] {
        let zone = DNSName.zone(zone)
        let body = try await call("update-status", ["domain-name": zone], zone: zone, repeatable: true)
        return try decode([CloudNSWire.ServerStatus].self, from: body, method: "update-status").map {
            CloudNSServerStatus(server: $0.server, ipv4: $0.ip4, ipv6: $0.ip6, isUpdated: $0.updated)
        }
    }

    /// Polls `update-status` every `interval` until every server reports the zone updated, and
    /// returns their last report. An empty list of servers proves nothing and counts as not yet.
    /// `progress` sees each report.
    ///
    /// Throws `propagationTimeout` (exit 1) once `timeout` has passed, naming the servers still
    /// behind; cancelling the task ends the wait at once.
    public func waitUntilUpdated(
        _ zone: String, timeout: Duration, interval: Duration,
        progress: (@Sendable ([CloudNSServerStatus]) -> Void)? = nil
    ) async throws(CloudNSError) -> [CloudNSServerStatus] {
        let zone = DNSName.zone(zone)
        let clock = options.clock
        let start = clock.now()
        while true {
            let servers = try await updateStatus(of: zone)
            progress?(servers)
            if !servers.isEmpty && servers.allSatisfy(\.isUpdated) { return servers }
            let waited = clock.now() - start
            guard waited < timeout else {
                let behind = servers.filter { !$0.isUpdated }.map(\.server)
                let state =
                    servers.isEmpty
                    ? "CloudNS listed no servers"
                    : "\(servers.count - behind.count) of \(servers.count) servers updated; waiting for \(behind.joined(separator: ", "))"
                throw CloudNSError(
                    .propagationTimeout,
                    "CloudNS: zone \(zone) was not updated on every server within \(APIError.format(timeout)) (\(state))",
                    exitStatus: .failure)
            }
            do {
                try await clock.sleep(min(interval, timeout - waited))
            } catch {
                throw CloudNSError(.service, "CloudNS: waiting for zone \(zone) to update was cancelled", exitStatus: .temporaryFailure)
            }
        }
    }
}
