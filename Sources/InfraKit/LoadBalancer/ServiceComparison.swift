/// Compares a service as it is with the one declared, field by field, looking only at the fields
/// the declaration sets (the API fills the others with its defaults, which must not read as drift).
enum ServiceComparison {
    struct Update {
        var body: HetznerLoadBalancerServiceUpdate
        var differences: [String]
    }

    /// The `update_service` body that makes `current` into `wanted`, or nil when nothing differs.
    static func update(from current: HetznerLoadBalancerService, to wanted: HetznerLoadBalancerService) -> Update? {
        var body = HetznerLoadBalancerServiceUpdate(listenPort: wanted.listenPort)
        var differences: [String] = []
        func note(_ field: String, _ old: String, _ new: String) { differences.append("\(field) \(old) → \(new)") }

        if current.protocol != wanted.protocol {
            body.protocol = wanted.protocol
            note("protocol", current.protocol, wanted.protocol)
        }
        if let port = wanted.destinationPort, current.destinationPort != port {
            body.destinationPort = port
            note("destination_port", current.destinationPort.map(String.init) ?? "none", String(port))
        }
        if let proxy = wanted.proxyProtocol, (current.proxyProtocol ?? false) != proxy {
            body.proxyProtocol = proxy
            note("proxyprotocol", String(current.proxyProtocol ?? false), String(proxy))
        }
        if let certificates = wanted.http?.certificates {
            let had = current.http?.certificates ?? []
            if Set(had) != Set(certificates) || body.protocol != nil {
                body.http = HetznerLoadBalancerService.HTTP(certificates: certificates)
                if Set(had) != Set(certificates) { note("certificates", ids(had), ids(certificates)) }
            }
        }
        if let check = wanted.healthCheck {
            let checkDifferences = healthCheckDifferences(current.healthCheck, check)
            if !checkDifferences.isEmpty {
                body.healthCheck = check
                differences += checkDifferences
            }
        }
        return differences.isEmpty ? nil : Update(body: body, differences: differences)
    }

    static func healthCheckDifferences(
        _ current: HetznerLoadBalancerService.HealthCheck?, _ wanted: HetznerLoadBalancerService.HealthCheck
    ) -> [String] {
        var differences: [String] = []
        func compare<Value: Equatable & CustomStringConvertible>(_ field: String, _ old: Value?, _ new: Value?) {
            guard let new, old != new else { return }
            differences.append("health_check.\(field) \(old.map(\.description) ?? "none") → \(new)")
        }
        compare("protocol", current?.protocol, wanted.protocol)
        compare("port", current?.port, wanted.port)
        compare("interval", current?.interval, wanted.interval)
        compare("timeout", current?.timeout, wanted.timeout)
        compare("retries", current?.retries, wanted.retries)
        compare("http.path", current?.http?.path, wanted.http?.path)
        return differences
    }

    static func ids(_ ids: [Int64]) -> String {
        ids.isEmpty ? "none" : ids.map { "#\($0)" }.joined(separator: " ")
    }
}
