import Foundation

/// The probe script's output, parsed line by line; a transcript cut short parses as far as it goes.
struct ProbeTranscript: Equatable {
    /// One run of one command.
    struct Attempt: Equatable {
        /// Where it ran (`container mariadb`, `host`, `host mysql`), when the script said.
        var source: String?
        var lines: [String] = []
        /// nil when the command had not finished when the output stopped.
        var exitStatus: Int32?

        var finished: Bool { exitStatus != nil }
        var succeeded: Bool { exitStatus == 0 }
        var firstLine: String? { lines.first { !$0.trimmingCharacters(in: .whitespaces).isEmpty } }
    }

    /// The script's header line was seen (it ran at all).
    var started = false
    /// The script's last line was seen (nothing was cut off).
    var finished = false
    /// `PRETTY_NAME` of os-release, unquoted.
    var operatingSystem: String?
    /// Commands the host does not have (`docker`).
    var absent: Set<String> = []
    /// Every command run, by key, in order.
    var attempts: [String: [Attempt]] = [:]

    /// The last run of a step.
    func last(_ key: String) -> Attempt? { attempts[key]?.last }

    /// The step that had begun but not ended when the output stopped (a hang).
    var unfinishedStep: String? {
        attempts.first { $0.value.last.map { !$0.finished } ?? false }?.key
    }

    init(parsing output: String) {
        var pendingSource: [String: String] = [:]
        // Split on any line break: Swift treats "\r\n" as one Character, which "\n" would not match.
        for line in output.split(whereSeparator: \.isNewline) {
            let fields = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 2 else { continue }
            let key = fields[0]
            let word = fields[1]
            let text = fields.count > 2 ? fields[2] : ""
            switch (key, word) {
            case ("infra-probe", "done"): finished = true
            case ("infra-probe", _): started = true
            case ("os", _): operatingSystem = Self.unquoted(fields.dropFirst().joined(separator: "\t"))
            case (_, "absent"): absent.insert(key)
            case (_, "source"): pendingSource[key] = text
            case (_, "begin"): attempts[key, default: []].append(Attempt(source: pendingSource.removeValue(forKey: key)))
            case (_, "line"): appendLine(text, to: key)
            case (_, "end"): finish(key, status: Int32(text.trimmingCharacters(in: .whitespaces)) ?? -1)
            default: continue
            }
        }
    }

    private mutating func appendLine(_ text: String, to key: String) {
        guard var list = attempts[key], !list.isEmpty else { return }
        list[list.count - 1].lines.append(text)
        attempts[key] = list
    }

    private mutating func finish(_ key: String, status: Int32) {
        guard var list = attempts[key], !list.isEmpty else { return }
        list[list.count - 1].exitStatus = status
        attempts[key] = list
    }

    /// os-release values may be quoted with " or '.
    static func unquoted(_ value: String) -> String {
        var text = value.trimmingCharacters(in: .whitespaces)
        if text.count >= 2, let first = text.first, first == "\"" || first == "'", text.last == first {
            text = String(text.dropFirst().dropLast())
        }
        return text.replacingOccurrences(of: "\\\"", with: "\"")
    }
}
