/// One DNS record: where it lives in its zone, its type, its value and the numbers some types carry.
///
/// `value` is what CloudNS keeps in a record's `record` field: for MX and SRV only the target, with
/// the priority (and SRV weight and port) in their own fields. ``content`` joins them the way zone
/// files and infra.yaml write them (`10 mail.example.com.`).
public struct DNSRecord: Sendable, Hashable {
    /// The provider's id; nil for a record that exists only in a configuration or a plan.
    public var id: String?
    /// Relative to the zone, lower-case; `""` is the apex.
    public var host: String
    /// Upper-case: `A`, `TXT`, …
    public var type: String
    public var value: String
    public var ttl: Int
    public var priority: Int?
    public var weight: Int?
    public var port: Int?
    /// CloudNS can keep a record without serving it (status 0).
    public var isActive: Bool

    public init(
        id: String? = nil, host: String, type: String, value: String, ttl: Int, priority: Int? = nil,
        weight: Int? = nil, port: Int? = nil, isActive: Bool = true
    ) {
        self.id = id
        self.host = DNSName.host(host)
        self.type = type.trimmingBlanks.uppercased()
        self.value = value
        self.ttl = ttl
        self.priority = priority
        self.weight = weight
        self.port = port
        self.isActive = isActive
    }

    /// A record from its zone-file style content: `PRIORITY TARGET` for MX,
    /// `PRIORITY WEIGHT PORT TARGET` for SRV, the value itself for every other type.
    public init(host: String, type: String, content: String, ttl: Int) throws(DNSRecordError) {
        self.init(host: host, type: type, value: "", ttl: ttl)
        let fields = content.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        switch self.type {
        case "MX":
            guard fields.count == 2, let priority = Self.number(fields[0]) else {
                throw DNSRecordError("MX value '\(content)' is not 'PRIORITY TARGET', such as '10 mail.example.com.'")
            }
            self.priority = priority
            value = fields[1]
        case "SRV":
            guard fields.count == 4, let priority = Self.number(fields[0]), let weight = Self.number(fields[1]),
                let port = Self.number(fields[2])
            else {
                throw DNSRecordError(
                    "SRV value '\(content)' is not 'PRIORITY WEIGHT PORT TARGET', such as '10 5 443 app.example.com.'")
            }
            (self.priority, self.weight, self.port) = (priority, weight, port)
            value = fields[3]
        case "TXT", "SPF":
            guard !content.isEmpty else { throw DNSRecordError("\(self.type) value is empty") }
            value = content
        default:
            value = content.trimmingBlanks
            guard !value.isEmpty else { throw DNSRecordError("\(self.type) value is empty") }
        }
    }

    /// The value as zone files write it, priority (and SRV weight and port) first.
    public var content: String {
        switch type {
        case "MX": "\(priority ?? 0) \(value)"
        case "SRV": "\(priority ?? 0) \(weight ?? 0) \(port ?? 0) \(value)"
        default: value
        }
    }

    /// The record set this record belongs to.
    public var setKey: DNSRecordSetKey { DNSRecordSetKey(host: host, type: type) }

    /// What identifies the record inside its set: two records with the same key are the same
    /// record, perhaps with another TTL or priority. Names compare without case or final dot,
    /// IPv6 addresses by their numbers, everything else exactly.
    public var matchKey: String {
        switch type {
        case "A":
            return value.trimmingBlanks
        case "AAAA":
            return IPv6Text.canonical(value) ?? value.lowercased()
        case "SRV":
            return "\(port ?? 0) \(Self.canonicalName(value))"
        case _ where DNSRecordTypes.hostnameValued.contains(type):
            return Self.canonicalName(value)
        default:
            return value
        }
    }

    /// Same set, same key, same TTL and numbers: nothing to change.
    public func isEquivalent(to other: DNSRecord) -> Bool {
        setKey == other.setKey && matchKey == other.matchKey && ttl == other.ttl
            && (priority ?? 0) == (other.priority ?? 0) && (weight ?? 0) == (other.weight ?? 0)
            && (port ?? 0) == (other.port ?? 0)
    }

    static func canonicalName(_ name: String) -> String {
        var name = Substring(name.trimmingBlanks.lowercased())
        while name.hasSuffix(".") { name = name.dropLast() }
        return String(name)
    }

    private static func number(_ text: String) -> Int? {
        guard let value = Int(text), (0...65535).contains(value) else { return nil }
        return value
    }
}

/// A host and a type: the unit dnscontrol and octoDNS call a record set.
public struct DNSRecordSetKey: Sendable, Hashable, Comparable {
    public var host: String
    public var type: String

    public init(host: String, type: String) {
        self.host = DNSName.host(host)
        self.type = type.uppercased()
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.host, lhs.type) < (rhs.host, rhs.type)
    }
}

/// What the record types mean for planning.
public enum DNSRecordTypes {
    /// Types whose value names a host, so case and a final dot do not matter.
    public static let hostnameValued: Set<String> = ["CNAME", "MX", "NS", "SRV", "PTR", "ALIAS", "DNAME"]
    /// Types a host can hold only one of: a new value replaces the old one.
    public static let singleValued: Set<String> = ["CNAME", "ALIAS", "DNAME"]
}

/// A record that cannot be what it claims (an MX without priority, an empty value).
public struct DNSRecordError: ClassifiedError, Sendable, Hashable {
    public let message: String
    public var exitStatus: ExitStatus { .dataError }
    public init(_ message: String) { self.message = message }
}

/// IPv6 text to a canonical form, so `2001:DB8:0::1` and `2001:db8::1` compare equal.
enum IPv6Text {
    static func canonical(_ text: String) -> String? {
        let text = text.trimmingBlanks.lowercased()
        guard text.contains(":"), !text.contains("."), text.components(separatedBy: "::").count <= 2 else {
            return nil
        }
        let halves = text.components(separatedBy: "::")
        func groups(_ part: String) -> [UInt16]? {
            if part.isEmpty { return [] }
            var result: [UInt16] = []
            for group in part.split(separator: ":", omittingEmptySubsequences: false) {
                guard (1...4).contains(group.count), let number = UInt16(group, radix: 16) else { return nil }
                result.append(number)
            }
            return result
        }
        guard let head = groups(halves[0]) else { return nil }
        var all = head
        if halves.count == 2 {
            guard let tail = groups(halves[1]), head.count + tail.count < 8 else { return nil }
            all += Array(repeating: 0, count: 8 - head.count - tail.count) + tail
        }
        guard all.count == 8 else { return nil }
        return all.map { String($0, radix: 16) }.joined(separator: ":")
    }
}
