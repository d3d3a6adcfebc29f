import Foundation

/// An owner-only file of `NAME=value` lines holding a provider's credentials.
///
/// Blank lines and lines starting with `#` are ignored, as is an `export ` before a name; a value
/// wrapped in matching single or double quotes loses them. Only the provider's variable names are
/// allowed, each once.
enum CredentialsFile {
    /// The file's text, after checking it is a regular file no one but its owner can read or write.
    static func read(_ path: String, via: String) throws(CredentialError) -> String {
        let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        let attributes: [FileAttributeKey: Any]
        do {
            attributes = try FileManager.default.attributesOfItem(atPath: resolved)
        } catch {
            throw CredentialError("credentials file \(path) (from \(via)) does not exist or cannot be examined")
        }
        guard attributes[.type] as? FileAttributeType == .typeRegular else {
            throw CredentialError("credentials file \(path) (from \(via)) is not a regular file")
        }
        let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue ?? 0o777
        guard mode & 0o077 == 0 else {
            throw CredentialError(
                "credentials file \(path) has mode \(String(mode, radix: 8)); it must be readable by its owner only "
                    + "(chmod 600 \(path))")
        }
        guard let data = FileManager.default.contents(atPath: resolved) else {
            throw CredentialError("credentials file \(path) (from \(via)) cannot be read")
        }
        return String(decoding: data, as: UTF8.self)
    }

    static func parse(_ text: String, path: String, allowedNames: [String]) throws(CredentialError) -> [String: String] {
        var values: [String: String] = [:]
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let place = "credentials file \(path):\(index + 1)"
            var line = Substring(rawLine)
            if line.hasSuffix("\r") { line = line.dropLast() }
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            var assignment = trimmed
            if assignment.hasPrefix("export ") { assignment = assignment.dropFirst("export ".count) }
            guard let equals = assignment.firstIndex(of: "=") else {
                throw CredentialError("\(place): expected NAME=value")
            }
            let name = String(assignment[..<equals]).trimmingBlanks
            // On a malformed line what comes before the first `=` may be the secret itself (a
            // base64 password on a line of its own, a space typed for `=`): only a name shaped
            // like a variable's is ever quoted.
            guard let first = name.first, first.isUppercase || first == "_",
                name.allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isNumber || $0 == "_") })
            else {
                throw CredentialError("\(place): expected NAME=value")
            }
            guard allowedNames.contains(name) else {
                throw CredentialError(
                    "\(place): unknown name '\(name)'; expected \(allowedNames.joined(separator: ", "))")
            }
            guard values[name] == nil else { throw CredentialError("\(place): \(name) is set twice") }
            var value = assignment[assignment.index(after: equals)...]
            if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
                value = value.dropFirst().dropLast()
            }
            guard !value.isEmpty else { throw CredentialError("\(place): \(name) is empty") }
            values[name] = String(value)
        }
        return values
    }
}
