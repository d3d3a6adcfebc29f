import Foundation

/// A list of repositories in a file: one `OWNER/NAME` a line; blank lines and everything from a
/// `#` on are ignored.
public enum RepositoryList {
    /// The repositories in `text`, in order, each once. `file` names the file in errors.
    public static func parse(_ text: String, file: String) throws(RepositoryListError) -> [RepositoryName] {
        var result: [RepositoryName] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.prefix { $0 != "#" }.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            guard let repository = RepositoryName(line) else {
                throw RepositoryListError(file: file, line: index + 1, text: line)
            }
            if !result.contains(repository) { result.append(repository) }
        }
        return result
    }
}

/// A line of a repository list that is not `OWNER/NAME`.
public struct RepositoryListError: ClassifiedError, Hashable {
    public let file: String
    public let line: Int
    public let text: String

    public init(file: String, line: Int, text: String) {
        self.file = file
        self.line = line
        self.text = text
    }

    public var exitStatus: ExitStatus { .dataError }
    public var message: String {
        "\(file):\(line): expected a repository as OWNER/NAME, got \(EscapedText.quoted(text, for: .message))"
    }
}
