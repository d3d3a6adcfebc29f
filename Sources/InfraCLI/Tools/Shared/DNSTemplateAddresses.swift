import InfraKit

extension ToolSession {
    /// The load balancer's addresses for `{{.lb_ip}}` and `{{.lb_ipv6}}`, read from the Hetzner
    /// Cloud API only when a template needs them. Without a token, or without the load balancer,
    /// they are unavailable, and the resolver names each record that needed them.
    func loadBalancerAddresses(for resolver: DNSTemplateResolver) async throws -> DNSTemplateResolver.LoadBalancerAddresses {
        guard resolver.needsLoadBalancer, let name = resolver.config.loadBalancer?.name else {
            return .unavailable("infra.yaml declares no load_balancer.name")
        }
        guard let client = try hetznerCloudIfConfigured() else {
            return .unavailable(
                "\(HetznerCloudCredentials.Variable.token.name) is not set, so the load balancer's addresses cannot be read")
        }
        guard let loadBalancer = try await client.loadBalancer(named: name) else {
            return .unavailable("load balancer \(name) does not exist yet (infra-setup or infra-lb creates it)")
        }
        return .known(ipv4: loadBalancer.publicNet.ipv4?.ip, ipv6: loadBalancer.publicNet.ipv6?.ip)
    }
}
