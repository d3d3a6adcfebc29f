/// Where a challenge record lives at CloudNS, and the TXT values already there.
public struct ACMERecordSite: Sendable, Hashable {
    /// The name the record goes to: the challenge name, or the end of its CNAME chain.
    public var name: String
    /// The account's zone holding `name` (the longest match: sub-zones win).
    public var zone: String
    /// The zone whose records are edited: `zone`, or its master when `zone` is a cloud zone.
    public var recordZone: String
    /// `name` relative to `zone` (`""` at the apex).
    public var host: String
    /// The TXT records at `host`, as listed once and kept up to date by this run's changes.
    public var records: [DNSRecord]

    /// The records holding exactly `value` (TXT values are case-sensitive).
    public func records(holding value: String) -> [DNSRecord] {
        records.filter { $0.value == value }
    }
}

/// Finds where challenge records go, with as few CloudNS calls as it can, remembering every
/// answer for the rest of the run (dehydrated's chained calls ask about one name twice):
///
/// - **CNAMEs first.** When `_acme-challenge.NAME` is a CNAME (delegated validation), the record
///   goes to the end of the chain. The DNS servers asked are `ACME_CLOUDNS_DNS_SERVERS`, else the
///   system resolver; when none answers, the name itself is used, with a warning.
/// - **One or two candidate zones** (`_acme-challenge.example.com`, `_acme-challenge.www.example.com`):
///   the TXT listing of the longest candidate doubles as the zone lookup — "Missing domain-name"
///   means try the next one. A candidate zone whose own first label starts with `_` is skipped.
/// - **More candidates**: one `list-zones`, the longest match wins, then the listing.
/// - A `cloud` zone costs one `get-zone-info` to learn its master, where its records are edited.
/// - When nothing matched, the zone list decides, so the error names the zones that exist.
actor ACMERecordLocator {
    private let client: CloudNSClient
    private let resolver: any DNSLookup
    private let cnameServers: [DNSServerAddress]
    private let log: ACMEHookLog
    private var sites: [String: ACMERecordSite] = [:]
    private var missingZones: Set<String> = []
    private var canonicalNames: [String: String] = [:]

    init(client: CloudNSClient, resolver: any DNSLookup, cnameServers: [DNSServerAddress], log: ACMEHookLog) {
        self.client = client
        self.resolver = resolver
        self.cnameServers = cnameServers
        self.log = log
    }

    /// The site for the challenge name `name` (after following CNAMEs).
    func site(forChallenge name: String) async throws(CloudNSError) -> ACMERecordSite {
        try await site(for: await followingCNAMEs(name))
    }

    /// Records that `record` now exists at `site` (or no longer does), so later lookups of this
    /// run see it without listing again.
    func remember(_ record: DNSRecord, at site: ACMERecordSite) {
        sites[site.name]?.records.append(record)
    }

    func forget(recordID: String, at site: ACMERecordSite) {
        sites[site.name]?.records.removeAll { $0.id == recordID }
    }

    // MARK: CNAMEs

    /// The end of the CNAME chain starting at `name` (at most 8 links), or `name` itself.
    func followingCNAMEs(_ name: String) async -> String {
        if let known = canonicalNames[name] { return known }
        var current = name
        var seen: Set<String> = [name]
        for _ in 0..<8 {
            guard let target = await canonicalName(of: current) else { break }
            let next = DNSName.zone(target)
            guard !seen.contains(next) else {
                log.step("warning: the CNAMEs at \(name) loop back to \(next); publishing at \(current)")
                break
            }
            log.step("\(current) is a CNAME to \(next): publishing there")
            seen.insert(next)
            current = next
        }
        canonicalNames[name] = current
        return current
    }

    private func canonicalName(of name: String) async -> String? {
        guard !cnameServers.isEmpty else {
            log.trace("no DNS server to ask whether \(name) is a CNAME (no nameserver in /etc/resolv.conf)")
            return nil
        }
        var failures: [String] = []
        for server in cnameServers {
            do {
                let target = try await resolver.canonicalName(of: name, server: server)
                log.trace("DNS \(server): \(name) CNAME -> \(target ?? "none")")
                return target
            } catch {
                failures.append(error.message)
            }
        }
        log.step("warning: could not check whether \(name) is a CNAME (\(failures.joined(separator: "; "))); publishing at \(name)")
        return nil
    }

    // MARK: Zones

    private func site(for name: String) async throws(CloudNSError) -> ACMERecordSite {
        if let known = sites[name] { return known }
        let candidates = Self.candidateZones(for: name)
        if candidates.count <= 2 {
            for zone in candidates where !missingZones.contains(zone) {
                if let site = try await probe(zone, for: name) { return remembered(site) }
            }
        }
        return remembered(try await siteFromZoneList(for: name))
    }

    private func remembered(_ site: ACMERecordSite) -> ACMERecordSite {
        sites[site.name] = site
        return site
    }

    /// The listing of `name`'s TXT records in `zone`, or nil when CloudNS has no such zone.
    private func probe(_ zone: String, for name: String) async throws(CloudNSError) -> ACMERecordSite? {
        let host = DNSName.relativeHost(of: name, in: zone) ?? ""
        do {
            let records = try await client.listRecords(in: zone, host: host, type: "TXT")
            return ACMERecordSite(name: name, zone: zone, recordZone: zone, host: host, records: records)
        } catch where error.isZoneNotFound {
            missingZones.insert(zone)
            return nil
        } catch where error.kind == .rejected {
            // Records of a cloud zone live in its master; anything else stays an error.
            let info = try await client.zoneInfo(zone)
            guard let master = info.cloudMaster else { throw error }
            return try await site(name: name, zone: zone, recordZone: master)
        }
    }

    private func siteFromZoneList(for name: String) async throws(CloudNSError) -> ACMERecordSite {
        let zones = try await client.listZones()
        let match = zones.filter { DNSName.relativeHost(of: name, in: $0.name) != nil && !missingZones.contains($0.name) }
            .max { $0.name.count < $1.name.count }
        guard let match else {
            _ = try await client.findZone(for: name)  // throws the error that lists the zones there are
            throw CloudNSError(.noZoneForName(name), "CloudNS: no zone of the account holds \(name)", exitStatus: .dataError)
        }
        var recordZone = match.name
        if match.type == "cloud" {
            recordZone = try await client.zoneInfo(match.name).recordZone
        }
        return try await site(name: name, zone: match.name, recordZone: recordZone)
    }

    private func site(name: String, zone: String, recordZone: String) async throws(CloudNSError) -> ACMERecordSite {
        let host = DNSName.relativeHost(of: name, in: zone) ?? ""
        let records = try await client.listRecords(in: recordZone, host: host, type: "TXT")
        return ACMERecordSite(name: name, zone: zone, recordZone: recordZone, host: host, records: records)
    }

    /// The suffixes of `name` that could be zones, longest first: two labels or more, and not
    /// the name itself when its first label starts with `_` (no registrable zone does).
    static func candidateZones(for name: String) -> [String] {
        let labels = DNSName.zone(name).split(separator: ".").map(String.init)
        guard labels.count >= 2 else { return [] }
        return (0...(labels.count - 2)).compactMap { start in
            labels[start].hasPrefix("_") ? nil : labels[start...].joined(separator: ".")
        }
    }
}
