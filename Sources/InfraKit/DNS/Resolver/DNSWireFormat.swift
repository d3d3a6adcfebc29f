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
