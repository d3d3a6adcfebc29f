/// A position in a YAML source, 1-based like an editor shows it.
///
/// `column` counts characters (Unicode scalars), not bytes, the way libyaml counts them.
public struct YAMLMark: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// `line:column`, the form used in every error message.
    public var description: String { "\(line):\(column)" }

    public static func < (lhs: YAMLMark, rhs: YAMLMark) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }
}

/// Where a node sits in the document, as a user writes it: `hosts.web1.ssh.port`,
/// `load_balancer.backends[0].host`, `dns.zones["example.com"].records[2]`.
public struct YAMLPath: Sendable, Hashable, CustomStringConvertible {
    public enum Component: Sendable, Hashable {
        case key(String)
        case index(Int)
    }

    public private(set) var components: [Component]

    public init(_ components: [Component] = []) {
        self.components = components
    }

    public static let root = YAMLPath()

    public var isEmpty: Bool { components.isEmpty }

    public func appending(_ key: String) -> YAMLPath {
        var copy = self
        copy.components.append(.key(key))
        return copy
    }

    public func appending(index: Int) -> YAMLPath {
        var copy = self
        copy.components.append(.index(index))
        return copy
    }

    public var description: String {
        var text = ""
        for component in components {
            switch component {
            case .index(let index):
                text += "[\(index)]"
            case .key(let key) where Self.isPlainKey(key):
                if !text.isEmpty { text += "." }
                text += key
            case .key(let key):
                text += "[" + EscapedText.quoted(key, for: .message) + "]"
            }
        }
        return text
    }

    /// Keys made of letters, digits, `_` and `-` print bare; anything else (a zone name with dots,
    /// a key with spaces) prints bracketed and quoted so the path stays unambiguous.
    private static func isPlainKey(_ key: String) -> Bool {
        !key.isEmpty
            && key.utf8.allSatisfy { byte in
                (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                    || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                    || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                    || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
            }
    }

}
