/// The order in which a plan's changes are made, so that at no point a record points at a name
/// that is not there yet, and CloudNS never sees two records it refuses to hold together.
///
/// 1. Deletes that make room: records sharing a host with a CNAME being created, and CNAMEs whose
///    host gets other records. (Like dnscontrol, which deletes first so a type can change.)
/// 2. Modifications and creations: addresses (A, AAAA) first, then NS (which may name in-zone
///    hosts), then everything else (CNAME, MX, SRV, … which point at names), then DS (which needs NS).
/// 3. The remaining deletes in the reverse order: DS first, addresses last, so nothing still
///    points at a name while it disappears.
///
/// Inside each group the plan's order (host, type, value) is kept.
public enum DNSChangeOrdering {
    public static func ordered(_ changes: [DNSChange]) -> [DNSChange] {
        let cnameHosts = Set(changes.compactMap { change -> String? in
            switch change {
            case .create(let record), .modify(_, let record): record.type == "CNAME" ? record.host : nil
            case .delete: nil
            }
        })
        let otherHosts = Set(changes.compactMap { change -> String? in
            switch change {
            case .create(let record), .modify(_, let record): record.type == "CNAME" ? nil : record.host
            case .delete: nil
            }
        })
        func makesRoom(_ record: DNSRecord) -> Bool {
            record.type == "CNAME" ? otherHosts.contains(record.host) : cnameHosts.contains(record.host)
        }

        var clearing: [DNSChange] = []
        var writing: [(rank: Int, change: DNSChange)] = []
        var removing: [(rank: Int, change: DNSChange)] = []
        for change in changes {
            switch change {
            case .delete(let record) where makesRoom(record):
                clearing.append(change)
            case .delete(let record):
                removing.append((-rank(record.type), change))
            case .create(let record), .modify(_, let record):
                writing.append((rank(record.type), change))
            }
        }
        return clearing + stableSorted(writing) + stableSorted(removing)
    }

    private static func rank(_ type: String) -> Int {
        switch type {
        case "A", "AAAA": 0
        case "NS": 1
        case "DS": 3
        default: 2
        }
    }

    private static func stableSorted(_ items: [(rank: Int, change: DNSChange)]) -> [DNSChange] {
        items.enumerated().sorted { ($0.element.rank, $0.offset) < ($1.element.rank, $1.offset) }.map(\.element.change)
    }
}
