import Foundation

/// Reads every open alert of one kind for one repository or organisation through gh, waiting out
/// rate limits and resuming where the last good page left off.
public struct AlertFetch: Sendable {
    /// How hard to try.
    public struct Policy: Sendable {
        /// Rate-limit refusals waited out before the fetch gives up.
        public var maxRateLimitRetries: Int
        /// The longest single wait accepted; a limit that resets later is reported instead.
        public var maxWait: Duration
        /// The wait when GitHub names none, doubled at each further refusal.
        public var defaultWait: Duration

        public init(maxRateLimitRetries: Int = 3, maxWait: Duration = .seconds(600), defaultWait: Duration = .seconds(60)) {
            self.maxRateLimitRetries = maxRateLimitRetries
            self.maxWait = maxWait
            self.defaultWait = defaultWait
        }
    }

    /// What one fetch found, and how many gh runs it took.
    public struct Result: Sendable {
        public var findings: [Finding]
        public var coverage: CoverageEntry
        public var ghRuns: Int
    }

    public let scope: AlertScope
    public let kind: AlertKind
    public let runner: any GHRunner
    public let gate: RateLimitGate
    public let policy: Policy
    /// Told about each rate-limit wait, in words for people.
    public let notice: @Sendable (String) -> Void
    /// Told each gh command line and how it ended (`--verbose`).
    public let trace: @Sendable (String) -> Void

    public init(
        scope: AlertScope, kind: AlertKind, runner: any GHRunner, gate: RateLimitGate, policy: Policy = Policy(),
        notice: @escaping @Sendable (String) -> Void = { _ in }, trace: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.scope = scope
        self.kind = kind
        self.runner = runner
        self.gate = gate
        self.policy = policy
        self.notice = notice
        self.trace = trace
    }

    /// Throws only when no fetch can succeed (gh missing, not logged in) or the task was cancelled.
    public func run() async throws(AlertScanError) -> Result {
        var endpoint = scope.endpoint(for: kind)
        var findings: [Finding] = []
        var seen: Set<String> = []
        var refusals = 0
        var runs = 0
        let knownRepository: String? = if case .repository(let name) = scope { name.fullName } else { nil }

        func finish(_ status: CoverageStatus, _ detail: String? = nil) -> Result {
            Result(
                findings: findings,
                coverage: CoverageEntry(scope: scope, kind: kind, status: status, detail: detail, findings: findings.count),
                ghRuns: runs)
        }

        while true {
            do {
                try await gate.waitUntilOpen()
            } catch {
                throw .cancelled
            }
            let run: GHRun
            let arguments = GHCommand.listArguments(endpoint: endpoint)
            trace("running gh " + ShellQuoting.join(arguments))
            do {
                run = try await runner.run(arguments)
            } catch {
                switch error {
                case .notInstalled(let detail): throw .ghMissing(detail)
                case .cancelled: throw .cancelled
                }
            }
            runs += 1
            let output = GHAPIOutput(run.stdout)
            trace("gh \(scope.name) \(kind.rawValue): exit \(run.exitStatus), \(output.pages.count) answer\(output.pages.count == 1 ? "" : "s")"
                + (output.last.map { ", last HTTP \($0.status)" } ?? ""))
            for page in output.pages where (200..<300).contains(page.status) {
                for line in page.lines {
                    do {
                        let finding = try AlertDecoding.finding(kind: kind, json: line, repository: knownRepository)
                        // A resumed walk may see an alert twice when new ones shifted the pages.
                        if seen.insert("\(finding.repository)#\(finding.number)").inserted { findings.append(finding) }
                    } catch {
                        return finish(.error, "an alert could not be read: \(error.detail)")
                    }
                }
            }
            if run.timedOut { return finish(.error, "gh did not finish in time") }
            if run.truncated { return finish(.error, "gh printed more than infra-monitor keeps") }

            switch GHOutcome.classify(exitStatus: run.exitStatus, stderr: run.stderr, output: output) {
            case .complete: return finish(.ok)
            case .disabled(let detail): return finish(.disabled, detail)
            case .noAccess(let detail): return finish(.noAccess, detail)
            case .notFound(let detail): return finish(.notFound, detail)
            case .failed(let detail): return finish(.error, detail)
            case .notLoggedIn(let detail): throw .notLoggedIn(detail)
            case .rateLimited(let asked, let detail):
                refusals += 1
                let wait = asked ?? policy.defaultWait * (1 << min(refusals - 1, 6))
                guard refusals <= policy.maxRateLimitRetries, wait <= policy.maxWait else {
                    return finish(.error, "rate limited: \(detail)")
                }
                notice("\(scope.name) \(kind.title): GitHub asks to slow down (\(detail)); waiting \(Self.seconds(wait))")
                await gate.close(for: wait)
                endpoint = output.resumeLink ?? endpoint
            }
        }
    }

    private static func seconds(_ duration: Duration) -> String {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        return seconds == seconds.rounded() ? "\(Int(seconds)) s" : String(format: "%.1f s", seconds)
    }
}

/// What stops a whole scan: every fetch would fail the same way.
public enum AlertScanError: Error, Sendable, Hashable {
    /// gh is not installed (or not on the PATH).
    case ghMissing(String)
    /// gh has no login GitHub accepts.
    case notLoggedIn(String)
    case cancelled
}
