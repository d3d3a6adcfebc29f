/// One node of a parsed YAML document: a scalar, a sequence or a mapping, with the position it
/// starts at and its explicit tag, if any.
///
/// Aliases are already resolved (an alias shares its anchor's node) and merge keys (`<<`) are
/// already applied, so a mapping holds exactly the pairs a reader of the file expects.
public struct YAMLNode: Sendable {
    public enum Content: Sendable {
        case scalar(YAMLScalar)
        case sequence([YAMLNode])
        /// Pairs in file order. Keys are unique (duplicates are rejected while parsing).
        case mapping([YAMLPair])
    }

    public var content: Content
    /// The explicit tag in its full form (`!!int` is `tag:yaml.org,2002:int`), nil when none was written.
    public var tag: String?
    public var mark: YAMLMark

    public init(_ content: Content, tag: String? = nil, mark: YAMLMark) {
        self.content = content
        self.tag = tag
        self.mark = mark
    }

    public var scalar: YAMLScalar? {
        if case .scalar(let scalar) = content { return scalar }
        return nil
    }

    public var sequence: [YAMLNode]? {
        if case .sequence(let items) = content { return items }
        return nil
    }

    public var mapping: [YAMLPair]? {
        if case .mapping(let pairs) = content { return pairs }
        return nil
    }

    /// True for an untagged plain `null`, `~` or empty scalar (`key:` with nothing after it).
    public var isNull: Bool {
        guard tag == nil || tag == YAMLTag.null, let scalar, scalar.style == .plain else { return false }
        switch scalar.value {
        case "", "~", "null", "Null", "NULL": return true
        default: return false
        }
    }

    /// The value of the pair whose key is the scalar `key`.
    public subscript(key: String) -> YAMLNode? {
        mapping?.first { $0.key.scalar?.value == key }?.value
    }
}

/// A key and its value in a mapping.
public struct YAMLPair: Sendable {
    public var key: YAMLNode
    public var value: YAMLNode

    public init(key: YAMLNode, value: YAMLNode) {
        self.key = key
        self.value = value
    }
}

/// A scalar's text as written (after unescaping and folding) and how it was written.
public struct YAMLScalar: Sendable, Hashable {
    public enum Style: Sendable, Hashable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    public var value: String
    public var style: Style

    public init(_ value: String, style: Style = .plain) {
        self.value = value
        self.style = style
    }
}

/// The YAML 1.1 core tags this package looks at.
public enum YAMLTag {
    public static let string = "tag:yaml.org,2002:str"
    public static let int = "tag:yaml.org,2002:int"
    public static let bool = "tag:yaml.org,2002:bool"
    public static let null = "tag:yaml.org,2002:null"
    public static let merge = "tag:yaml.org,2002:merge"
}
