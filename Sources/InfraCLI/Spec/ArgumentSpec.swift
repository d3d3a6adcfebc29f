/// One positional argument of a command.
public struct ArgumentSpec: Sendable {
    /// The placeholder shown in help and man pages (`HOST`); also the key handlers read it by.
    public var name: String
    public var abstract: String
    public var isOptional: Bool
    /// A repeating argument takes every remaining positional word; only the last one may repeat.
    public var isRepeating: Bool
    public var completion: CompletionKind

    public init(
        _ name: String, abstract: String, isOptional: Bool = false, isRepeating: Bool = false,
        completion: CompletionKind = .none
    ) {
        self.name = name
        self.abstract = abstract
        self.isOptional = isOptional
        self.isRepeating = isRepeating
        self.completion = completion
    }

    /// `HOST`, `[ZONE]`, `COMMAND...` or `[COMMAND...]` as written in usage lines.
    public var usage: String {
        let word = isRepeating ? "\(name)..." : name
        return isOptional ? "[\(word)]" : word
    }
}
