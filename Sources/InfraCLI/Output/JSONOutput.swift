import Foundation

/// Machine output for `--json`: keys sorted so the same data always prints the same bytes,
/// slashes left unescaped, pretty by default (people read it and `jq` does not care), compact
/// for one-object-per-line streams. Always ends with a newline.
public enum JSONOutput {
    public enum Style: Sendable { case pretty, compact }

    public static func encode<Value: Encodable>(_ value: Value, style: Style = .pretty) throws -> String {
        let encoder = JSONEncoder()
        var formatting: JSONEncoder.OutputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        if style == .pretty { formatting.insert(.prettyPrinted) }
        encoder.outputFormatting = formatting
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }
}
