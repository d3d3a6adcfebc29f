/// Name/value pairs in order, for query strings and `application/x-www-form-urlencoded` bodies.
public struct HTTPParameters: Sendable, Equatable, Sequence, ExpressibleByDictionaryLiteral {
    public struct Parameter: Sendable, Equatable {
        public var name: String
        public var value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    public private(set) var parameters: [Parameter] = []

    public init() {}

    public init(_ pairs: [(String, String)]) {
        parameters = pairs.map { Parameter(name: $0.0, value: $0.1) }
    }

    public init(dictionaryLiteral elements: (String, String)...) {
        self.init(elements)
    }

    public mutating func append(_ name: String, _ value: String) {
        parameters.append(Parameter(name: name, value: value))
    }

    public mutating func append(contentsOf other: HTTPParameters) {
        parameters.append(contentsOf: other.parameters)
    }

    public subscript(name: String) -> String? {
        parameters.first { $0.name == name }?.value
    }

    public var isEmpty: Bool { parameters.isEmpty }
    public var count: Int { parameters.count }

    public func makeIterator() -> IndexingIterator<[Parameter]> { parameters.makeIterator() }

    /// `name=value&…` with everything outside RFC 3986's unreserved set percent-encoded.
    public var percentEncoded: String {
        parameters.map { Self.percentEncode($0.name) + "=" + Self.percentEncode($0.value) }
            .joined(separator: "&")
    }

    static func percentEncode(_ text: String) -> String {
        var encoded = ""
        encoded.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if isUnreserved(byte) {
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                encoded += "%" + String(byte >> 4, radix: 16, uppercase: true)
                    + String(byte & 0x0F, radix: 16, uppercase: true)
            }
        }
        return encoded
    }

    /// Decodes `%XX` escapes and, as forms do, `+` as a space; invalid escapes stay as they are.
    static func percentDecode(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = Array(text.utf8)[...]
        while let byte = iterator.popFirst() {
            if byte == UInt8(ascii: "%"), iterator.count >= 2,
                let value = UInt8(String(decoding: iterator.prefix(2), as: UTF8.self), radix: 16)
            {
                bytes.append(value)
                iterator = iterator.dropFirst(2)
            } else {
                bytes.append(byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
            UInt8(ascii: "_"), UInt8(ascii: "~"):
            true
        default:
            false
        }
    }
}
