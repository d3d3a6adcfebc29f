/// Record sets: all records of one host and type, handled as a whole.
extension CloudNSClient {
    /// What ``ensureRecord(_:in:replacingSet:)`` did.
    public struct EnsureResult: Sendable, Hashable {
        public var outcome: CloudNSEnsureOutcome
        /// Siblings deleted because the set was replaced.
        public var removed: [DNSRecord]
    }

    /// Every record of `host` and `type` in `zone`.
    public func listRecordSet(_ key: DNSRecordSetKey, in zone: String) async throws(CloudNSError) -> [DNSRecord] {
        try await listRecords(in: zone, host: key.host, type: key.type)
    }

    /// Makes `zone` hold `record` (compared as ``DNSPlanner`` does: same value, names without case
    /// or final dot): `unchanged` when it already does with the same TTL and numbers, `updated`
    /// when only those differ — or when the type holds one value per host (CNAME) — and `created`
    /// otherwise. Other values of the set stay, unless `replacingSet`: then the set ends up holding
    /// `record` alone, an old value being modified into the new one rather than deleted and re-added.
    ///
    /// One listing of the set, then only the calls needed.
    public func ensureRecord(_ record: DNSRecord, in zone: String, replacingSet: Bool = false)
        async throws(CloudNSError) -> EnsureResult
    {
        let zone = DNSName.zone(zone)
        var wanted = record
        wanted.ttl = acceptedTTL(for: record, in: zone)
        let existing = try await listRecordSet(wanted.setKey, in: zone)
        let declaration = DNSZoneDeclaration(
            zone: zone, records: [DNSDesiredRecord(record: wanted, ttlIsExplicit: true, origin: "")])
        let plan = DNSPlanner(prune: replacingSet).plan(declaration, existing: existing)

        var outcome: CloudNSEnsureOutcome?
        var removed: [DNSRecord] = []
        for change in plan.changes {
            let result = try await applyChange(change, in: zone)
            switch change {
            case .create: outcome = .created(result ?? change.record)
            case .modify(let old, _): outcome = .updated(old: old, new: result ?? change.record)
            case .delete(let gone): removed.append(gone)
            }
        }
        if let outcome { return EnsureResult(outcome: outcome, removed: removed) }
        let same = existing.first { $0.matchKey == wanted.matchKey } ?? wanted
        return EnsureResult(outcome: .unchanged(same), removed: removed)
    }

    /// Deletes the records of `host` and `type` in `zone` — only those equal to `value` when it is
    /// given (as ``DNSRecord/matchKey`` compares; for MX and SRV the target alone or the full
    /// `10 mail.example.com.` form). Returns what it deleted; an empty list means there was nothing.
    public func deleteRecords(in zone: String, host: String, type: String, value: String? = nil)
        async throws(CloudNSError) -> [DNSRecord]
    {
        let zone = DNSName.zone(zone)
        var matching = try await listRecords(in: zone, host: host, type: type)
        if let value {
            let probe =
                (try? DNSRecord(host: host, type: type, content: value, ttl: 0))
                ?? DNSRecord(host: host, type: type, value: value, ttl: 0)
            matching = matching.filter { $0.matchKey == probe.matchKey }
        }
        for record in matching {
            guard let id = record.id else { continue }
            try await deleteRecord(id: id, in: zone)
        }
        return matching
    }
}
