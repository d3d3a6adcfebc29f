/// One change a plan makes to a zone.
public enum DNSChange: Sendable, Hashable {
    case create(DNSRecord)
    /// `new` carries the id of `old`: CloudNS changes the record in place.
    case modify(old: DNSRecord, new: DNSRecord)
    case delete(DNSRecord)

    /// `CREATE`, `MODIFY` or `DELETE`, as dnscontrol prints them.
    public var verb: String {
        switch self {
        case .create: "CREATE"
        case .modify: "MODIFY"
        case .delete: "DELETE"
        }
    }

    /// The record as it will be (created, modified) or as it was (deleted).
    public var record: DNSRecord {
        switch self {
        case .create(let record), .delete(let record): record
        case .modify(_, let new): new
        }
    }
}

/// What it takes to bring one zone in line with its declaration, in the order to do it.
public struct DNSZonePlan: Sendable, Hashable {
    public var zone: String
    /// In a safe order: see ``DNSChangeOrdering``.
    public var changes: [DNSChange]
    /// Records the zone held when it was listed.
    public var existingCount: Int
    /// Records the declaration does not mention, left alone because pruning is off.
    public var kept: [DNSRecord]
    /// Records pruning would have deleted but never does: the zone's own NS records, SOA, CloudNS
    /// web redirects and ACME challenges, unless their set is declared.
    public var protected: [DNSRecord]
    /// Things worth telling the user (TTLs rounded up, conflicts CloudNS will refuse).
    public var notes: [String]

    public init(
        zone: String, changes: [DNSChange], existingCount: Int, kept: [DNSRecord] = [], protected: [DNSRecord] = [],
        notes: [String] = []
    ) {
        self.zone = zone
        self.changes = changes
        self.existingCount = existingCount
        self.kept = kept
        self.protected = protected
        self.notes = notes
    }

    public var isEmpty: Bool { changes.isEmpty }
    public var creates: Int { changes.count { if case .create = $0 { true } else { false } } }
    public var modifies: Int { changes.count { if case .modify = $0 { true } else { false } } }
    public var deletes: Int { changes.count { if case .delete = $0 { true } else { false } } }

    /// octoDNS's guard: in a zone of at least ``DNSDeletionGuard/minimumRecords`` records, a plan
    /// deleting more than ``DNSDeletionGuard/maximumShare`` of them needs `--force`.
    public var exceedsDeletionGuard: Bool {
        existingCount >= DNSDeletionGuard.minimumRecords
            && Double(deletes) > DNSDeletionGuard.maximumShare * Double(existingCount)
    }
}

/// The thresholds of the deletion guard (octoDNS's `delete_pcent_threshold` and its 10-record floor).
public enum DNSDeletionGuard {
    public static let maximumShare = 0.30
    public static let minimumRecords = 10

    /// `Deleting 45% (9 of 20 records) of example.com needs --force (the limit is 30%)`.
    public static func refusal(for plan: DNSZonePlan) -> String {
        let percent = plan.existingCount == 0 ? 0 : plan.deletes * 100 / plan.existingCount
        return "deleting \(percent)% (\(plan.deletes) of \(plan.existingCount) records) of \(plan.zone) "
            + "needs --force (the limit is \(Int(maximumShare * 100))%)"
    }
}
