/// The changes that bring a load balancer in line with its declaration, in the order they can be
/// made: type and algorithm, the network (before targets that use it), services (deletions first,
/// so limits never stand in the way), then targets (removals first).
public struct LoadBalancerPlan: Sendable {
    public var name: String
    /// The load balancer as it is; nil when it is to be created.
    public var existing: HetznerLoadBalancer?
    public var changes: [LoadBalancerChange]
    /// Things apply cannot change (the location), for stderr.
    public var notes: [String]
    /// The declared certificate's name by ID, to show services with it.
    public var certificateNames: [Int64: String] = [:]

    public var isEmpty: Bool { changes.isEmpty }
    public func count(_ action: String) -> Int { changes.filter { $0.action == action }.count }
}

public enum LoadBalancerPlanner {
    /// Compares; throws ``LoadBalancerError`` (65) when the project lacks a server, certificate or
    /// network the declaration names.
    public static func plan(
        _ declaration: LoadBalancerDeclaration, inventory: LoadBalancerInventory
    ) throws(LoadBalancerError) -> LoadBalancerPlan {
        let certificateID = try certificateID(declaration, inventory)
        let network = try network(declaration, inventory)
        let services = declaration.services.map { desiredService($0, certificateID: certificateID) }
        let targets = try declaration.targets.map { target throws(LoadBalancerError) in
            try desiredTarget(target, servers: inventory.servers)
        }
        guard let existing = inventory.loadBalancer else {
            let request = HetznerLoadBalancerCreate(
                name: declaration.name, loadBalancerType: declaration.type, location: declaration.location,
                algorithm: declaration.algorithm.map(HetznerLoadBalancerAlgorithm.init(type:)), services: services,
                targets: targets.map(\.target), network: network?.id)
            let create = LoadBalancerChange.create(request, networkName: network?.name, targetLabels: targets.map(\.label))
            return LoadBalancerPlan(
                name: declaration.name, existing: nil, changes: [create], notes: [],
                certificateNames: certificateNames(inventory))
        }

        var changes: [LoadBalancerChange] = []
        var notes: [String] = []
        if existing.location.name != declaration.location {
            notes.append(
                "\(declaration.name) is in \(existing.location.name), infra.yaml says \(declaration.location): "
                    + "a load balancer cannot move; delete it and apply again to move it")
        }
        if existing.loadBalancerType.name != declaration.type {
            changes.append(.changeType(from: existing.loadBalancerType.name, to: declaration.type))
        }
        if let algorithm = declaration.algorithm, existing.algorithm.type != algorithm {
            changes.append(.changeAlgorithm(from: existing.algorithm.type, to: algorithm))
        }
        if let network, !existing.privateNet.contains(where: { $0.network == network.id }) {
            changes.append(.attachToNetwork(name: network.name, id: network.id))
        }

        for service in existing.services where !services.contains(where: { $0.listenPort == service.listenPort }) {
            changes.append(.deleteService(service))
        }
        for service in services {
            if let current = existing.service(listeningOn: service.listenPort) {
                if let update = ServiceComparison.update(from: current, to: service) {
                    changes.append(.updateService(update.body, differences: update.differences))
                }
            }
        }
        for service in services where existing.service(listeningOn: service.listenPort) == nil {
            changes.append(.addService(service))
        }

        let serverNames = Dictionary(inventory.servers.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        var missing: [ResolvedTarget] = []
        var kept: Set<Int> = []
        for wanted in targets {
            if let index = existing.targets.firstIndex(where: { sameTarget($0, wanted.target) && sameUse($0, wanted.target) }) {
                kept.insert(index)
            } else {
                missing.append(wanted)
            }
        }
        for (index, target) in existing.targets.enumerated() where !kept.contains(index) {
            changes.append(.removeTarget(target.reference, label: label(of: target, serverNames: serverNames)))
        }
        changes += missing.map { .addTarget($0.target, label: $0.label) }
        return LoadBalancerPlan(
            name: declaration.name, existing: existing, changes: changes, notes: notes,
            certificateNames: certificateNames(inventory))
    }

    // MARK: Desired state

    static func certificateNames(_ inventory: LoadBalancerInventory) -> [Int64: String] {
        inventory.certificate.map { [$0.id: $0.name] } ?? [:]
    }

    struct ResolvedTarget {
        var target: HetznerLoadBalancerTarget
        var label: String
    }

    static func certificateID(
        _ declaration: LoadBalancerDeclaration, _ inventory: LoadBalancerInventory
    ) throws(LoadBalancerError) -> Int64? {
        guard declaration.services.contains(where: { $0.protocol == "https" }), let name = declaration.certificateName else {
            return nil
        }
        guard let certificate = inventory.certificate else {
            throw .missing(
                "load_balancer.ssl.certificate: the project has no certificate named '\(name)'; upload one with "
                    + "'infra-lb cert deploy --cert FULLCHAIN --key KEY'")
        }
        return certificate.id
    }

    static func network(
        _ declaration: LoadBalancerDeclaration, _ inventory: LoadBalancerInventory
    ) throws(LoadBalancerError) -> HetznerNetwork? {
        guard let name = declaration.networkName else { return nil }
        guard let network = inventory.network else { throw .missing("network.name: the project has no network named '\(name)'") }
        return network
    }

    static func desiredService(
        _ service: LoadBalancerDeclaration.Service, certificateID: Int64?
    ) -> HetznerLoadBalancerService {
        var http: HetznerLoadBalancerService.HTTP?
        if service.protocol == "https", let certificateID {
            http = HetznerLoadBalancerService.HTTP(certificates: [certificateID])
        }
        var healthCheck: HetznerLoadBalancerService.HealthCheck?
        if let declared = service.healthCheck {
            let proto = declared.protocol ?? (service.protocol == "tcp" ? "tcp" : "http")
            healthCheck = HetznerLoadBalancerService.HealthCheck(
                protocol: proto, port: service.destinationPort, interval: declared.interval,
                http: proto == "http" ? declared.path.map { HetznerLoadBalancerService.HealthCheck.HTTP(path: $0) } : nil)
        }
        return HetznerLoadBalancerService(
            protocol: service.protocol, listenPort: service.listenPort, destinationPort: service.destinationPort,
            proxyProtocol: service.proxyProtocol, http: http, healthCheck: healthCheck)
    }

    /// A Cloud host is the server of the same name, else the one with its public or private address.
    static func desiredTarget(
        _ target: LoadBalancerDeclaration.Target, servers: [HetznerServer]
    ) throws(LoadBalancerError) -> ResolvedTarget {
        switch target.kind {
        case .ip:
            return ResolvedTarget(target: .ip(target.address), label: "ip \(target.address) (\(target.host))")
        case .server(let usePrivateIP):
            let server =
                servers.first { $0.name == target.host }
                ?? servers.first { $0.ipv4 == target.address }
                ?? servers.first { server in
                    target.privateAddress.map { address in (server.privateNet ?? []).contains { $0.ip == address } } ?? false
                }
            guard let server else {
                throw .missing(
                    "hosts.\(target.host): no Cloud server is named \(target.host) or has the address \(target.address)")
            }
            let via = usePrivateIP ? ", private IP" : ""
            return ResolvedTarget(
                target: .server(server.id, usePrivateIP: usePrivateIP),
                label: "server \(target.host) (id \(server.id)\(via))")
        }
    }

    // MARK: Comparison

    static func sameTarget(_ a: HetznerLoadBalancerTarget, _ b: HetznerLoadBalancerTarget) -> Bool {
        a.type == b.type && a.server?.id == b.server?.id && a.ip?.ip == b.ip?.ip
            && a.labelSelector?.selector == b.labelSelector?.selector
    }

    static func sameUse(_ a: HetznerLoadBalancerTarget, _ b: HetznerLoadBalancerTarget) -> Bool {
        a.type == "ip" || (a.usePrivateIP ?? false) == (b.usePrivateIP ?? false)
    }

    static func label(of target: HetznerLoadBalancerTarget, serverNames: [Int64: String]) -> String {
        switch target.type {
        case "server":
            let id = target.server?.id ?? 0
            let via = target.usePrivateIP == true ? ", private IP" : ""
            return "server \(serverNames[id] ?? "#\(id)") (id \(id)\(via))"
        case "ip": return "ip \(target.ip?.ip ?? "?")"
        default: return "label selector \(target.labelSelector?.selector ?? "?")"
        }
    }
}
