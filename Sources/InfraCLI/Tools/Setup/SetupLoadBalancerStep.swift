import InfraKit

/// The pipeline's lb step: infra-lb's plan and apply, as one step of infra-setup.
struct SetupLoadBalancerStep {
    /// The plan, read before anything changes.
    struct Planned {
        var name: String
        var pending: Int
        /// The plan as infra-lb plan prints it.
        var text: String
        /// Its addresses when it exists now; nil when the plan creates it.
        var addresses: DNSTemplateResolver.LoadBalancerAddresses?
    }

    /// What applying did.
    struct Applied {
        var made: Int
        /// The failure, with the change that failed, or nil.
        var error: (any ClassifiedError)?
        var failedChange: String?
        var notMade: Int
    }

    static func plan(_ session: ToolSession, client: HetznerCloudClient) async throws -> Planned {
        guard let name = try session.config().config.loadBalancer?.name else {
            throw SetupPipelineError.noLoadBalancer
        }
        let existing = try await client.loadBalancer(named: name)
        let addresses = existing.map { DNSTemplateResolver.LoadBalancerAddresses.known(ipv4: $0.publicNet.ipv4?.ip, ipv6: $0.publicNet.ipv6?.ip) }
        let text = existing == nil ? "+ create load balancer \(name)\n" : "\(name): no changes\n"
        return Planned(name: name, pending: existing == nil ? 1 : 0, text: text, addresses: addresses)
    }

    static func apply(_ planned: Planned, client: HetznerCloudClient) async -> Applied {
        Applied(made: 0, error: NotImplementedError("the lb step"), failedChange: "create", notMade: planned.pending)
    }
}
