/// A challenge value this run put (or found) at CloudNS.
public struct ACMEPublishedRecord: Sendable, Hashable {
    public var challenge: ACMEChallenge
    public var site: ACMERecordSite
    public var recordID: String
    /// True when the value was there already: nothing was added, so nothing is rolled back.
    public var wasPresent: Bool

    public var handOver: ACMEHandOver { ACMEHandOver(recordID: recordID, zone: site.recordZone) }
}

/// How a wait for propagation ended.
public struct ACMEServedReport: Sendable, Hashable {
    /// The DNS servers that now serve every value.
    public var dnsServers: [DNSServerAddress]
    /// How they were chosen (`ACME_CLOUDNS_DNS_SERVERS`, the zone's authoritative servers, …).
    public var dnsOrigin: String
    /// The CloudNS servers `update-status` listed, all updated.
    public var cloudNSServers: Int
    /// From the start of the wait to the last value seen.
    public var elapsed: Duration
}

/// Waits until published values are served: first CloudNS's `update-status` until every server
/// of each zone reports updated (polled every `ACME_CLOUDNS_POLL_INTERVAL`), then DNS, until
/// every chosen server answers with the exact value. Both phases share one deadline,
/// `ACME_CLOUDNS_PROPAGATION_TIMEOUT` after the wait starts.
///
/// DNS checks begin 100 ms apart and slow down to the poll interval: a DNS question costs the
/// authoritative servers next to nothing and is not rate-limited like the API, and the record
/// usually appears within moments of CloudNS reporting the zone updated.
struct ACMEPropagationWaiter {
    let client: CloudNSClient
    let resolver: any DNSLookup
    let servers: ACMEDNSServerSource
    let settings: ACMEHookSettings
    let log: ACMEHookLog

    private enum Observation: Sendable {
        case served
        case without([String])
        case failed(String)
    }

    func waitUntilServed(_ records: [ACMEPublishedRecord]) async throws -> ACMEServedReport {
        let clock = client.options.clock
        let started = clock.now()
        let deadline = started + settings.propagationTimeout
        var cloudNSServers = 0

        var zones: [String] = []
        for record in records where !zones.contains(record.site.recordZone) { zones.append(record.site.recordZone) }
        for zone in zones {
            let elapsed = started.duration(to: clock.now())
            let remaining = elapsed < settings.propagationTimeout ? settings.propagationTimeout - elapsed : .zero
            let statuses: [CloudNSServerStatus]
            do {
                statuses = try await client.waitUntilUpdated(zone, timeout: remaining, interval: settings.pollInterval) {
                    [log] statuses in
                    let updated = statuses.filter(\.isUpdated).count
                    log.trace("CloudNS update-status of \(zone): \(updated)/\(statuses.count) servers updated")
                }
            } catch {
                guard error.kind == .propagationTimeout else { throw error }
                throw notServed(records, detail: error.message + "; DNS not checked yet")
            }
            cloudNSServers += statuses.count
            log.step("CloudNS: zone \(zone) updated on \(statuses.count)/\(statuses.count) servers after \(secondsText(started.duration(to: clock.now())))")
        }

        var pending: [(record: ACMEPublishedRecord, server: DNSServerAddress)] = []
        var origins: [String] = []
        var allServers: [DNSServerAddress] = []
        for record in records {
            let choice = try await servers.servers(for: record.site.zone)
            if !origins.contains(choice.origin) { origins.append(choice.origin) }
            for server in choice.servers {
                pending.append((record, server))
                if !allServers.contains(server) { allServers.append(server) }
            }
        }
        var served: [String] = []
        var last: [String: Observation] = [:]
        var pause: Duration = .milliseconds(100)
        while true {
            let observations = await observe(pending)
            var stillPending: [(record: ACMEPublishedRecord, server: DNSServerAddress)] = []
            for (index, item) in pending.enumerated() {
                let key = "\(item.record.site.name) at \(item.server)"
                switch observations[index] {
                case .served:
                    served.append(key)
                    log.trace("DNS \(item.server): \(item.record.site.name) serves \"\(item.record.challenge.value)\" after \(secondsText(started.duration(to: clock.now())))")
                case let other:
                    last[key] = other
                    stillPending.append(item)
                }
            }
            pending = stillPending
            if pending.isEmpty {
                return ACMEServedReport(
                    dnsServers: allServers, dnsOrigin: origins.joined(separator: ", "), cloudNSServers: cloudNSServers,
                    elapsed: started.duration(to: clock.now()))
            }
            let now = clock.now()
            guard now < deadline else {
                let missing = pending.map { item -> String in
                    let key = "\(item.record.site.name) at \(item.server)"
                    switch last[key] {
                    case .without(let values) where values.isEmpty: return "\(key): no TXT value"
                    case .without(let values): return "\(key): only \(values.count) other value\(values.count == 1 ? "" : "s")"
                    case .failed(let reason): return "\(key): \(reason)"
                    default: return key
                    }
                }
                let seen = served.isEmpty ? "" : "; seen: \(served.joined(separator: ", "))"
                throw notServed(
                    records, detail: "CloudNS reports every server updated; not seen: \(missing.joined(separator: "; "))\(seen)")
            }
            do {
                try await clock.sleep(min(pause, now.duration(to: deadline)))
            } catch {
                throw ACMEHookError(.notServed, "waiting for the records to be served was cancelled", exitStatus: .temporaryFailure)
            }
            pause = min(pause * 2, settings.pollInterval)
        }
    }

    private func observe(_ items: [(record: ACMEPublishedRecord, server: DNSServerAddress)]) async -> [Observation] {
        await withTaskGroup(of: (Int, Observation).self) { group in
            for (index, item) in items.enumerated() {
                group.addTask { [resolver] in
                    do throws(DNSLookupError) {
                        let values = try await resolver.txtValues(at: item.record.site.name, server: item.server)
                        return (index, values.contains(item.record.challenge.value) ? .served : .without(values))
                    } catch {
                        return (index, .failed(error.message.hasPrefix("\(item.server): ")
                            ? String(error.message.dropFirst("\(item.server): ".count)) : error.message))
                    }
                }
            }
            var results = [Observation](repeating: .failed("not asked"), count: items.count)
            for await (index, observation) in group { results[index] = observation }
            return results
        }
    }

    private func notServed(_ records: [ACMEPublishedRecord], detail: String) -> ACMEHookError {
        let names = records.map { "\($0.site.name) TXT \"\($0.challenge.value)\"" }.joined(separator: ", ")
        return ACMEHookError(
            .notServed, "\(names) not served within \(secondsText(settings.propagationTimeout)): \(detail)",
            exitStatus: .failure)
    }
}
