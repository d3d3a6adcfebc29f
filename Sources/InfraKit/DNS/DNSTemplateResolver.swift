/// Fills in the templates of `dns.zones` (see ``DNSTemplate``): hosts' addresses from infra.yaml,
/// the load balancer's from what the caller read from the Hetzner Cloud API. Every problem is a
/// ``ConfigError`` (exit 78) naming the file, the line and column of the value, its key path and
/// the record: `infra.yaml:24:39: dns.zones["example.com"].records[3].value: lb A: no host named "web9" in hosts`.
public struct DNSTemplateResolver: Sendable {
    /// The load balancer's public addresses, as far as they are known.
    public enum LoadBalancerAddresses: Sendable, Hashable {
        /// Read from the API; nil for an address it does not have.
        case known(ipv4: String?, ipv6: String?)
        /// It is about to be created: plans show ``DNSTemplate/Reference/knownAfterApply``.
        case knownAfterApply
        /// Not available, and why (`HCLOUD_TOKEN is not set`, `load balancer lb-prod does not exist`).
        case unavailable(String)
    }

    public let config: InfraConfig
    /// The file name for messages.
    public let file: String

    public init(config: InfraConfig, file: String) {
        self.config = config
        self.file = file
    }

    /// Whether any value uses `{{.lb_ip}}` or `{{.lb_ipv6}}`, so that the load balancer must be read.
    /// Values that are not valid templates count as not needing it; ``check()`` reports them.
    public var needsLoadBalancer: Bool {
        allRecords.contains { _, _, record in
            ((try? DNSTemplate.references(in: record.value)) ?? []).contains(where: \.isLoadBalancer)
        }
    }

    /// Checks, before any API call, that every template is known and names a host infra.yaml
    /// declares with the address asked for.
    public func check() throws(ConfigError) {
        for (zone, index, record) in allRecords where DNSTemplate.containsTemplate(record.value) {
            _ = try resolve(record, index: index, zone: zone, loadBalancer: .knownAfterApply)
        }
    }

    /// `zone` with its values filled in. A value whose load balancer address is
    /// ``LoadBalancerAddresses/knownAfterApply`` reads `(lb ipv4, known after apply)` instead:
    /// fit for showing in a plan, never for applying (see ``isKnownAfterApply(_:)``).
    public func resolve(_ zone: InfraConfig.DNS.Zone, loadBalancer: LoadBalancerAddresses) throws(ConfigError)
        -> InfraConfig.DNS.Zone
    {
        var resolved = zone
        for (index, record) in zone.records.enumerated() where DNSTemplate.containsTemplate(record.value) {
            resolved.records[index].value = try resolve(record, index: index, zone: zone.name, loadBalancer: loadBalancer)
        }
        return resolved
    }

    /// Whether a resolved value still waits for an address that only applying will make.
    public static func isKnownAfterApply(_ value: String) -> Bool {
        value.contains(", known after apply)")
    }

    private var allRecords: [(zone: String, index: Int, record: InfraConfig.DNS.Record)] {
        (config.dns?.zones ?? []).flatMap { zone in
            zone.records.enumerated().map { (zone.name, $0.offset, $0.element) }
        }
    }

    private func resolve(
        _ record: InfraConfig.DNS.Record, index: Int, zone: String, loadBalancer: LoadBalancerAddresses
    ) throws(ConfigError) -> String {
        do {
            return try DNSTemplate.substitute(record.value) { reference throws(DNSTemplateError) in
                try value(of: reference, loadBalancer: loadBalancer)
            }
        } catch {
            let path = YAMLPath.root.appending("dns").appending("zones").appending(zone).appending("records")
                .appending(index: index).appending("value")
            let label = "\(DNSName.display(DNSName.host(record.name))) \(record.type.uppercased())"
            throw ConfigError(
                error.isUnknownHost ? .unknownHost : .invalidValue, file: file, mark: record.valueMark, path: path,
                detail: "\(label): \(error.detail)")
        }
    }

    private func value(of reference: DNSTemplate.Reference, loadBalancer: LoadBalancerAddresses) throws(DNSTemplateError)
        -> String
    {
        switch reference {
        case .loadBalancerIPv4, .loadBalancerIPv6:
            guard let declared = config.loadBalancer else {
                throw DNSTemplateError("\(reference) needs a load_balancer section in infra.yaml, and there is none")
            }
            switch loadBalancer {
            case .knownAfterApply:
                return reference.knownAfterApply
            case .unavailable(let reason):
                throw DNSTemplateError("\(reference) cannot be filled in: \(reason)")
            case .known(let ipv4, let ipv6):
                let address = reference == .loadBalancerIPv4 ? ipv4 : ipv6
                guard let address else {
                    let family = reference == .loadBalancerIPv4 ? "IPv4" : "IPv6"
                    throw DNSTemplateError("\(reference): load balancer \(declared.name ?? "") has no public \(family) address")
                }
                return address
            }
        case .hostIP(let name), .hostPrivateIP(let name):
            guard let host = config.hosts.first(where: { $0.name == name }) else {
                var detail = "\(reference): no host named \(EscapedText.quoted(name, for: .message)) in hosts"
                if let suggestion = ClosestMatch.find(name, in: config.hosts.map(\.name)) {
                    detail += " (did you mean \"\(suggestion)\"?)"
                }
                throw DNSTemplateError(detail, isUnknownHost: true)
            }
            if case .hostIP = reference { return host.ip }
            guard let privateIP = host.privateIP else {
                throw DNSTemplateError("\(reference): host \(name) has no private_ip in infra.yaml")
            }
            return privateIP
        }
    }
}
