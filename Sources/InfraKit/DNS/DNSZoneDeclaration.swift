/// A declared record as the planner wants it.
public struct DNSDesiredRecord: Sendable, Hashable {
    /// With the TTL to create it with: the declared one (rounded to what the provider accepts), or
    /// the default when none is declared.
    public var record: DNSRecord
    /// False when no TTL was declared: an existing record then keeps whatever TTL it has.
    public var ttlIsExplicit: Bool
    /// Where it is declared, such as `dns.zones.example.com.records[3]`.
    public var origin: String

    public init(record: DNSRecord, ttlIsExplicit: Bool, origin: String) {
        self.record = record
        self.ttlIsExplicit = ttlIsExplicit
        self.origin = origin
    }
}

/// One zone of `dns.zones` turned into records the planner can compare: contents parsed, TTLs
/// rounded. Templates must have been filled in first (``DNSTemplateResolver``).
public struct DNSZoneDeclaration: Sendable, Hashable {
    /// TTL of declared records that name none, as `infra-dns set` uses.
    public static let defaultTTL = 300

    public var zone: String
    public var records: [DNSDesiredRecord]
    public var notes: [String]

    public init(zone: String, records: [DNSDesiredRecord], notes: [String] = []) {
        self.zone = DNSName.zone(zone)
        self.records = records
        self.notes = notes
    }

    /// Reads a `dns.zones` entry. `acceptedTTL` maps a declared TTL to one the provider accepts
    /// (CloudNS: ``CloudNSTTL/accepted(atLeast:)``); every change it makes becomes a note.
    ///
    /// Throws when a record cannot be understood (an MX without priority), still holds a template,
    /// or a single-valued set (CNAME) is declared with two values, naming the record by its place
    /// in the file.
    public init(
        _ zone: InfraConfig.DNS.Zone, acceptedTTL: (Int) -> Int, defaultTTL: Int = Self.defaultTTL
    ) throws(DNSRecordError) {
        self.zone = DNSName.zone(zone.name)
        records = []
        notes = []
        var seen: [DNSRecordSetKey: [String: String]] = [:]
        for (index, declared) in zone.records.enumerated() {
            let origin = "dns.zones.\(zone.name).records[\(index)]"
            let label = "\(DNSName.display(DNSName.host(declared.name))) \(declared.type.uppercased())"
            if DNSTemplate.containsTemplate(declared.value) {
                throw DNSRecordError("\(origin) (\(label)): the template in '\(declared.value)' was not filled in")
            }
            var ttl = defaultTTL
            if let declaredTTL = declared.ttl {
                ttl = acceptedTTL(declaredTTL)
                if ttl != declaredTTL {
                    notes.append("\(origin) (\(label)): TTL \(declaredTTL) is not one CloudNS accepts; using \(ttl)")
                }
            }
            let record: DNSRecord
            do {
                record = try DNSRecord(host: declared.name, type: declared.type, content: declared.value, ttl: ttl)
            } catch {
                throw DNSRecordError("\(origin) (\(label)): \(error.message)")
            }
            if let earlier = seen[record.setKey]?[record.matchKey] {
                notes.append("\(origin) (\(label) \(declared.value)): the same record as \(earlier); ignored")
                continue
            }
            if DNSRecordTypes.singleValued.contains(record.type), let other = seen[record.setKey]?.values.first {
                throw DNSRecordError(
                    "\(origin) (\(label)): a host holds one \(record.type) record, and \(other) declares another")
            }
            seen[record.setKey, default: [:]][record.matchKey] = origin
            records.append(DNSDesiredRecord(record: record, ttlIsExplicit: declared.ttl != nil, origin: origin))
        }
    }
}
