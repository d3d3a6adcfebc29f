import InfraKit

/// `infra-dns plan [--prune] [--exit-code]`: what apply would change, dnscontrol-style.
enum DNSPlanCommand {
    struct PlanJSON: Encodable {
        var zones: [DNSZonePlanning.ZonePlanJSON]
        var changes: Int
    }

    @Sendable static func run(_ invocation: Invocation, _ context: Context) async throws -> ExitStatus {
        let session = DNSSession(invocation, context)
        guard invocation.flag("exit-code") else {
            _ = try await plan(session)
            return .success
        }
        // --exit-code promises scripts three answers: 0 nothing to do, 2 changes pending, 1 error.
        do {
            return try await plan(session) == .success ? .success : ExitStatus(rawValue: 2)
        } catch let error as any ClassifiedError {
            session.console.error(error.message)
            return .failure
        }
    }

    /// `.success` when nothing is pending, `.failure` when changes are.
    private static func plan(_ session: DNSSession) async throws -> ExitStatus {
        let prune = session.invocation.flag("prune")
        let plans = try await DNSZonePlanning.plans(session, client: session.client(), prune: prune)
        DNSZonePlanning.explain(plans, prune: prune, force: false, console: session.console)
        let pending = plans.map(\.changes.count).reduce(0, +)
        if session.json {
            try session.printJSON(PlanJSON(zones: plans.map(DNSZonePlanning.ZonePlanJSON.init), changes: pending))
        } else {
            session.context.stdout.write(DNSZonePlanning.render(plans, color: session.color))
        }
        return pending == 0 ? .success : .failure
    }
}
