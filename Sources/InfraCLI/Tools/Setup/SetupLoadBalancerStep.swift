import InfraKit

/// The pipeline's lb step: infra-lb's planner and applier, as one step of infra-setup.
struct SetupLoadBalancerStep {
    var plan: LoadBalancerPlan

    var pending: Int { plan.changes.count }

    /// The addresses of the load balancer as it is now; nil when the plan creates it, so that
    /// they are known only after apply.
    var addresses: DNSTemplateResolver.LoadBalancerAddresses? {
        plan.existing.map { .known(ipv4: $0.publicNet.ipv4?.ip, ipv6: $0.publicNet.ipv6?.ip) }
    }

    /// Reads the project and plans, printing the planner's notes.
    static func plan(_ session: ToolSession, client: HetznerCloudClient) async throws -> SetupLoadBalancerStep {
        SetupLoadBalancerStep(plan: try await LoadBalancerPlanning.plan(session, client: client))
    }

    /// The plan as infra-lb plan prints it.
    func render(color: Bool) -> String {
        LoadBalancerPlanOutput.render(plan, color: color)
    }

    func apply(_ session: ToolSession, client: HetznerCloudClient) async -> LoadBalancerApplyReport {
        let console = session.console
        return await LoadBalancerApplier.apply(plan, client: client) { change in
            console.trace("made: \(change.symbol) \(change.subject())")
        }
    }
}
