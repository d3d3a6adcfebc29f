/// A DNS query as sent on the wire (RFC 1035 §4), with an EDNS(0) record (RFC 6891) offering a
/// 1232-byte UDP answer so that a handful of TXT values fit without truncation.
public struct DNSQuery: Sendable, Hashable {
    public var id: UInt16
    /// Without the final dot; compared case-insensitively with the answer's question.
    public var name: String
    public var type: DNSQueryType
    public var recursionDesired: Bool
    /// False sends a plain RFC 1035 query, for servers that answer EDNS with FORMERR.
    public var usesEDNS: Bool

    /// The UDP payload size offered with EDNS: the size the DNS flag day 2020 settled on.
    public static let ednsPayloadSize: UInt16 = 1232

    public init(id: UInt16, name: String, type: DNSQueryType, recursionDesired: Bool = true, usesEDNS: Bool = true) {
        self.id = id
        self.name = DNSWireName.trimmed(name)
        self.type = type
        self.recursionDesired = recursionDesired
        self.usesEDNS = usesEDNS
    }

    /// The message bytes; throws for a name DNS cannot carry (a label over 63 bytes, an empty
    /// label, a name over 255 bytes).
    public func encoded() throws(DNSLookupError) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(64)
        bytes.appendBigEndian(id)
        bytes.appendBigEndian(recursionDesired ? 0x0100 : 0x0000)
        bytes.appendBigEndian(1)  // one question
        bytes.appendBigEndian(0)
        bytes.appendBigEndian(0)
        bytes.appendBigEndian(usesEDNS ? 1 : 0)
        bytes += try DNSWireName.encode(name)
        bytes.appendBigEndian(type.rawValue)
        bytes.appendBigEndian(1)  // class IN
        if usesEDNS {
            bytes.append(0)  // the root name
            bytes.appendBigEndian(41)  // OPT
            bytes.appendBigEndian(Self.ednsPayloadSize)
            bytes += [0, 0, 0, 0, 0, 0]  // extended rcode, version, flags; no options
        }
        return bytes
    }
}

/// One resource record of an answer.
public struct DNSResourceRecord: Sendable, Hashable {
    public enum Data: Sendable, Hashable {
        /// The character-strings of a TXT record, in order.
        case txt([String])
        case cname(String)
        case ns(String)
        case a(String)
        case aaaa(String)
        case other
    }

    /// Without the final dot, as the server spelled it.
    public var name: String
    public var type: DNSQueryType
    public var ttl: UInt32
    public var data: Data

    public init(name: String, type: DNSQueryType, ttl: UInt32, data: Data) {
        self.name = name
        self.type = type
        self.ttl = ttl
        self.data = data
    }

    /// A TXT record's value: its character-strings joined (a long value arrives split in
    /// 255-byte pieces).
    public var txtValue: String? {
        if case .txt(let strings) = data { return strings.joined() }
        return nil
    }
}

/// A decoded DNS answer.
public struct DNSResponse: Sendable, Hashable {
    public var id: UInt16
    public var code: DNSResponseCode
    public var isAuthoritative: Bool
    /// TC: the server cut the answer to fit UDP. The stub resolver does not retry over TCP, so
    /// the records below may be incomplete.
    public var isTruncated: Bool
    public var questionName: String
    public var questionType: DNSQueryType
    public var answers: [DNSResourceRecord]
    public var authority: [DNSResourceRecord]
    public var additional: [DNSResourceRecord]

    public init(
        id: UInt16, code: DNSResponseCode, isAuthoritative: Bool, isTruncated: Bool, questionName: String,
        questionType: DNSQueryType, answers: [DNSResourceRecord], authority: [DNSResourceRecord] = [],
        additional: [DNSResourceRecord] = []
    ) {
        self.id = id
        self.code = code
        self.isAuthoritative = isAuthoritative
        self.isTruncated = isTruncated
        self.questionName = questionName
        self.questionType = questionType
        self.answers = answers
        self.authority = authority
        self.additional = additional
    }

    /// Whether this is the answer to `query`: same id, a response, the same question.
    public func answers(_ query: DNSQuery) -> Bool {
        id == query.id && questionType == query.type
            && DNSWireName.trimmed(questionName).lowercased() == query.name.lowercased()
    }

    /// The records of the answer section of `type` owned by `name` (case-insensitive).
    public func records(_ type: DNSQueryType, named name: String) -> [DNSResourceRecord] {
        let name = DNSWireName.trimmed(name).lowercased()
        return answers.filter { $0.type == type && $0.name.lowercased() == name }
    }

    /// Decodes `bytes`; throws `malformed` for anything that is not a well-formed response.
    public static func decode(_ bytes: [UInt8]) throws(DNSLookupError) -> DNSResponse {
        var reader = DNSWireReader(bytes)
        let id = try reader.uint16()
        let flags = try reader.uint16()
        guard flags & 0x8000 != 0 else { throw DNSLookupError(.malformed, "the message is a query, not a response") }
        let counts = [try reader.uint16(), try reader.uint16(), try reader.uint16(), try reader.uint16()]
        guard counts[0] == 1 else { throw DNSLookupError(.malformed, "expected 1 question, got \(counts[0])") }
        let questionName = try reader.name()
        let questionType = DNSQueryType(rawValue: try reader.uint16())
        _ = try reader.uint16()  // class
        let isTruncated = flags & 0x0200 != 0
        var sections: [[DNSResourceRecord]] = [[], [], []]
        for (section, count) in counts.dropFirst().enumerated() {
            for _ in 0..<count {
                do {
                    sections[section].append(try reader.resourceRecord())
                } catch where isTruncated {
                    break  // a cut answer may end mid-record; keep what arrived whole
                }
            }
        }
        return DNSResponse(
            id: id, code: DNSResponseCode(rawValue: UInt8(flags & 0x000F)), isAuthoritative: flags & 0x0400 != 0,
            isTruncated: isTruncated, questionName: questionName, questionType: questionType,
            answers: sections[0], authority: sections[1], additional: sections[2])
    }
}

