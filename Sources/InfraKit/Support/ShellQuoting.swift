/// Quoting for shells, so printed command lines and generated completion scripts give back the
/// same words: POSIX shells (`sh`, `bash`, `zsh`) and fish.
public enum ShellQuoting {
    /// The word unchanged when it only holds characters no shell treats specially
    /// (`A-Z a-z 0-9 _ @ % + = : , . / -`), otherwise wrapped in single quotes with each `'`
    /// written as `'\''`. The empty word is `''`.
    public static func quote(_ word: String) -> String {
        if !word.isEmpty, word.utf8.allSatisfy(isPlain) { return word }
        return singleQuoted(word)
    }

    /// `text` in single quotes for a POSIX shell, even when it needs none.
    public static func singleQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }

    /// `text` in single quotes for fish, where a backslash inside quotes escapes.
    public static func fishSingleQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
    }

    /// The words quoted and joined with single spaces.
    public static func join(_ words: [String]) -> String {
        words.map(quote).joined(separator: " ")
    }

    private static func isPlain(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        case UInt8(ascii: "_"), UInt8(ascii: "@"), UInt8(ascii: "%"), UInt8(ascii: "+"), UInt8(ascii: "="),
            UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "."), UInt8(ascii: "/"), UInt8(ascii: "-"):
            return true
        default:
            return false
        }
    }
}

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
