import Foundation

/// The DNS-01 hook's work, whatever ACME client called: publish TXT values at CloudNS and return
/// once they are served, remove exactly its own values, check the credentials.
///
/// One instance serves one run of the hook; it remembers zone lookups and listings for that run.
///
/// CloudNS calls for a `NAME` + `*.NAME` certificate (polls of `update-status` aside), when NAME
/// sits directly in an account zone: present costs one TXT listing (which also finds the zone)
/// and one `add-record` per value; certbot's cleanup one `delete-record` by the handed-over id,
/// any other cleanup one listing and one delete. certbot: 6, lego and dehydrated: 8, dehydrated
/// with HOOK_CHAIN: 6.
public final class ACMEChallengeHook: Sendable {
    private let client: CloudNSClient
    private let settings: ACMEHookSettings
    private let log: ACMEHookLog
    private let locator: ACMERecordLocator
    private let waiter: ACMEPropagationWaiter

    /// `systemResolvers` are the servers of /etc/resolv.conf (tests pass their own).
    public init(
        client: CloudNSClient, settings: ACMEHookSettings, resolver: any DNSLookup = DNSStubResolver(),
        systemResolvers: [DNSServerAddress] = ResolvConf.nameservers(), log: ACMEHookLog = .silent
    ) {
        self.client = client
        self.settings = settings
        self.log = log
        let cnameServers = settings.dnsServers.flatMap { $0.isEmpty ? nil : $0 } ?? systemResolvers
        locator = ACMERecordLocator(client: client, resolver: resolver, cnameServers: cnameServers, log: log)
        let servers = ACMEDNSServerSource(
            configured: settings.dnsServers, systemResolvers: systemResolvers, resolver: resolver, log: log)
        waiter = ACMEPropagationWaiter(client: client, resolver: resolver, servers: servers, settings: settings, log: log)
    }

    /// Publishes every challenge value next to whatever else is at its name, then waits until all
    /// are served (once for all of them). A value already there is not added again.
    ///
    /// `published` sees the records as soon as they exist, before the wait (certbot's hand-over
    /// must be printed even if the wait fails). When anything fails after a record was added, the
    /// records this run added are removed again, so a failed run leaves nothing behind.
    ///
    /// Cancelling the calling task (a tool's first SIGTERM, SIGINT or SIGHUP) does the same within
    /// a few seconds and then throws `CancellationError`: the records this run added are removed,
    /// and an `add-record` request still in flight is waited for briefly so that its record goes too.
    @discardableResult
    public func present(
        _ challenges: [ACMEChallenge], published: (@Sendable ([ACMEPublishedRecord]) -> Void)? = nil
    ) async throws -> ACMEServedReport {
        if let requested = settings.requestedTTL {
            log.step("TTL \(requested) is not one CloudNS accepts; using \(settings.ttl)")
        }
        var records: [ACMEPublishedRecord] = []
        var pending: ACMEPendingAdd?
        do {
            for challenge in challenges {
                let site = try await locator.site(forChallenge: challenge.recordName)
                if let existing = site.records(holding: challenge.value).first, let id = existing.id {
                    log.step("TXT \(site.name) already holds the value in zone \(site.recordZone) (id \(id))")
                    records.append(ACMEPublishedRecord(challenge: challenge, site: site, recordID: id, wasPresent: true))
                    continue
                }
                try Task.checkCancellation()  // no new record once interrupted
                let adding = ACMEPendingAdd(challenge, at: site, ttl: settings.ttl, client: client)
                pending = adding
                records.append(try await added(adding))
                pending = nil
            }
            published?(records)
            let report = try await waiter.waitUntilServed(records)
            // A signal that came as the wait ended still means: leave nothing behind.
            try Task.checkCancellation()
            let names = Self.distinct(records.map(\.site.name)).joined(separator: ", ")
            let servers = report.dnsServers.count
            log.step("\(names) served by \(servers)/\(servers) DNS server\(servers == 1 ? "" : "s") after \(secondsText(report.elapsed))")
            return report
        } catch {
            let withdrawal = ACMERecordWithdrawal(client: client, log: log)
            let added = records.filter { !$0.wasPresent }
            if Task.isCancelled {
                await withdrawal.afterInterruption(added, pending: pending)
                throw CancellationError()
            }
            await withdrawal.afterFailure(added, pending: pending)
            throw error
        }
    }

    /// Removes exactly the given values. With certbot's hand-over the record is deleted by id,
    /// without any lookup; otherwise every TXT record at the name holding the exact value goes.
    /// A value that is already gone is success.
    public func cleanup(_ challenges: [ACMEChallenge], handOver: ACMEHandOver? = nil) async throws {
        if let handOver, challenges.count == 1 {
            let name = challenges[0].recordName
            switch try await client.deleteRecord(id: handOver.recordID, in: handOver.zone) {
            case .deleted:
                log.step("removed TXT \(name) from zone \(handOver.zone) (id \(handOver.recordID))")
            case .alreadyGone:
                log.step("TXT \(name) (id \(handOver.recordID) in zone \(handOver.zone)) was already gone")
            }
            return
        }
        for challenge in challenges {
            let site = try await locator.site(forChallenge: challenge.recordName)
            let mine = site.records(holding: challenge.value)
            if mine.isEmpty {
                log.step("TXT \(site.name) holds no such value in zone \(site.recordZone): nothing to remove")
            }
            for record in mine {
                guard let id = record.id else { continue }
                let outcome = try await client.deleteRecord(id: id, in: site.recordZone)
                await locator.forget(recordID: id, at: site)
                log.step(
                    outcome == .deleted
                        ? "removed TXT \(site.name) from zone \(site.recordZone) (id \(id))"
                        : "TXT \(site.name) (id \(id) in zone \(site.recordZone)) was already gone")
            }
        }
    }

    /// Verifies the credentials (`login`) and returns the zones they can manage.
    public func check() async throws(CloudNSError) -> [CloudNSZone] {
        try await client.checkCredentials()
        return try await client.listZones()
    }

    /// The record `adding` added, once CloudNS answered; the wait (not the request) ends when the
    /// calling task is cancelled.
    private func added(_ adding: ACMEPendingAdd) async throws -> ACMEPublishedRecord {
        let site = adding.site
        let record = try await adding.request.valueUnlessCancelled()
        guard let id = record.id else {
            throw CloudNSError(.unexpectedAnswer, "CloudNS: add-record answered without a record id", exitStatus: .unavailable)
        }
        await locator.remember(record, at: site)
        let zone = site.zone == site.recordZone ? site.zone : "\(site.recordZone) (master of \(site.zone))"
        log.step("added TXT \(site.name) in zone \(zone) (id \(id))")
        return ACMEPublishedRecord(challenge: adding.challenge, site: site, recordID: id, wasPresent: false)
    }

    private static func distinct(_ names: [String]) -> [String] {
        var seen: [String] = []
        for name in names where !seen.contains(name) { seen.append(name) }
        return seen
    }
}
