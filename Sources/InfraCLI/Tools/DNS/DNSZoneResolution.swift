import InfraKit

/// How infra-dns commands find their zones: declared in infra.yaml, or the account zone a name
/// belongs to.
extension ToolSession {
    /// A CloudNS client with `--credentials` when given.
    func cloudNSForDNS() throws -> CloudNSClient {
        try cloudNS(credentialsFile: invocation[DNSTool.Options.credentials])
    }

    /// `dns.zones` of infra.yaml, which must declare at least one zone.
    func declaredZones() throws -> (config: LoadedConfig, zones: [InfraConfig.DNS.Zone]) {
        let loaded = try config()
        let zones = loaded.config.dns?.zones ?? []
        guard !zones.isEmpty else { throw DNSCommandError.noDeclaredZones(loaded.path) }
        return (loaded, zones)
    }

    /// The zone a command without `--zone` or ZONE means: infra.yaml's only zone.
    func onlyDeclaredZone(for what: String) throws -> String {
        let loaded = try optionalConfig()
        let zones = loaded?.config.dnsZoneNames ?? []
        guard zones.count == 1 else {
            let reason =
                loaded == nil
                ? "no infra.yaml was found in \(context.currentDirectory) or above"
                : zones.isEmpty
                    ? "\(loaded!.path) declares no dns.zones"
                    : "\(loaded!.path) declares \(zones.count) zones (\(zones.joined(separator: ", ")))"
            throw UsageError(.invalidCombination("\(what) is required: \(reason)"), commandPath: invocation.commandPath)
        }
        return DNSName.zone(zones[0])
    }

    /// The zone and relative host for a HOST argument and an optional `--zone`:
    /// - with `--zone`, HOST is relative to it (a name ending in the zone, or a final dot, is taken
    ///   as fully qualified);
    /// - without, the infra.yaml zone HOST ends in (the longest), else infra.yaml's only zone, else
    ///   for a fully qualified HOST (final dot) the account zone the zone finder picks.
    func locate(host: String, zone: String?, client: @autoclosure () throws -> CloudNSClient) async throws
        -> (zone: String, host: String)
    {
        let trimmed = host.trimmingCharacters(in: .whitespaces)
        if let zone {
            let zone = DNSName.zone(zone)
            if let relative = DNSName.relativeHost(of: trimmed, in: zone) { return (zone, relative) }
            if trimmed.hasSuffix(".") && trimmed != "." {
                throw UsageError(
                    .invalidCombination("\(trimmed) is not inside zone \(zone)"), commandPath: invocation.commandPath)
            }
            return (zone, DNSName.host(trimmed))
        }
        let declared = (try optionalConfig())?.config.dnsZoneNames.map(DNSName.zone) ?? []
        if let owner = declared.filter({ DNSName.relativeHost(of: trimmed, in: $0) != nil }).max(by: { $0.count < $1.count }) {
            return (owner, DNSName.relativeHost(of: trimmed, in: owner) ?? "")
        }
        if trimmed.hasSuffix(".") && trimmed != "." {
            let match = try await client().findZone(for: trimmed)
            return (match.recordZone, match.host)
        }
        if declared.count == 1 { return (declared[0], DNSName.host(trimmed)) }
        let known = declared.isEmpty ? "" : " (infra.yaml declares \(declared.joined(separator: ", ")))"
        throw UsageError(
            .invalidCombination("cannot tell which zone holds '\(trimmed)'; give --zone, or the full name ending in a dot\(known)"),
            commandPath: invocation.commandPath)
    }
}

/// infra-dns's own refusals.
enum DNSCommandError: ClassifiedError {
    case noDeclaredZones(String)
    case invalidDeclaration(file: String, message: String)
    case needsForce([String])

    var exitStatus: ExitStatus {
        switch self {
        case .noDeclaredZones, .invalidDeclaration: .configuration
        case .needsForce: .failure
        }
    }

    var message: String {
        switch self {
        case .noDeclaredZones(let file):
            "\(file) declares no dns.zones; plan and apply compare them with CloudNS"
        case .invalidDeclaration(let file, let message):
            "\(file): \(message)"
        case .needsForce(let refusals):
            refusals.joined(separator: "; ") + "; nothing was changed"
        }
    }
}
