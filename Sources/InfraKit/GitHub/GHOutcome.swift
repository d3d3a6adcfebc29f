import Foundation

/// How one `gh api` run ended, read from its exit status, its stderr (`gh: <message> (HTTP 403)`)
/// and, with `--include`, the status and headers of the answer that stopped it.
public enum GHOutcome: Sendable, Hashable {
    /// Every page was read.
    case complete
    /// The feature is switched off for the repository (or never set up): a coverage gap, not an error.
    case disabled(String)
    /// The token may not read this (a missing scope or role, a fine-grained token without the permission).
    case noAccess(String)
    /// No such repository or organisation, or one the token cannot see (GitHub does not tell them apart).
    case notFound(String)
    /// A primary or secondary rate limit; `wait` is what the answer asked for, nil when it said nothing.
    case rateLimited(wait: Duration?, String)
    /// gh has no usable login: none at all, or a token GitHub refuses.
    case notLoggedIn(String)
    /// Anything else: a network failure, a server error, an answer we did not expect.
    case failed(String)

    /// Classifies a finished run. `now` turns `x-ratelimit-reset` into a wait.
    public static func classify(
        exitStatus: Int32, stderr: String, output: GHAPIOutput, now: Date = Date()
    ) -> GHOutcome {
        if exitStatus == 0 { return .complete }
        let message = errorMessage(stderr: stderr, output: output)
        if exitStatus == 4 { return .notLoggedIn(message) }
        guard let status = output.last.flatMap({ $0.status >= 400 ? $0.status : nil }) ?? httpStatus(stderr) else {
            return .failed(message)
        }
        let lowered = message.lowercased()
        if status == 401 { return .notLoggedIn(message) }
        if status == 403 || status == 429, let wait = rateLimitWait(status: status, message: lowered, page: output.last, now: now) {
            return .rateLimited(wait: wait.duration, message)
        }
        if status == 403 || status == 404, Self.disabledWording.contains(where: lowered.contains) {
            return .disabled(message)
        }
        switch status {
        case 404 where lowered.contains("no analysis found"): return .complete  // scanning on, nothing uploaded yet
        case 403: return .noAccess(message)
        case 404: return .notFound(message)
        default: return .failed("\(message) (HTTP \(status))")
        }
    }

    /// GitHub's words for a feature that is off (reference §1.5): "Advanced Security must be
    /// enabled", "… is not enabled", "Dependabot alerts are disabled", "Secret scanning is disabled".
    static let disabledWording = ["must be enabled", "is not enabled", "are not enabled", "is disabled", "are disabled"]

    /// The body's `message`, else gh's own line without its `gh: ` prefix and `(HTTP n)` suffix.
    private static func errorMessage(stderr: String, output: GHAPIOutput) -> String {
        if let page = output.last, page.status >= 400, !page.lines.isEmpty,
            let object = try? JSONSerialization.jsonObject(with: Data(page.lines.joined(separator: [10]))) as? [String: Any],
            let message = object["message"] as? String, !message.isEmpty
        {
            return message
        }
        let line = stderr.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        var text = line.hasPrefix("gh: ") ? String(line.dropFirst(4)) : line
        if let suffix = text.range(of: #" \(HTTP \d{3}\)$"#, options: .regularExpression) {
            text.removeSubrange(suffix)
        }
        return text.isEmpty ? "gh failed without saying why" : text
    }

    /// The `NNN` of `(HTTP NNN)` on gh's stderr, for a run without `--include` headers.
    private static func httpStatus(_ stderr: String) -> Int? {
        guard let range = stderr.range(of: #"\(HTTP \d{3}\)"#, options: .regularExpression) else { return nil }
        return Int(stderr[range].dropFirst(6).prefix(3))
    }

    private struct Wait { var duration: Duration? }

    /// Nil when the refusal is not about rate limits. `retry-after` wins; then, when the primary
    /// limit is used up, the time until `x-ratelimit-reset`; else the answer gave no time.
    private static func rateLimitWait(status: Int, message: String, page: GHAPIOutput.Page?, now: Date) -> Wait? {
        if let retryAfter = page?.header("retry-after").flatMap(Int.init), retryAfter >= 0 {
            return Wait(duration: .seconds(retryAfter))
        }
        if page?.header("x-ratelimit-remaining") == "0", let reset = page?.header("x-ratelimit-reset").flatMap(Double.init),
            reset.isFinite,
            let untilReset = Duration.serverWait(seconds: (reset - now.timeIntervalSince1970).rounded(.up), atMost: RetryAfter.ceiling)
        {
            return Wait(duration: untilReset + .seconds(1))
        }
        if message.contains("rate limit") || status == 429 { return Wait(duration: nil) }
        return nil
    }
}
