/// Why a YAML source could not be turned into a node tree, and where.
public struct YAMLError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// libyaml rejected the text (reader, scanner or parser stage); the mark is libyaml's.
        case syntax
        /// libyaml ran out of memory.
        case memory
        /// A second `---` document; a configuration file holds exactly one.
        case multipleDocuments
        /// An alias names no anchor defined before it.
        case undefinedAlias
        /// An alias used inside the node its anchor is on.
        case recursiveAlias
        /// Aliases expand to far more nodes than the file holds (a "billion laughs").
        case aliasExpansionTooLarge
        /// Collections nested deeper than the parser allows.
        case nestingTooDeep
        /// The same key twice in one mapping.
        case duplicateKey
        /// `<<` whose value is not a mapping or a list of mappings.
        case invalidMerge
    }

    public var kind: Kind
    public var mark: YAMLMark
    /// The key path of the node being read when the problem was found (may be empty).
    public var path: YAMLPath
    /// One line, without position or path: `duplicate key "ip" (first defined at 3:5)`.
    public var problem: String

    public init(_ kind: Kind, at mark: YAMLMark, path: YAMLPath = .root, problem: String) {
        self.kind = kind
        self.mark = mark
        self.path = path
        self.problem = problem
    }

    /// `line:column: path: problem`, ready to be prefixed with a file name.
    public var description: String {
        path.isEmpty ? "\(mark): \(problem)" : "\(mark): \(path): \(problem)"
    }
}
