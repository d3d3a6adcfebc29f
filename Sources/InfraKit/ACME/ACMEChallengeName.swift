/// Where a challenge's TXT record goes, from the spellings ACME clients hand over.
///
/// - A **domain** (certbot's `CERTBOT_DOMAIN`, dehydrated's and lego RAW's DOMAIN) gets
///   `_acme-challenge.` put in front; a leading `*.` (wildcard) is dropped first, since the
///   wildcard's challenge lives at the base name.
/// - A **record name** (`present FQDN VALUE`) ending in a dot is fully qualified and used as it is:
///   lego hands over `_acme-challenge.example.com.`, or the target of a CNAME it already followed,
///   which has no `_acme-challenge` label. Without the final dot it is read like a domain, so
///   `present example.com VALUE` and `present _acme-challenge.example.com VALUE` mean the same.
///
/// Case is folded (DNS names compare without it; CloudNS stores hosts lower-cased).
public enum ACMEChallengeName {
    public static let label = "_acme-challenge"

    /// The record name for `domain`.
    public static func forDomain(_ domain: String) throws(ACMEHookUsageError) -> String {
        var name = Substring(trimmed(domain))
        if name.hasPrefix(label + ".") { name = name.dropFirst(label.count + 1) }
        if name.hasPrefix("*.") { name = name.dropFirst(2) }
        return try validated(label + "." + name, given: domain)
    }

    /// The record name for an FQDN argument.
    public static func forRecordName(_ fqdn: String) throws(ACMEHookUsageError) -> String {
        guard fqdn.trimmingBlanks.hasSuffix(".") else { return try forDomain(fqdn) }
        let name = trimmed(fqdn)
        if name.hasPrefix("*.") || name.hasPrefix(label + ".*.") { return try forDomain(name) }
        return try validated(name, given: fqdn)
    }

    /// Lower-cased, without surrounding blanks or final dots.
    private static func trimmed(_ text: String) -> String {
        var name = Substring(text.trimmingBlanks.lowercased())
        while name.hasSuffix(".") { name = name.dropLast() }
        return String(name)
    }

    private static func validated(_ name: String, given: String) throws(ACMEHookUsageError) -> String {
        func refuse(_ reason: String) -> ACMEHookUsageError {
            ACMEHookUsageError("'\(given)' is not a domain name: \(reason)")
        }
        guard name.utf8.count <= 253 else { throw refuse("longer than 253 characters") }
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2 else { throw refuse("it needs at least one label besides \(label)") }
        for part in labels {
            guard !part.isEmpty else { throw refuse("empty label") }
            guard part.utf8.count <= 63 else { throw refuse("label '\(part)' is longer than 63 characters") }
            guard part.unicodeScalars.allSatisfy(isNameCharacter) else {
                let isASCII = part.unicodeScalars.allSatisfy(\.isASCII)
                throw refuse(isASCII ? "label '\(part)' holds characters DNS names do not use" : "use the xn-- (punycode) form of international names")
            }
        }
        return name
    }

    private static func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_"
    }

    /// Checks a TXT value before it is sent: printable ASCII without blanks, quotes or
    /// backslashes (CloudNS's quoting rules for them are unknown), 1 to 255 characters.
    public static func validatedValue(_ value: String) throws(ACMEHookUsageError) -> String {
        let scalars = value.unicodeScalars
        guard !scalars.isEmpty, scalars.count <= 255,
            scalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F && $0 != "\"" && $0 != "\\" })
        else {
            let printable = scalars.prefix(60).map { $0.value >= 0x20 && $0.value < 0x7F ? Character($0) : "?" }
            let shown = String(printable) + (scalars.count > 60 ? "…" : "")
            throw ACMEHookUsageError(
                "'\(shown)' is not a TXT value the hook publishes (1 to 255 printable ASCII characters, no blanks, quotes or backslashes)")
        }
        return value
    }
}
