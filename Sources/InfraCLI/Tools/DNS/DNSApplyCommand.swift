import InfraKit

/// `infra-dns apply [--yes] [--prune] [--force]`: plans, shows the plan, asks (on a terminal),
/// then makes the changes zone by zone in their safe order. When it stops half way it lists what
/// was made and what was not; running it again re-plans and converges.
enum DNSApplyCommand {
    struct ApplyJSON: Encodable {
        var zones: [ZoneJSON]
        var complete: Bool
    }

    struct ZoneJSON: Encodable {
        var zone: String
        /// `complete`, `stopped` (a change failed) or `not started`.
        var status: String
        var made: [DNSRecordOutput.ChangeJSON]
        var failed: FailureJSON?
        var notMade: [DNSRecordOutput.ChangeJSON]

        enum CodingKeys: String, CodingKey {
            case zone, status, made, failed
            case notMade = "not_made"
        }
    }

    struct FailureJSON: Encodable {
        var change: DNSRecordOutput.ChangeJSON
        var error: String
        var mayHaveBeenMade: Bool

        enum CodingKeys: String, CodingKey {
            case change, error
            case mayHaveBeenMade = "may_have_been_made"
        }
    }

    @Sendable static func run(_ invocation: Invocation, _ context: Context) async throws -> ExitStatus {
        let session = ToolSession(invocation, context)
        let prune = try invocation[DNSTool.Options.prune]
        let force = try invocation[DNSTool.Options.force]
        let client = try session.cloudNSForDNS()
        let plans = try await DNSZonePlanning.plans(session, client: client, prune: prune)
        DNSZonePlanning.explain(plans, prune: prune, force: force, console: session.console)
        if !session.json { context.stdout.write(DNSZonePlanning.render(plans, color: session.color)) }

        let refusals = plans.filter { prune && !force && $0.exceedsDeletionGuard }.map(DNSDeletionGuard.refusal(for:))
        guard refusals.isEmpty else { throw DNSCommandError.needsForce(refusals) }
        let pending = plans.map(\.changes.count).reduce(0, +)
        try PlanConventions.confirm(
            session, pending: pending,
            "make these \(DNSZonePlanning.count(pending, "change")) to \(DNSZonePlanning.count(plans.count { !$0.isEmpty }, "zone"))?")

        let reports = await apply(plans, client: client)
        let failure = reports.first { !$0.isComplete }

        if session.json {
            try session.printJSON(json(plans, reports: reports))
        } else if failure == nil {
            for report in reports {
                context.stdout.write("\(report.zone): \(DNSZonePlanning.count(report.made.count, "change")) made\n")
            }
        }
        guard let failure, let error = failure.error else { return .success }
        let tool = session.invocation.toolName
        describe(
            plans, reports: reports, session,
            resume: "run '\(tool) apply' again: it reads the zones afresh and makes only what is still missing")
        return error.exitStatus
    }

    /// Applies the zones' plans one zone after the other, stopping at the first zone that fails.
    static func apply(_ plans: [DNSZonePlan], client: CloudNSClient) async -> [DNSApplyReport] {
        var reports: [DNSApplyReport] = []
        for plan in plans where !plan.isEmpty {
            let report = await client.apply(plan)
            reports.append(report)
            if !report.isComplete { break }
        }
        return reports
    }

    /// On stderr, even with --quiet: the error, exactly what was made and what was not, then
    /// `resume`, the way to finish the job. Nothing when every report is complete.
    static func describe(_ plans: [DNSZonePlan], reports: [DNSApplyReport], _ session: ToolSession, resume: String) {
        guard let failure = reports.first(where: { !$0.isComplete }), let error = failure.error else { return }
        let unstarted = plans.filter { plan in !plan.isEmpty && !reports.contains { $0.zone == plan.zone } }
        let total = failure.made.count + 1 + failure.notAttempted.count
        session.console.error("\(failure.zone): change \(failure.made.count + 1) of \(total) failed: \(error.message)")
        let stderr = session.context.stderr
        let tool = session.invocation.toolName
        func list(_ title: String, _ changes: [(change: DNSChange, zone: String)]) {
            guard !changes.isEmpty else { return }
            stderr.write("\(tool): \(title):\n")
            for item in changes { stderr.write("  " + DNSRecordOutput.line(item.change, zone: item.zone) + "\n") }
        }
        list("made (\(reports.map(\.made.count).reduce(0, +)))", reports.flatMap { report in report.made.map { ($0, report.zone) } })
        if let change = failure.failed {
            let state = failure.failedChangeMayHaveBeenMade ? "failed, but CloudNS may have made it anyway" : "failed, not made"
            list(state, [(change, failure.zone)])
        }
        let notMade = failure.notAttempted.map { ($0, failure.zone) } + unstarted.flatMap { plan in plan.changes.map { ($0, plan.zone) } }
        list("not made (\(notMade.count))", notMade)
        stderr.write("\(tool): \(resume)\n")
    }

    private static func json(_ plans: [DNSZonePlan], reports: [DNSApplyReport]) -> ApplyJSON {
        let zones = plans.map { plan -> ZoneJSON in
            let encode = { (changes: [DNSChange]) in changes.map { DNSRecordOutput.ChangeJSON($0, zone: plan.zone) } }
            guard let report = reports.first(where: { $0.zone == plan.zone }) else {
                return ZoneJSON(
                    zone: plan.zone, status: plan.isEmpty ? "complete" : "not started", made: [], failed: nil,
                    notMade: encode(plan.changes))
            }
            let failed = report.failed.map { change in
                FailureJSON(
                    change: DNSRecordOutput.ChangeJSON(change, zone: plan.zone), error: report.error?.message ?? "",
                    mayHaveBeenMade: report.failedChangeMayHaveBeenMade)
            }
            return ZoneJSON(
                zone: plan.zone, status: report.isComplete ? "complete" : "stopped", made: encode(report.made),
                failed: failed, notMade: encode(report.notAttempted))
        }
        return ApplyJSON(zones: zones, complete: reports.allSatisfy(\.isComplete))
    }
}
