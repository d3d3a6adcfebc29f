/// The TTLs CloudNS accepts (wiki articles 58 and 60): any other value is refused with
/// "Invalid TTL", so the client rounds up before sending.
public enum CloudNSTTL {
    /// 1 minute to 30 days. (The live service also took 600 in 2022; the documentation does not
    /// list it, so it is not relied on.)
    public static let accepted: [Int] = [
        60, 300, 900, 1800, 3600, 21600, 43200, 86400, 172800, 259200, 604800, 1209600, 2592000,
    ]

    /// The smallest accepted TTL not below `ttl`; the largest one for anything above it.
    public static func accepted(atLeast ttl: Int) -> Int {
        accepted.first { $0 >= ttl } ?? accepted[accepted.count - 1]
    }

    /// Whether CloudNS takes `ttl` as it is.
    public static func isAccepted(_ ttl: Int) -> Bool {
        accepted.contains(ttl)
    }
}
