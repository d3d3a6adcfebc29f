import InfraKit

/// `infra-lb delete [NAME] --yes`.
enum LoadBalancerDeleteCommand {
    @Sendable static func run(_ invocation: Invocation, _ context: Context) async throws -> ExitStatus {
        let session = ToolSession(invocation, context)
        let name = try LoadBalancerNaming.name(session, given: invocation.argument("NAME"))
        guard try invocation[LoadBalancerTool.Options.deleteYes] else {
            throw UsageError(
                .invalidCombination("delete removes \(name) with its services and targets; add --yes to do it"),
                commandPath: invocation.commandPath)
        }
        let client = try session.hetznerCloud()
        guard let lb = try await client.loadBalancer(named: name) else {
            throw LoadBalancerError.missing("no load balancer named '\(name)' in the project")
        }
        do {
            if lb.protection.delete { throw protectedError(name) }
            try await client.deleteLoadBalancer(id: lb.id)
        } catch let error as HetznerCloudError where error.code == "protected" {
            throw protectedError(name)
        }
        if session.json {
            try session.printJSON(["deleted": name])
        } else {
            context.stdout.write("\(name): deleted\n")
        }
        return .success
    }

    static func protectedError(_ name: String) -> LoadBalancerError {
        LoadBalancerError.missing(
            "\(name) has delete protection; lift it first with the change_protection action "
                + "(hcloud load-balancer disable-protection \(name) delete), then delete again")
    }
}
