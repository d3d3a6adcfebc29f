/// How a shell should complete the value of an option or a positional argument.
public enum CompletionKind: Sendable, Hashable {
    /// Nothing to offer: the user types the value.
    case none
    /// Paths of files, optionally only those ending in one of `extensions` (without the dot).
    case file(extensions: [String])
    /// Paths of directories.
    case directory
    /// A fixed list of words.
    case list([String])
    /// Values read from the user's configuration at completion time, through the tool's hidden
    /// `__complete KIND` subcommand.
    case dynamic(DynamicCompletion)

    /// Paths of any file.
    public static let file = CompletionKind.file(extensions: [])
}

/// A kind of value that only the user's configuration knows (host names, roles, zone names, …).
///
/// The raw value is the word the completion scripts pass to `<tool> __complete`.
public struct DynamicCompletion: RawRepresentable, Hashable, Sendable, Comparable {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let host = DynamicCompletion(rawValue: "host")
    public static let role = DynamicCompletion(rawValue: "role")
    public static let zone = DynamicCompletion(rawValue: "zone")
    public static let loadBalancer = DynamicCompletion(rawValue: "load-balancer")
    public static let repository = DynamicCompletion(rawValue: "repository")
    public static let organization = DynamicCompletion(rawValue: "organization")

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}
