import Foundation

/// A GitHub repository named `OWNER/NAME`, checked against GitHub's own rules for both parts, so a
/// typo is refused before any request is made.
public struct RepositoryName: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let owner: String
    public let name: String

    /// Nil unless `text` is exactly `OWNER/NAME` with a valid owner and name.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        self.init(owner: String(parts[0]), name: String(parts[1]))
    }

    public init?(owner: String, name: String) {
        guard Self.isValidOwner(owner), Self.isValidName(name) else { return nil }
        self.owner = owner
        self.name = name
    }

    public var fullName: String { "\(owner)/\(name)" }
    public var description: String { fullName }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.owner.lowercased(), lhs.name.lowercased()) < (rhs.owner.lowercased(), rhs.name.lowercased())
    }

    /// A user or organisation login: letters, digits and single hyphens, 1 to 39 characters, not
    /// starting with a hyphen.
    public static func isValidOwner(_ text: String) -> Bool {
        guard (1...39).contains(text.count), !text.hasPrefix("-") else { return false }
        return text.unicodeScalars.allSatisfy { isASCIIAlphanumeric($0) || $0 == "-" }
    }

    /// A repository name: letters, digits, `.`, `-` and `_`, up to 100 characters, not `.` or `..`.
    public static func isValidName(_ text: String) -> Bool {
        guard (1...100).contains(text.count), text != ".", text != ".." else { return false }
        return text.unicodeScalars.allSatisfy { isASCIIAlphanumeric($0) || $0 == "." || $0 == "-" || $0 == "_" }
    }

    /// The repository a git remote URL points at: `https://github.com/o/r.git`,
    /// `git@github.com:o/r.git`, `ssh://git@host:22/o/r`, `git://host/o/r`. Nil for anything whose
    /// last two path parts are not a valid owner and name.
    public static func fromRemoteURL(_ url: String) -> RepositoryName? {
        var rest = url.trimmingCharacters(in: .whitespacesAndNewlines)
        if let scheme = rest.range(of: "://") {
            rest = String(rest[scheme.upperBound...])
            guard let slash = rest.firstIndex(of: "/") else { return nil }  // drop user@host:port
            rest = String(rest[rest.index(after: slash)...])
        } else if let colon = rest.firstIndex(of: ":"), !rest[..<colon].contains("/") {
            rest = String(rest[rest.index(after: colon)...])  // scp-like user@host:path
        } else {
            return nil  // a local path is no GitHub repository
        }
        while rest.hasSuffix("/") { rest.removeLast() }
        if rest.hasSuffix(".git") { rest.removeLast(4) }
        let parts = rest.split(separator: "/")
        guard parts.count >= 2 else { return nil }
        return RepositoryName(owner: String(parts[parts.count - 2]), name: String(parts[parts.count - 1]))
    }

    private static func isASCIIAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
    }
}
