/// Host and zone spellings: what users type, what CloudNS stores, and how they compare.
///
/// CloudNS keeps hosts lower-cased and relative to their zone, with the apex as the empty string;
/// users write the apex as `@`. Zone names compare case-insensitively and without a final dot.
public enum DNSName {
    /// A zone name as compared and sent: lower-cased, without surrounding blanks or a final dot.
    public static func zone(_ name: String) -> String {
        var name = Substring(name.trimmingBlanks.lowercased())
        while name.hasSuffix(".") { name = name.dropLast() }
        return String(name)
    }

    /// A relative host as compared and sent: lower-cased, `@` (or nothing) for the apex becomes `""`.
    public static func host(_ host: String) -> String {
        let host = host.trimmingBlanks.lowercased()
        return host == "@" ? "" : host
    }

    /// The host as users read it: `@` for the apex.
    public static func display(_ host: String) -> String {
        host.isEmpty ? "@" : host
    }

    /// `www.example.com` for host `www` in `example.com`; the zone itself for the apex.
    public static func fqdn(host: String, zone: String) -> String {
        let host = Self.host(host)
        let zone = Self.zone(zone)
        return host.isEmpty ? zone : host + "." + zone
    }

    /// The host of `name` relative to `zone` (`""` for the apex), or nil when `name` is not inside it.
    /// `name` may end with a dot; case does not matter.
    public static func relativeHost(of name: String, in zone: String) -> String? {
        let name = Self.zone(name)
        let zone = Self.zone(zone)
        guard !zone.isEmpty else { return nil }
        if name == zone { return "" }
        guard name.hasSuffix("." + zone) else { return nil }
        return String(name.dropLast(zone.count + 1))
    }
}

extension String {
    /// Without leading and trailing spaces, tabs and line breaks.
    var trimmingBlanks: String {
        let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !blank($0) }), let last = lastIndex(where: { !blank($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
