/// Compares a zone's declaration with what the zone holds and lists the changes that make them
/// agree — the diff behind `infra-dns plan` and `apply`, and behind the client's "ensure".
///
/// Records are compared set by set (host and type), and inside a set by ``DNSRecord/matchKey``:
/// - a declared record found in the zone is modified only when its TTL (if declared) or its
///   priority, weight or port differ;
/// - a declared record not found is created — or, in a set that may be replaced (single-valued
///   types such as CNAME, or any set when pruning), it takes over an undeclared record of the set
///   through one modification;
/// - undeclared records stay, unless pruning, which deletes them except those ``protectionReason(for:)``
///   names.
public struct DNSPlanner: Sendable {
    public var prune: Bool

    public init(prune: Bool = false) {
        self.prune = prune
    }

    public func plan(_ declaration: DNSZoneDeclaration, existing: [DNSRecord]) -> DNSZonePlan {
        let wantedBySet = Dictionary(grouping: declaration.records, by: \.record.setKey)
        let existingBySet = Dictionary(grouping: existing, by: \.setKey)

        var changes: [DNSChange] = []
        var kept: [DNSRecord] = []
        var protected: [DNSRecord] = []
        for key in Set(wantedBySet.keys).union(existingBySet.keys).sorted() {
            let wanted = (wantedBySet[key] ?? []).sorted { $0.record.matchKey < $1.record.matchKey }
            var unmatched = (existingBySet[key] ?? []).sorted { ($0.matchKey, $0.id ?? "") < ($1.matchKey, $1.id ?? "") }

            if wanted.isEmpty {
                for record in unmatched {
                    if !prune {
                        kept.append(record)
                    } else if Self.protectionReason(for: record) != nil {
                        protected.append(record)
                    } else {
                        changes.append(.delete(record))
                    }
                }
                continue
            }

            var missing: [DNSDesiredRecord] = []
            for desired in wanted {
                guard let index = unmatched.firstIndex(where: { $0.matchKey == desired.record.matchKey }) else {
                    missing.append(desired)
                    continue
                }
                let current = unmatched.remove(at: index)
                let target = Self.target(desired, replacing: current)
                if !target.isEquivalent(to: current) { changes.append(.modify(old: current, new: target)) }
            }

            let mayReplace = prune || DNSRecordTypes.singleValued.contains(key.type)
            if mayReplace {
                while !missing.isEmpty && !unmatched.isEmpty {
                    let current = unmatched.removeFirst()
                    changes.append(.modify(old: current, new: Self.target(missing.removeFirst(), replacing: current)))
                }
            }
            changes += missing.map { .create($0.record) }
            if prune && mayReplace {
                changes += unmatched.map { .delete($0) }
            } else {
                kept += unmatched
            }
        }

        return DNSZonePlan(
            zone: declaration.zone, changes: DNSChangeOrdering.ordered(changes), existingCount: existing.count,
            kept: kept, protected: protected,
            notes: declaration.notes + Self.conflictNotes(declaration, existing: existing, changes: changes))
    }

    /// Why pruning leaves `record` alone although it is not declared, or nil when it may go:
    /// records CloudNS or other tools own.
    public static func protectionReason(for record: DNSRecord) -> String? {
        switch record.type {
        case "NS" where record.host.isEmpty: "the zone's own name servers"
        case "SOA": "the zone's SOA record"
        case "WR": "a CloudNS web redirect"
        case "TXT" where record.host == "_acme-challenge" || record.host.hasPrefix("_acme-challenge."):
            "an ACME challenge in progress"
        default: nil
        }
    }

    /// `desired` with the id of `current`, keeping the current TTL when none is declared.
    private static func target(_ desired: DNSDesiredRecord, replacing current: DNSRecord) -> DNSRecord {
        var record = desired.record
        record.id = current.id
        record.isActive = current.isActive
        if !desired.ttlIsExplicit { record.ttl = current.ttl }
        return record
    }

    /// A CNAME shares its host with nothing else: say so when the plan would leave such a clash,
    /// because CloudNS will refuse the change.
    private static func conflictNotes(
        _ declaration: DNSZoneDeclaration, existing: [DNSRecord], changes: [DNSChange]
    ) -> [String] {
        let deleted = Set(changes.compactMap { change -> String? in
            if case .delete(let record) = change { return record.id } else { return nil }
        })
        let writtenCNAMEs = Set(changes.compactMap { change -> String? in
            switch change {
            case .create(let record), .modify(_, let record): record.type == "CNAME" ? record.host : nil
            case .delete: nil
            }
        })
        var notes: [String] = []
        for desired in declaration.records where desired.record.type == "CNAME" && writtenCNAMEs.contains(desired.record.host) {
            let host = desired.record.host
            let clashes = existing.filter { $0.host == host && $0.type != "CNAME" && !deleted.contains($0.id ?? "") }
            guard !clashes.isEmpty else { continue }
            let types = Set(clashes.map(\.type)).sorted().joined(separator: ", ")
            notes.append(
                "\(desired.origin): \(DNSName.display(host)) also holds \(types) records, which a CNAME excludes; "
                    + "CloudNS will refuse the CNAME unless they go (apply --prune deletes undeclared ones)")
        }
        return notes
    }
}
