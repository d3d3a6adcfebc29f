import InfraKit

/// `infra-lb plan [--exit-code]`: what apply would change.
enum LoadBalancerPlanCommand {
    @Sendable static func run(_ invocation: Invocation, _ context: Context) async throws -> ExitStatus {
        let session = ToolSession(invocation, context)
        return try await PlanConventions.runPlan(session) {
            let plan = try await LoadBalancerPlanning.plan(session, client: session.hetznerCloud())
            if session.json {
                try session.printJSON(LoadBalancerPlanOutput.PlanJSON(plan))
            } else {
                context.stdout.write(LoadBalancerPlanOutput.render(plan, color: session.color))
            }
            return plan.changes.count
        }
    }
}
