import Foundation

/// The one place that removes credentials from text; every message, trace line and error of the HTTP
/// layer passes through it.
///
/// Two nets: the literal values of the client's known ``Secret``s (raw, percent-encoded and
/// JSON-escaped), and patterns that recognise credentials by name — `Authorization` headers, bearer and
/// basic tokens, passwords in URLs, PEM private key blocks, and the values of query, form, header and
/// JSON fields whose name contains `password`, `passwd`, `token`, `secret`, `apikey`/`api-key`/`api_key`
/// or `authorization` (JSON fields also `private_key`).
/// Whatever they catch becomes ``placeholder``.
public struct Redactor: Sendable {
    public static let placeholder = "REDACTED"

    /// Shorter secrets are left to the name-based patterns: scrubbing every "ab" would garble all text.
    static let minimumLiteralLength = 4

    private let literals: [String]

    public init(secrets: [Secret] = []) {
        var variants = Set<String>()
        for secret in secrets where secret.revealed.count >= Self.minimumLiteralLength {
            let value = secret.revealed
            let percentEncoded = HTTPParameters.percentEncode(value)
            let jsonEscaped = EscapedText.escaped(value, for: .json)
            variants.formUnion([
                value, percentEncoded, percentEncoded.replacingOccurrences(of: "%20", with: "+"),
                jsonEscaped, jsonEscaped.replacingOccurrences(of: "/", with: "\\/"),
            ])
        }
        literals = variants.sorted { $0.count > $1.count }
    }

    /// Whether a parameter, field or header of this name carries a credential.
    public static func isSensitiveName(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return ["password", "passwd", "token", "secret", "apikey", "api-key", "api_key", "authorization", "cookie"]
            .contains { lowered.contains($0) }
    }

    /// Free text: error bodies, transport messages, trace lines.
    public func redact(_ text: String) -> String {
        var text = text
        for literal in literals where text.contains(literal) {
            text = text.replacingOccurrences(of: literal, with: Self.placeholder)
        }
        // The patterns are slow; every one of them needs one of these words (or the `@` of a userinfo).
        let lowered = text.lowercased()
        guard Patterns.triggers.contains(where: lowered.contains) else { return text }
        for pattern in Patterns.all {
            text = text.replacing(pattern) { $0.output.1 + Self.placeholder }
        }
        text = text.replacing(Patterns.jsonField) { $0.output.1 + "\"" + Self.placeholder + "\"" }
        text = text.replacing(Patterns.userinfo) { $0.output.1 + Self.placeholder + "@" }
        return text
    }

    /// A URL with sensitive query values and any userinfo password replaced.
    public func redactURL(_ url: String) -> String {
        guard let questionMark = url.firstIndex(of: "?") else { return redact(url) }
        let query = url[url.index(after: questionMark)...]
        let fragmentStart = query.firstIndex(of: "#") ?? query.endIndex
        let redactedQuery = redactPairs(query[..<fragmentStart])
        return redact(String(url[...questionMark]) + redactedQuery + String(query[fragmentStart...]))
    }

    /// An `application/x-www-form-urlencoded` body.
    public func redactForm(_ body: String) -> String {
        redact(redactPairs(Substring(body)))
    }

    /// Headers with credential-bearing values replaced.
    public func redactHeaders(_ headers: HTTPHeaders) -> HTTPHeaders {
        HTTPHeaders(headers.map { field in
            (field.name, Self.isSensitiveName(field.name) ? Self.placeholder : redact(field.value))
        })
    }

    /// At most `maxBytes` bytes of `body` as one printable line, redacted before it is cut so a secret
    /// straddling the cut cannot leak its first half.
    public func excerpt(of body: Data, maxBytes: Int = 256) -> String {
        let text = redact(String(decoding: body.prefix(64 * 1024), as: UTF8.self))
        var excerpt = ""
        var byteCount = 0
        var pendingSpace = false
        for character in text {
            let isSpace = character.isWhitespace || character.unicodeScalars.allSatisfy {
                $0.properties.generalCategory == .control
            }
            if isSpace {
                pendingSpace = !excerpt.isEmpty
                continue
            }
            let piece = (pendingSpace ? " " : "") + String(character)
            byteCount += piece.utf8.count
            if byteCount > maxBytes { break }
            excerpt += piece
            pendingSpace = false
        }
        return excerpt
    }

    private func redactPairs(_ pairs: Substring) -> String {
        pairs.split(separator: "&", omittingEmptySubsequences: false).map { pair in
            guard let equals = pair.firstIndex(of: "="),
                Self.isSensitiveName(HTTPParameters.percentDecode(pair[..<equals]))
            else { return String(pair) }
            return pair[...equals] + Self.placeholder
        }.joined(separator: "&")
    }

}

/// The name-based nets of ``Redactor``. Each keeps capture 1 and replaces the rest of the match.
private enum Patterns {
    static let triggers = [
        "pass", "token", "secret", "api", "authorization", "bearer", "basic", "cookie", "@", "private key", "private_key",
    ]

    /// `name=value` in query strings, form bodies and free text.
    nonisolated(unsafe) static let assignment =
        #/(?i)([A-Za-z0-9_.\-\[\]]*(?:pass(?:word|wd)|token|secret|api[-_]?key|authorization)[A-Za-z0-9_.\-\[\]]*=)[^&\s"'<>#]+/#
    /// `Name: value` header lines (an echoed request, a curl message).
    nonisolated(unsafe) static let headerLine =
        #/(?im)^([ \t]*[A-Za-z0-9-]*(?:pass(?:word|wd)|token|secret|api[-_]?key|authorization|cookie)[A-Za-z0-9-]*[ \t]*:[ \t]*)[^\r\n]+/#
    /// `Authorization: …` anywhere on a line.
    nonisolated(unsafe) static let authorization = #/(?i)((?:proxy-)?authorization[ \t]*:[ \t]*)[^\r\n"]+/#
    nonisolated(unsafe) static let bearer = #/(?i)(\bbearer[ \t]+)[A-Za-z0-9._~+\/=-]+/#
    /// A base64 token after "Basic"; it must hold a digit or `+/=` so that "Basic authentication" survives.
    nonisolated(unsafe) static let basic =
        #/(?i)(\bbasic[ \t]+)(?=[A-Za-z0-9+\/]*[0-9+\/=])[A-Za-z0-9+\/]{4,}={0,2}/#
    /// The password of `scheme://user:password@host`.
    nonisolated(unsafe) static let userinfo = #/([A-Za-z][A-Za-z0-9+.\-]*:\/\/[^\/\s:@]*:)[^@\s\/]+@/#
    /// `"name": "value"` in JSON.
    nonisolated(unsafe) static let jsonField =
        #/(?i)("[^"\\]*(?:pass(?:word|wd)|token|secret|api[-_]?key|private[-_]?key|authorization)[^"\\]*"\s*:\s*)"(?:[^"\\]|\\.)*"/#
    /// A PEM private key block (a certificate upload echoed back), up to its END line or, cut off, to
    /// the end of the text.
    nonisolated(unsafe) static let pemPrivateKey =
        #/()-----BEGIN [A-Z ]*PRIVATE KEY-----(?s:.*?)(?:-----END [A-Z ]*PRIVATE KEY-----|\z)/#

    nonisolated(unsafe) static let all = [pemPrivateKey, assignment, headerLine, authorization, bearer, basic]
}
