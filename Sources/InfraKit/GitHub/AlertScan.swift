/// Reads the open alerts of several kinds for several repositories and organisations, a bounded
/// number of gh runs at a time, and gathers them into one report. A repository where a feature is
/// off, or the token may not look, is a coverage entry, never a failure of the scan.
public enum AlertScan {
    public struct Settings: Sendable {
        /// gh runs at once.
        public var jobs: Int
        public var policy: AlertFetch.Policy

        public init(jobs: Int = 4, policy: AlertFetch.Policy = AlertFetch.Policy()) {
            self.jobs = max(1, jobs)
            self.policy = policy
        }
    }

    /// Fetches every kind of `kinds` for every scope of `scopes`. The report's findings are in
    /// triage order (``Finding/triageOrder(_:_:)``), its coverage in the order of `scopes` and `kinds`.
    public static func run(
        scopes: [AlertScope], kinds: [AlertKind], runner: any GHRunner, settings: Settings = Settings(),
        notice: @escaping @Sendable (String) -> Void = { _ in }, trace: @escaping @Sendable (String) -> Void = { _ in }
    ) async throws(AlertScanError) -> AlertReport {
        let gate = RateLimitGate()
        let fetches = scopes.flatMap { scope in
            kinds.map { AlertFetch(
                scope: scope, kind: $0, runner: runner, gate: gate, policy: settings.policy, notice: notice, trace: trace)
            }
        }
        let outcome = await withTaskGroup(of: (Int, Result<AlertFetch.Result, AlertScanError>).self) { group in
            var finished: [(index: Int, result: AlertFetch.Result)] = []
            var failure: AlertScanError?
            var next = 0
            var running = 0
            while true {
                while failure == nil, running < settings.jobs, next < fetches.count {
                    let index = next
                    let fetch = fetches[index]
                    group.addTask {
                        do {
                            return (index, .success(try await fetch.run()))
                        } catch let error as AlertScanError {
                            return (index, .failure(error))
                        } catch {
                            return (index, .failure(.cancelled))
                        }
                    }
                    next += 1
                    running += 1
                }
                guard let (index, result) = await group.next() else { break }
                running -= 1
                switch result {
                case .success(let fetched):
                    finished.append((index, fetched))
                case .failure(let error):
                    // The first real failure wins over the cancellations it causes in the others.
                    if failure == nil || failure == .cancelled { failure = error }
                    group.cancelAll()
                }
            }
            if let failure { return Result<[AlertFetch.Result], AlertScanError>.failure(failure) }
            return .success(finished.sorted { $0.index < $1.index }.map(\.result))
        }
        let results = try outcome.get()
        return AlertReport(
            findings: results.flatMap(\.findings).sorted(by: Finding.triageOrder),
            coverage: results.map(\.coverage), ghRuns: results.reduce(0) { $0 + $1.ghRuns })
    }
}

/// The open findings and how completely they could be read.
public struct AlertReport: Sendable {
    /// Most severe first, then oldest first.
    public var findings: [Finding]
    public var coverage: [CoverageEntry]
    /// gh processes started.
    public var ghRuns: Int

    public init(findings: [Finding], coverage: [CoverageEntry], ghRuns: Int) {
        self.findings = findings
        self.coverage = coverage
        self.ghRuns = ghRuns
    }

    /// Findings per severity, most severe first, zero counts included.
    public var countsBySeverity: [(Severity, Int)] {
        Severity.descending.map { severity in (severity, findings.count { $0.severity == severity }) }
    }
}
