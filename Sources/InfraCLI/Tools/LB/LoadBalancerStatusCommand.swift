import InfraKit

/// `infra-lb status [NAME]`: the load balancer, its services and each target's health per port.
enum LoadBalancerStatusCommand {
    @Sendable static func run(_ invocation: Invocation, _ context: Context) async throws -> ExitStatus {
        let session = ToolSession(invocation, context)
        let name = try LoadBalancerNaming.name(session, given: invocation.argument("NAME"))
        let status = try await LoadBalancerStatus.read(named: name, client: session.hetznerCloud())
        if session.json {
            try session.printJSON(LoadBalancerStatusJSON(status))
        } else {
            context.stdout.write(render(status, color: session.color))
        }
        return status.isHealthy ? .success : .failure
    }

    static func render(_ status: LoadBalancerStatus, color: Bool) -> String {
        let lb = status.loadBalancer
        var text = "\(lb.name) (id \(lb.id)): \(lb.loadBalancerType.name) in \(lb.location.name), \(lb.algorithm.type)\n"
        text += "  IPv4 \(lb.publicNet.ipv4?.ip ?? "none"), IPv6 \(lb.publicNet.ipv6?.ip ?? "none")"
        if !lb.privateNet.isEmpty {
            text += ", private " + lb.privateNet.map { "\($0.ip ?? "?") (network \($0.network))" }.joined(separator: ", ")
        }
        text += "\n\nServices:\n"
        if lb.services.isEmpty { text += "  none\n" }
        for service in lb.services.sorted(by: { $0.listenPort < $1.listenPort }) {
            text += "  " + LoadBalancerDescription.service(service, certificateNames: status.certificateNames) + "\n"
        }
        text += "\nTargets:\n"
        guard !status.targets.isEmpty else { return text + "  none\n" }
        var table = TextTable(headers: ["TARGET", "TYPE", "HEALTH"])
        for target in status.targets {
            let health = target.ports.isEmpty ? "no health reported" : target.ports.map { "\($0.listenPort) \($0.status)" }.joined(separator: ", ")
            var kind = target.type + (target.usePrivateIP ? " (private IP)" : "")
            if let selector = target.selector { kind += " via \(selector)" }
            table.append(
                [target.name, kind, health],
                styles: [nil, nil, TextTable.CellStyle(target.isHealthy ? .green : .red)])
        }
        return text + table.lines(color: color).map { "  " + $0 }.joined(separator: "\n") + "\n"
    }
}

/// `status --json`: stable keys, snake_case.
struct LoadBalancerStatusJSON: Encodable {
    struct Service: Encodable {
        var listen_port: Int
        var destination_port: Int?
        var `protocol`: String
        var proxy_protocol: Bool
        var certificates: [String]
        var health_check: HetznerLoadBalancerService.HealthCheck?
    }

    var name: String
    var id: Int64
    var type: String
    var location: String
    var ipv4: String?
    var ipv6: String?
    var algorithm: String
    var services: [Service]
    var targets: [LoadBalancerTargetHealth]
    var healthy: Bool

    init(_ status: LoadBalancerStatus) {
        let lb = status.loadBalancer
        name = lb.name
        id = lb.id
        type = lb.loadBalancerType.name
        location = lb.location.name
        ipv4 = lb.publicNet.ipv4?.ip
        ipv6 = lb.publicNet.ipv6?.ip
        algorithm = lb.algorithm.type
        services = lb.services.sorted { $0.listenPort < $1.listenPort }.map { service in
            Service(
                listen_port: service.listenPort, destination_port: service.destinationPort, protocol: service.protocol,
                proxy_protocol: service.proxyProtocol ?? false,
                certificates: (service.http?.certificates ?? []).map { status.certificateNames[$0] ?? "#\($0)" },
                health_check: service.healthCheck)
        }
        targets = status.targets
        healthy = status.isHealthy
    }
}
