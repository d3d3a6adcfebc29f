import InfraKit

/// `infra-dns plan [--prune] [--exit-code]`: what apply would change, dnscontrol-style.
enum DNSPlanCommand {
    struct PlanJSON: Encodable {
        var zones: [DNSZonePlanning.ZonePlanJSON]
        var changes: Int
    }

    @Sendable static func run(_ invocation: Invocation, _ context: Context) async throws -> ExitStatus {
        let session = ToolSession(invocation, context)
        return try await PlanConventions.runPlan(session) { try await plan(session) }
    }

    /// Prints the plan; returns how many changes are pending.
    private static func plan(_ session: ToolSession) async throws -> Int {
        let prune = try session.invocation[DNSTool.Options.planPrune]
        let plans = try await DNSZonePlanning.plans(session, client: session.cloudNSForDNS(), prune: prune)
        DNSZonePlanning.explain(plans, prune: prune, force: false, console: session.console)
        let pending = plans.map(\.changes.count).reduce(0, +)
        if session.json {
            try session.printJSON(PlanJSON(zones: plans.map(DNSZonePlanning.ZonePlanJSON.init), changes: pending))
        } else {
            session.context.stdout.write(DNSZonePlanning.render(plans, color: session.color))
        }
        return pending
    }
}