/// Domain names on the wire.
enum DNSWireName {
    /// `name` without surrounding blanks and final dots.
    static func trimmed(_ name: String) -> String {
        var name = Substring(name.trimmingBlanks)
        while name.hasSuffix(".") { name = name.dropLast() }
        return String(name)
    }

    /// Length-prefixed labels ending with the root label.
    static func encode(_ name: String) throws(DNSLookupError) -> [UInt8] {
        let name = trimmed(name)
        var bytes: [UInt8] = []
        if !name.isEmpty {
            for label in name.split(separator: ".", omittingEmptySubsequences: false) {
                let utf8 = Array(label.utf8)
                guard !utf8.isEmpty, utf8.count <= 63 else {
                    throw DNSLookupError(.invalidName, "'\(name)' is not a domain name DNS can carry (label '\(label)')")
                }
                bytes.append(UInt8(utf8.count))
                bytes += utf8
            }
        }
        bytes.append(0)
        guard bytes.count <= 255 else {
            throw DNSLookupError(.invalidName, "'\(name)' is longer than the 255 bytes DNS allows")
        }
        return bytes
    }
}

/// Reads a DNS message front to back, following compression pointers for names.
struct DNSWireReader {
    let bytes: [UInt8]
    var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    private static func cut(_ what: String) -> DNSLookupError {
        DNSLookupError(.malformed, "the message ends inside \(what)")
    }

    mutating func uint8() throws(DNSLookupError) -> UInt8 {
        guard offset < bytes.count else { throw Self.cut("a field") }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func uint16() throws(DNSLookupError) -> UInt16 {
        guard offset + 2 <= bytes.count else { throw Self.cut("a field") }
        defer { offset += 2 }
        return UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1])
    }

    mutating func uint32() throws(DNSLookupError) -> UInt32 {
        UInt32(try uint16()) << 16 | UInt32(try uint16())
    }

    /// A name at the current offset (advancing past it), without the final dot.
    mutating func name() throws(DNSLookupError) -> String {
        var labels: [String] = []
        var position = offset
        var jumped = false
        var jumps = 0
        var length = 0
        while true {
            guard position < bytes.count else { throw Self.cut("a name") }
            let byte = bytes[position]
            switch byte & 0xC0 {
            case 0xC0:
                guard position + 1 < bytes.count else { throw Self.cut("a name") }
                let target = Int(byte & 0x3F) << 8 | Int(bytes[position + 1])
                jumps += 1
                // A pointer must point backwards; a bound on jumps stops loops anyway.
                guard target < position, jumps <= 64 else {
                    throw DNSLookupError(.malformed, "a name's compression pointer loops")
                }
                if !jumped { offset = position + 2 }
                jumped = true
                position = target
            case 0x00:
                if byte == 0 {
                    if !jumped { offset = position + 1 }
                    return labels.joined(separator: ".")
                }
                let end = position + 1 + Int(byte)
                guard end <= bytes.count else { throw Self.cut("a name") }
                length += Int(byte) + 1
                guard length <= 255 else { throw DNSLookupError(.malformed, "a name is longer than 255 bytes") }
                labels.append(String(decoding: bytes[(position + 1)..<end], as: UTF8.self))
                position = end
            default:
                throw DNSLookupError(.malformed, "a name uses an unknown label type")
            }
        }
    }

    mutating func resourceRecord() throws(DNSLookupError) -> DNSResourceRecord {
        let name = try name()
        let type = DNSQueryType(rawValue: try uint16())
        _ = try uint16()  // class (the OPT record's is a payload size)
        let ttl = try uint32()
        let length = Int(try uint16())
        let end = offset + length
        guard end <= bytes.count else { throw Self.cut("a record") }
        var data = DNSResourceRecord.Data.other
        switch type {
        case .txt:
            var strings: [String] = []
            var position = offset
            while position < end {
                let size = Int(bytes[position])
                guard position + 1 + size <= end else { throw DNSLookupError(.malformed, "a TXT string overruns its record") }
                strings.append(String(decoding: bytes[(position + 1)..<(position + 1 + size)], as: UTF8.self))
                position += 1 + size
            }
            data = .txt(strings)
        case .cname, .ns:
            var inner = self
            let target = try inner.name()
            data = type == .cname ? .cname(target) : .ns(target)
        case .a where length == 4:
            data = .a(bytes[offset..<end].map(String.init).joined(separator: "."))
        case .aaaa where length == 16:
            data = .aaaa(Self.ipv6Text(Array(bytes[offset..<end])))
        default:
            break
        }
        offset = end
        return DNSResourceRecord(name: name, type: type, ttl: ttl, data: data)
    }

    /// Full (uncompressed) lower-case hex groups: enough for messages and for connecting.
    private static func ipv6Text(_ bytes: [UInt8]) -> String {
        stride(from: 0, to: 16, by: 2).map { String(UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]), radix: 16) }
            .joined(separator: ":")
    }
}

extension Array where Element == UInt8 {
    mutating func appendBigEndian(_ value: UInt16) {
        append(UInt8(value >> 8))
        append(UInt8(value & 0xFF))
    }
}
