/// A zone of the account, as `list-zones` reports it.
public struct CloudNSZone: Sendable, Hashable {
    /// Lower-case, without a final dot.
    public var name: String
    /// `master`, `slave`, `parked`, `geodns` or `cloud`.
    public var type: String
    /// `domain` or `reverse`.
    public var kind: String
    /// Whether every CloudNS server serves the zone's latest version, when reported.
    public var isUpdated: Bool?

    public init(name: String, type: String, kind: String = "domain", isUpdated: Bool? = nil) {
        self.name = DNSName.zone(name)
        self.type = type
        self.kind = kind
        self.isUpdated = isUpdated
    }
}

/// `get-zone-info`: a zone confirmed to exist and be visible to the caller.
public struct CloudNSZoneInfo: Sendable, Hashable {
    public var name: String
    public var type: String
    public var kind: String
    /// For a `cloud` zone: the master zone whose records it shares, and where they are edited.
    public var cloudMaster: String?

    public init(name: String, type: String, kind: String = "domain", cloudMaster: String? = nil) {
        self.name = DNSName.zone(name)
        self.type = type
        self.kind = kind
        self.cloudMaster = cloudMaster.map(DNSName.zone)
    }

    /// The zone whose records to read and change: the cloud master, or the zone itself.
    public var recordZone: String { cloudMaster ?? name }
}

/// Where a fully qualified name lives in the account: the answer of the zone finder.
public struct CloudNSZoneMatch: Sendable, Hashable {
    /// The name asked about, lower-case, without a final dot.
    public var name: String
    /// The account's zone with the longest matching suffix.
    public var zone: String
    /// `name` relative to `zone`; `""` when `name` is the zone itself.
    public var host: String
    /// The zone to edit: `zone`, or its cloud master when `zone` is a `cloud` zone.
    public var recordZone: String

    public init(name: String, zone: String, host: String, recordZone: String) {
        self.name = DNSName.zone(name)
        self.zone = DNSName.zone(zone)
        self.host = DNSName.host(host)
        self.recordZone = DNSName.zone(recordZone)
    }
}

/// One CloudNS server of `update-status`.
public struct CloudNSServerStatus: Sendable, Hashable {
    public var server: String
    public var ipv4: String?
    public var ipv6: String?
    public var isUpdated: Bool

    public init(server: String, ipv4: String? = nil, ipv6: String? = nil, isUpdated: Bool) {
        self.server = server
        self.ipv4 = ipv4
        self.ipv6 = ipv6
        self.isUpdated = isUpdated
    }
}

/// The result of ``CloudNSClient/ensureRecord(_:in:replacingSet:)``.
public enum CloudNSEnsureOutcome: Sendable, Hashable {
    case created(DNSRecord)
    case updated(old: DNSRecord, new: DNSRecord)
    case unchanged(DNSRecord)

    /// `created`, `updated` or `unchanged`, as `infra-dns set` prints it.
    public var word: String {
        switch self {
        case .created: "created"
        case .updated: "updated"
        case .unchanged: "unchanged"
        }
    }

    /// The record as it now is, with its id.
    public var record: DNSRecord {
        switch self {
        case .created(let record), .unchanged(let record): record
        case .updated(_, let new): new
        }
    }
}

/// The result of deleting one record by id.
public enum CloudNSDeletion: Sendable, Hashable {
    case deleted
    /// CloudNS no longer knew the id (`Invalid record-id param.`): someone, perhaps an earlier
    /// attempt whose answer was lost, removed it already.
    case alreadyGone
}
