/// Parses one YAML document into a `YAMLNode` tree on top of libyaml's event API.
///
/// Supports block and flow styles, every scalar style, comments, a byte-order mark, anchors and
/// aliases, and merge keys (`<<: *defaults`, `<<: [*a, *b]`). Rejects, with a position: syntax
/// errors (libyaml's own position and words), a second document, duplicate keys, undefined or
/// recursive aliases, nesting deeper than `Limits.maxDepth`, and aliases that expand the document
/// past `Limits` (a "billion laughs").
public enum YAMLParser {
    /// Bounds that keep hostile input cheap.
    public struct Limits: Sendable {
        /// Deepest allowed nesting of sequences and mappings.
        public var maxDepth: Int
        /// Aliases may always add this many nodes…
        public var aliasExpansionFloor: Int
        /// …and beyond that at most this many times the nodes written in the file.
        public var aliasExpansionFactor: Int

        public init(maxDepth: Int = 256, aliasExpansionFloor: Int = 10_000, aliasExpansionFactor: Int = 10) {
            self.maxDepth = maxDepth
            self.aliasExpansionFloor = aliasExpansionFloor
            self.aliasExpansionFactor = aliasExpansionFactor
        }
    }

    /// The document's root node, or nil when the input holds no document at all (empty, or only
    /// comments). Input may be UTF-8 (with or without BOM) or UTF-16 with a BOM.
    public static func parse(_ bytes: some Collection<UInt8>, limits: Limits = Limits()) throws(YAMLError) -> YAMLNode? {
        let reader = try YAMLEventReader(bytes: bytes)
        var composer = YAMLComposer(limits: limits)
        return try composer.compose(from: reader)
    }

    public static func parse(_ text: String, limits: Limits = Limits()) throws(YAMLError) -> YAMLNode? {
        try parse(Array(text.utf8), limits: limits)
    }
}
