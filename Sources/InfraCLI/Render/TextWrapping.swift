/// Greedy word wrapping for help text. Words longer than the line stay whole.
enum TextWrapping {
    /// `text` broken into lines of at most `width` characters, the first line indented by
    /// `firstIndent` spaces and the others by `indent`.
    static func wrap(_ text: String, width: Int, indent: Int = 0, firstIndent: Int? = nil) -> [String] {
        var lines: [String] = []
        var line = String(repeating: " ", count: firstIndent ?? indent)
        var lineHasWord = false
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            if lineHasWord && line.count + 1 + word.count > width {
                lines.append(line)
                line = String(repeating: " ", count: indent)
                lineHasWord = false
            }
            if lineHasWord { line += " " }
            line += word
            lineHasWord = true
        }
        if lineHasWord { lines.append(line) }
        return lines
    }

    /// Paragraphs (separated by blank lines in the source) wrapped and separated by one blank line.
    static func paragraphs(_ text: String, width: Int, indent: Int = 0) -> [String] {
        var result: [String] = []
        for paragraph in paragraphList(text) {
            if !result.isEmpty { result.append("") }
            result += wrap(paragraph, width: width, indent: indent)
        }
        return result
    }

    /// The paragraphs of `text`, each joined into one line.
    static func paragraphList(_ text: String) -> [String] {
        var paragraphs: [String] = []
        var current: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: " ")
            if trimmed.isEmpty {
                if !current.isEmpty { paragraphs.append(current.joined(separator: " ")) }
                current = []
            } else {
                current.append(trimmed)
            }
        }
        if !current.isEmpty { paragraphs.append(current.joined(separator: " ")) }
        return paragraphs
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in character: Character) -> Substring {
        var result = self
        while result.first == character { result = result.dropFirst() }
        while result.last == character { result = result.dropLast() }
        return result
    }
}
