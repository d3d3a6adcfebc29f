import InfraKit

/// `infra-lb apply [--yes]`: plans, shows the plan, asks (on a terminal), then makes the changes in
/// order. When it stops half way it lists what was made, what failed and what was not made.
enum LoadBalancerApplyCommand {
    struct ApplyJSON: Encodable {
        var load_balancer: String
        var complete: Bool
        var made: [LoadBalancerPlanOutput.ChangeJSON]
        var failed: FailureJSON?
        var not_made: [LoadBalancerPlanOutput.ChangeJSON]
    }

    struct FailureJSON: Encodable {
        var change: LoadBalancerPlanOutput.ChangeJSON
        var error: String
        var code: String?
        var may_have_been_made: Bool
    }

    @Sendable static func run(_ invocation: Invocation, _ context: Context) async throws -> ExitStatus {
        let session = ToolSession(invocation, context)
        let client = try session.hetznerCloud()
        let plan = try await LoadBalancerPlanning.plan(session, client: client)
        if !session.json { context.stdout.write(LoadBalancerPlanOutput.render(plan, color: session.color)) }
        try PlanConventions.confirm(
            session, pending: plan.changes.count,
            "make these \(LoadBalancerPlanOutput.count(plan.changes.count, "change")) to \(plan.name)?")
        let console = session.console
        let report = await LoadBalancerApplier.apply(plan, client: client) { change in
            console.trace("made: \(change.symbol) \(change.subject())")
        }
        let names = plan.certificateNames
        let encode = { (changes: [LoadBalancerChange]) in changes.map { LoadBalancerPlanOutput.ChangeJSON($0, certificateNames: names) } }
        if session.json {
            let failure = report.failed.map { change in
                FailureJSON(
                    change: LoadBalancerPlanOutput.ChangeJSON(change, certificateNames: names),
                    error: report.error?.message ?? "", code: report.error?.code,
                    may_have_been_made: report.failedChangeMayHaveBeenMade)
            }
            try session.printJSON(
                ApplyJSON(
                    load_balancer: plan.name, complete: report.isComplete, made: encode(report.made), failed: failure,
                    not_made: encode(report.notAttempted)))
        } else if report.isComplete && !plan.isEmpty {
            context.stdout.write("\(plan.name): \(LoadBalancerPlanOutput.count(report.made.count, "change")) made\n")
        }
        guard let error = report.error else { return .success }
        let tool = session.invocation.toolName
        describe(
            report, plan: plan, session,
            resume: "run '\(tool) apply' again: it reads the load balancer afresh and makes only what is still missing")
        return error.exitStatus
    }

    /// On stderr, even with --quiet: the error, exactly what was made and what was not, then
    /// `resume`, the way to finish the job. Nothing when the report is complete.
    static func describe(_ report: LoadBalancerApplyReport, plan: LoadBalancerPlan, _ session: ToolSession, resume: String) {
        guard let failed = report.failed, let error = report.error else { return }
        let total = plan.changes.count
        session.console.error("\(plan.name): change \(report.made.count + 1) of \(total) (\(failed.command)) failed: \(error.message)")
        let stderr = session.context.stderr
        let tool = session.invocation.toolName
        func list(_ title: String, _ changes: [LoadBalancerChange]) {
            guard !changes.isEmpty else { return }
            stderr.write("\(tool): \(title):\n")
            for change in changes {
                for line in LoadBalancerPlanOutput.lines(change, certificateNames: plan.certificateNames) {
                    stderr.write("  " + line + "\n")
                }
            }
        }
        list("made (\(report.made.count))", report.made)
        list(report.failedChangeMayHaveBeenMade ? "failed, but Hetzner may have made it anyway" : "failed, not made", [failed])
        list("not made (\(report.notAttempted.count))", report.notAttempted)
        stderr.write("\(tool): \(resume)\n")
    }
}
