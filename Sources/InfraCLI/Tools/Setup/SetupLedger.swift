/// What each step of a pipeline run planned, made and whether it failed: the basis of the summary
/// line, of the report after a failure (which steps ran, what changed, how to resume) and of the
/// JSON output.
struct SetupLedger {
    enum State: Equatable {
        case notRun
        case done(String)
        case planned(pending: Int)
        case applied(made: Int)
        case failed(made: Int, error: String)
    }

    private(set) var steps: [SetupTool.Step]
    private var states: [SetupTool.Step: State] = [:]
    private var pendingByStep: [SetupTool.Step: Int] = [:]

    init(steps: [SetupTool.Step]) {
        self.steps = steps
    }

    mutating func record(_ step: SetupTool.Step, _ state: State) { states[step] = state }

    mutating func plan(_ step: SetupTool.Step, pending: Int) {
        pendingByStep[step] = pending
        states[step] = .planned(pending: pending)
    }

    mutating func applied(_ step: SetupTool.Step, made: Int) { states[step] = .applied(made: made) }

    mutating func failed(_ step: SetupTool.Step, made: Int, error: String) { states[step] = .failed(made: made, error: error) }

    func state(of step: SetupTool.Step) -> State { states[step] ?? .notRun }

    func pending(for step: SetupTool.Step) -> Int { pendingByStep[step] ?? 0 }

    func made(in step: SetupTool.Step) -> Int {
        switch state(of: step) {
        case .applied(let made), .failed(let made, _): made
        default: 0
        }
    }

    var pending: Int { pendingByStep.values.reduce(0, +) }

    /// `3 changes pending (lb 1, dns 2)`.
    var pendingSummary: String {
        let parts = steps.compactMap { step in pendingByStep[step].map { "\(step.rawValue) \($0)" } }
        return "\(DNSZonePlanning.count(pending, "change")) pending (\(parts.joined(separator: ", ")))"
    }

    /// One line per step: what it did, or that it did not run.
    func report() -> [String] {
        steps.map { step in
            let what: String
            switch state(of: step) {
            case .notRun: what = "not run"
            case .done(let text): what = "ran (\(text))"
            case .planned(let pending): what = pending == 0 ? "ran (nothing to change)" : "not run (\(DNSZonePlanning.count(pending, "change")) not made)"
            case .applied(let made): what = "ran (\(DNSZonePlanning.count(made, "change")) made)"
            case .failed(let made, _): what = "failed (\(DNSZonePlanning.count(made, "change")) made before the failure)"
            }
            return "step \(step.rawValue): \(what)"
        }
    }

    /// What a failed run prints last: one line per step, then how to resume; lines after the
    /// first start with `<tool>: `.
    func failureReport(tool: String) -> String {
        (report() + [resumeHint(tool: tool)]).joined(separator: "\n\(tool): ")
    }

    /// How to finish after a failure: the failed step and those after it, each with `--step`.
    func resumeHint(tool: String) -> String {
        guard let index = steps.firstIndex(where: { if case .failed = state(of: $0) { true } else { false } }) else {
            return "run '\(tool)' again"
        }
        let rest = steps[index...].filter { $0 != .discover }
        let commands = rest.map { "'\(tool) --step \($0.rawValue)'" }
        return "to resume, run " + commands.joined(separator: ", then ")
            + " (or '\(tool)' again: every step reads what is there afresh and makes only what is missing)"
    }

    struct StepJSON: Encodable {
        var step: String
        /// `not run`, `ran`, `planned`, `applied`, `failed`.
        var status: String
        var pending: Int
        var made: Int
        var error: String?
    }

    struct RunJSON: Encodable {
        var dryRun: Bool
        var pending: Int
        var complete: Bool
        var steps: [StepJSON]

        enum CodingKeys: String, CodingKey {
            case pending, complete, steps
            case dryRun = "dry_run"
        }
    }

    func json(dryRun: Bool) -> RunJSON {
        let items = steps.map { step -> StepJSON in
            let pending = pending(for: step)
            switch state(of: step) {
            case .notRun: return StepJSON(step: step.rawValue, status: "not run", pending: pending, made: 0)
            case .done: return StepJSON(step: step.rawValue, status: "ran", pending: 0, made: 0)
            case .planned: return StepJSON(step: step.rawValue, status: "planned", pending: pending, made: 0)
            case .applied(let made): return StepJSON(step: step.rawValue, status: "applied", pending: pending, made: made)
            case .failed(let made, let error):
                return StepJSON(step: step.rawValue, status: "failed", pending: pending, made: made, error: error)
            }
        }
        let complete = !items.contains { $0.status == "failed" || (!dryRun && $0.status == "planned" && $0.pending > 0) }
        return RunJSON(dryRun: dryRun, pending: pending, complete: complete, steps: items)
    }
}
