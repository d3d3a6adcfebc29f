import InfraKit

/// Which load balancer a command works on: the NAME given, else `load_balancer.name` of infra.yaml.
enum LoadBalancerNaming {
    static func name(_ session: ToolSession, given: String?) throws -> String {
        if let given, !given.isEmpty { return given }
        guard let name = try session.config().config.loadBalancer?.name, !name.isEmpty else {
            throw LoadBalancerError.configuration("give the load balancer's NAME: infra.yaml declares no load_balancer.name")
        }
        return name
    }

    /// The declaration of infra.yaml, checked.
    static func declaration(_ session: ToolSession) throws -> LoadBalancerDeclaration {
        let loaded = try session.config()
        do {
            return try LoadBalancerDeclaration(loaded.config)
        } catch {
            throw LoadBalancerError.configuration("\(loaded.path): \(error.message)")
        }
    }
}
