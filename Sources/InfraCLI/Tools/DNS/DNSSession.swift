import Foundation
import InfraKit

/// What every infra-dns command works with: the parsed command line, the world it runs in, the
/// console for diagnostics, and — made on first use — the CloudNS client and infra.yaml.
struct DNSSession: Sendable {
    let invocation: Invocation
    let context: Context
    let console: Console

    init(_ invocation: Invocation, _ context: Context) {
        self.invocation = invocation
        self.context = context
        console = Console(invocation: invocation, context: context)
    }

    var json: Bool { invocation.global.json }

    /// A client from `--credentials`, the `CLOUDNS_*` variables and `CLOUDNS_API_URL`; `--verbose`
    /// traces every HTTP attempt, notices (TTLs rounded up) go to stderr.
    func client() throws(CloudNSError) -> CloudNSClient {
        let console = console
        return try CloudNSClient.fromEnvironment(
            context.environment, credentialsFile: invocation.value("credentials"),
            userAgent: "\(invocation.toolName)/\(InfraTools.version)"
        ) { options in
            options.trace = console.verbose ? console.traceSink : nil
            options.notice = { console.note($0) }
        }
    }

    /// infra.yaml from `--config`, or found by walking up from the current directory. Warnings
    /// (unknown keys) are printed. When `required` is false, a missing file is nil rather than an
    /// error — but a file that exists and is wrong is always an error.
    func config(required: Bool) throws(ConfigError) -> LoadedConfig? {
        let loaded: LoadedConfig
        do {
            if let path = invocation.global.configPath {
                let absolute = path.hasPrefix("/") ? path : context.currentDirectory + "/" + path
                loaded = try InfraConfig.load(path: absolute, environment: context.environment)
            } else {
                loaded = try InfraConfig.discover(from: context.currentDirectory, environment: context.environment)
            }
        } catch where error.kind == .notDiscovered && !required {
            return nil
        }
        for warning in loaded.warnings { console.warning(warning.description) }
        return loaded
    }

    /// `dns.zones` of infra.yaml, which must declare at least one zone.
    func declaredZones() throws -> (config: LoadedConfig, zones: [InfraConfig.DNS.Zone]) {
        guard let loaded = try config(required: true) else { throw DNSCommandError.noDeclaredZones("infra.yaml") }
        let zones = loaded.config.dns?.zones ?? []
        guard !zones.isEmpty else { throw DNSCommandError.noDeclaredZones(loaded.path) }
        return (loaded, zones)
    }

    /// The zone a command without `--zone` or ZONE means: infra.yaml's only zone.
    func onlyDeclaredZone(for what: String) throws -> String {
        let loaded = try config(required: false)
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
        let declared = (try config(required: false))?.config.dnsZoneNames.map(DNSName.zone) ?? []
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

    /// Prints `value` as JSON on stdout.
    func printJSON(_ value: some Encodable) throws {
        context.stdout.write(try JSONOutput.encode(value))
    }

    /// Whether stdout gets colour.
    var color: Bool { context.usesColor(invocation.global.color) }
}

/// infra-dns's own refusals.
enum DNSCommandError: ClassifiedError {
    case noDeclaredZones(String)
    case invalidDeclaration(file: String, message: String)
    case needsForce([String])
    case notATerminal
    case declined

    var exitStatus: ExitStatus {
        switch self {
        case .noDeclaredZones, .invalidDeclaration: .configuration
        case .needsForce, .declined: .failure
        case .notATerminal: .usage
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
        case .notATerminal:
            "standard input is not a terminal, so there is no one to ask; add --yes to make the changes shown"
        case .declined:
            "nothing was changed"
        }
    }
}
