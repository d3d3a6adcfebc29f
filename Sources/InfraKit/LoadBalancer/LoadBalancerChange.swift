/// One change that brings a load balancer in line with its declaration, made by one API call and
/// its action.
public enum LoadBalancerChange: Sendable, Equatable {
    /// `POST /load_balancers` with the services, targets and network in the same request: one
    /// action. `targetLabels` name the request's targets in order, for people.
    case create(HetznerLoadBalancerCreate, networkName: String?, targetLabels: [String])
    case changeType(from: String, to: String)
    case changeAlgorithm(from: String, to: String)
    case attachToNetwork(name: String, id: Int64)
    case deleteService(HetznerLoadBalancerService)
    /// `differences` in words, for people: `destination_port 8080 → 80`.
    case updateService(HetznerLoadBalancerServiceUpdate, differences: [String])
    case addService(HetznerLoadBalancerService)
    /// `label` names the target for people: `server app1 (id 12, private IP)`.
    case removeTarget(HetznerLoadBalancerTarget, label: String)
    case addTarget(HetznerLoadBalancerTarget, label: String)

    /// `create`, `delete` or `modify`, as the suite's plans count them.
    public var action: String {
        switch self {
        case .create, .attachToNetwork, .addService, .addTarget: "create"
        case .deleteService, .removeTarget: "delete"
        case .changeType, .changeAlgorithm, .updateService: "modify"
        }
    }

    /// `+`, `-` or `~`.
    public var symbol: String {
        switch action {
        case "create": "+"
        case "delete": "-"
        default: "~"
        }
    }

    /// What changes, for people: `service 443 → 80 https`, `algorithm round_robin → least_connections`.
    public func subject(certificateNames: [Int64: String] = [:]) -> String {
        switch self {
        case .create(let request, let network, _):
            var words = ["load balancer \(request.name): \(request.loadBalancerType) in \(request.location ?? request.networkZone ?? "?")"]
            if let algorithm = request.algorithm { words.append(algorithm.type) }
            if let network { words.append("network \(network)") }
            return words.joined(separator: ", ")
        case .changeType(let from, let to): return "type \(from) → \(to)"
        case .changeAlgorithm(let from, let to): return "algorithm \(from) → \(to)"
        case .attachToNetwork(let name, _): return "network \(name)"
        case .deleteService(let service), .addService(let service):
            return "service " + LoadBalancerDescription.service(service, certificateNames: certificateNames)
        case .updateService(let update, let differences):
            return "service \(update.listenPort): " + differences.joined(separator: ", ")
        case .removeTarget(_, let label), .addTarget(_, let label):
            return "target " + label
        }
    }

    /// What a create brings along, one line each: `service …`, `target …`; empty for other changes.
    public func parts(certificateNames: [Int64: String] = [:]) -> [String] {
        guard case .create(let request, _, let labels) = self else { return [] }
        return (request.services ?? []).map { "service " + LoadBalancerDescription.service($0, certificateNames: certificateNames) } + labels.map { "target " + $0 }
    }

    /// The API command the change sends (`add_target`, …), for reports.
    public var command: String {
        switch self {
        case .create: "create_load_balancer"
        case .changeType: "change_type"
        case .changeAlgorithm: "change_algorithm"
        case .attachToNetwork: "attach_to_network"
        case .deleteService: "delete_service"
        case .updateService: "update_service"
        case .addService: "add_service"
        case .removeTarget: "remove_target"
        case .addTarget: "add_target"
        }
    }
}

/// Services in words, the same in plans and in `status`.
public enum LoadBalancerDescription {
    /// `443 → 80 https, proxy protocol, certificates 12, health check http :80 /health every 15 s`.
    public static func service(_ service: HetznerLoadBalancerService, certificateNames: [Int64: String] = [:]) -> String {
        var words = ["\(service.listenPort) → \(service.destinationPort.map(String.init) ?? "?") \(service.protocol)"]
        if service.proxyProtocol == true { words.append("proxy protocol") }
        if let certificates = service.http?.certificates, !certificates.isEmpty {
            words.append("certificate " + certificates.map { certificateNames[$0] ?? "#\($0)" }.joined(separator: " "))
        }
        if let check = service.healthCheck { words.append("health check " + healthCheck(check)) }
        return words.joined(separator: ", ")
    }

    /// `http :80 /health every 15 s`.
    public static func healthCheck(_ check: HetznerLoadBalancerService.HealthCheck) -> String {
        var words = [check.protocol]
        if let port = check.port { words.append(":\(port)") }
        if let path = check.http?.path { words.append(path) }
        if let interval = check.interval { words.append("every \(interval) s") }
        return words.joined(separator: " ")
    }
}
