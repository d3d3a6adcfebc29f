/// mandoc/groff escaping for mdoc source.
enum RoffEscaping {
    /// mdoc macro names that would be called, not printed, if they appeared as a bare argument.
    private static let macroNames: Set<String> = [
        "Ac", "Ad", "An", "Ao", "Ap", "Aq", "Ar", "At", "Bc", "Bo", "Bq", "Brc", "Bro", "Brq", "Bsx", "Bx",
        "Cd", "Cm", "Dc", "Dl", "Do", "Dq", "Dv", "Dx", "Ec", "Em", "En", "Eo", "Er", "Es", "Ev", "Fa", "Fc",
        "Fl", "Fn", "Fo", "Fr", "Ft", "Fx", "Ic", "In", "It", "Lb", "Li", "Lk", "Ms", "Mt", "Nm", "No", "Ns",
        "Nx", "Oc", "Oo", "Op", "Ox", "Pa", "Pc", "Pf", "Po", "Pq", "Qc", "Ql", "Qo", "Qq", "Sc", "So", "Sq",
        "St", "Sx", "Sy", "Ta", "Tn", "Ux", "Va", "Vt", "Xc", "Xo", "Xr",
    ]

    /// One argument of a macro line: backslashes, quotes and dashes escaped, quoted when it has
    /// blanks, guarded when it would read as a macro name.
    static func argument(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "\\": escaped += "\\e"
            case "\"": escaped += "\\(dq"
            case "-": escaped += "\\-"
            default: escaped.append(character)
            }
        }
        if macroNames.contains(text) { escaped = "\\&" + escaped }
        if text.isEmpty || text.contains(" ") || text.contains("\t") { return "\"\(escaped)\"" }
        return escaped
    }

    /// Prose as text lines: one sentence per line (mandoc's "new sentence, new line"), a dash
    /// that starts a word (an option name) escaped as `\-` so it prints as a minus, not a
    /// hyphen, and a line never starting with a control character.
    static func textLines(_ paragraph: String) -> [String] {
        escapedSentences(paragraph).flatMap { sentence in
            TextWrapping.wrap(sentence, width: sourceWidth).map(guardControlCharacter)
        }
    }

    /// mandoc flags source lines longer than 80 bytes.
    static let sourceWidth = 78

    /// A command line for a literal display, broken with shell continuations (` \`) so each
    /// source line stays short, and escaped.
    static func literalCommand(_ command: String) -> [String] {
        let pieces = TextWrapping.wrap(command, width: sourceWidth - 6, indent: 4, firstIndent: 0)
        return pieces.enumerated().map { index, piece in
            let line = index < pieces.count - 1 ? piece + " \\" : piece
            return guardControlCharacter(escapeLiteral(line))
        }
    }

    private static func escapeLiteral(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "\\": escaped += "\\e"
            case "-": escaped += "\\-"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    private static func guardControlCharacter(_ line: String) -> String {
        line.hasPrefix(".") || line.hasPrefix("'") ? "\\&" + line : line
    }

    private static func escapedSentences(_ paragraph: String) -> [String] {
        sentences(of: paragraph).map { sentence in
            var escaped = ""
            var previous: Character = " "
            for character in sentence {
                switch character {
                case "\\": escaped += "\\e"
                case "-" where previous == " " || previous == "-" || previous == "(" || previous == "[" || previous == "|":
                    escaped += "\\-"
                default: escaped.append(character)
                }
                previous = character
            }
            return escaped
        }
    }

    /// The sentences of `paragraph`: split after `.`, `!` or `?` followed by a blank.
    private static func sentences(of paragraph: String) -> [String] {
        var result: [String] = []
        var current = ""
        var characters = paragraph.makeIterator()
        var pendingEnd = false
        while let character = characters.next() {
            if pendingEnd && character == " " {
                result.append(current)
                current = ""
                pendingEnd = false
                continue
            }
            pendingEnd = character == "." || character == "!" || character == "?"
            if current.isEmpty && character == " " { continue }
            current.append(character)
        }
        if !current.isEmpty { result.append(current) }
        return result
    }
}
