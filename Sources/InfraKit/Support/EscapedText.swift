/// Text escaped for the inside of a double-quoted string, in the three dialects the suite writes:
/// messages (Swift-style `\u{1b}`), JSON (`\u001b`) and YAML (`\x1b`). Quotes, backslashes, line
/// feeds and tabs are escaped the same way in all three; other control characters as the dialect
/// spells them.
public enum EscapedText {
    public enum Dialect: Sendable {
        /// For messages: `"a\"b\u{7}"`.
        case message
        /// A JSON string's content, as a JSON encoder writes it (DEL stays as it is).
        case json
        /// A YAML double-quoted scalar's content.
        case yaml
    }

    /// `text` escaped for `dialect`, without the surrounding quotes.
    public static func escaped(_ text: String, for dialect: Dialect) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r" where dialect == .json: result += "\\r"
            case _ where scalar.value < 0x20 || (scalar.value == 0x7F && dialect != .json):
                result += control(scalar.value, dialect)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// `text` escaped and in double quotes.
    public static func quoted(_ text: String, for dialect: Dialect) -> String {
        "\"" + escaped(text, for: dialect) + "\""
    }

    private static func control(_ value: UInt32, _ dialect: Dialect) -> String {
        let hex = String(value, radix: 16)
        switch dialect {
        case .message: return "\\u{" + hex + "}"
        case .json: return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        case .yaml: return "\\x" + (value < 0x10 ? "0" : "") + hex
        }
    }
}
