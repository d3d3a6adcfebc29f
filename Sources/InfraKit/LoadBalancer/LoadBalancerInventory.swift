/// What the project holds that a declaration refers to, read with one walk of each list, side by
/// side: the load balancer (`?name=`), the servers (only when a Cloud server is a target), the
/// certificate and the network (`?name=`, when declared). No per-target or per-server call.
public struct LoadBalancerInventory: Sendable {
    public var loadBalancer: HetznerLoadBalancer?
    public var servers: [HetznerServer]
    public var certificate: HetznerCertificate?
    public var network: HetznerNetwork?

    public init(
        loadBalancer: HetznerLoadBalancer?, servers: [HetznerServer] = [], certificate: HetznerCertificate? = nil,
        network: HetznerNetwork? = nil
    ) {
        self.loadBalancer = loadBalancer
        self.servers = servers
        self.certificate = certificate
        self.network = network
    }

    public static func read(
        for declaration: LoadBalancerDeclaration, client: HetznerCloudClient
    ) async throws(HetznerCloudError) -> LoadBalancerInventory {
        let needsServers = declaration.targets.contains { if case .server = $0.kind { true } else { false } }
        async let loadBalancer = Result { () async throws(HetznerCloudError) in
            try await client.loadBalancer(named: declaration.name)
        }
        async let servers = Result { () async throws(HetznerCloudError) in
            needsServers ? try await client.servers() : []
        }
        async let certificate = Result { () async throws(HetznerCloudError) in
            guard let name = declaration.certificateName else { return nil as HetznerCertificate? }
            return try await client.certificate(named: name)
        }
        async let network = Result { () async throws(HetznerCloudError) in
            guard let name = declaration.networkName else { return nil as HetznerNetwork? }
            return try await client.network(named: name)
        }
        let results = await (loadBalancer, servers, certificate, network)
        return LoadBalancerInventory(
            loadBalancer: try results.0.get(), servers: try results.1.get(), certificate: try results.2.get(),
            network: try results.3.get())
    }
}

extension Result where Failure == HetznerCloudError {
    /// Runs `body` and keeps its value or its error.
    init(_ body: () async throws(HetznerCloudError) -> Success) async {
        do {
            self = .success(try await body())
        } catch {
            self = .failure(error)
        }
    }
}
