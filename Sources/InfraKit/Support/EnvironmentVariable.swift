/// An environment variable a tool reads, declared once with the words help and man pages print for
/// it; code reads it by ``name``.
public struct EnvironmentVariable: Sendable, Hashable {
    public let name: String
    public let abstract: String
    /// Whether the value may instead come from the file `NAME_FILE` names (tokens, passwords, ids:
    /// anything one would keep out of the process environment); see ``CredentialSource``.
    public let allowsFile: Bool

    public init(_ name: String, _ abstract: String, allowsFile: Bool = false) {
        self.name = name
        self.abstract = abstract
        self.allowsFile = allowsFile
    }

    /// `NAME_FILE`: names a file whose content is the value.
    public var fileVariable: String { name + "_FILE" }

    /// The value in `environment`, or nil when unset or empty.
    public func value(in environment: [String: String]) -> String? {
        environment[name].flatMap { $0.isEmpty ? nil : $0 }
    }
}
