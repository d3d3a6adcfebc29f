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
