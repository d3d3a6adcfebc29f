import InfraKit

/// `infra-dns zones`: every zone the credentials can see.
enum DNSZonesCommand {
    struct ZoneJSON: Encodable {
        var name: String
        var type: String
        var kind: String
        var updated: Bool?
    }

    @Sendable static func run(_ invocation: Invocation, _ context: Context) async throws -> ExitStatus {
        let session = ToolSession(invocation, context)
        let zones = try await session.cloudNSForDNS().listZones()
        if session.json {
            try session.printJSON(zones.map { ZoneJSON(name: $0.name, type: $0.type, kind: $0.kind, updated: $0.isUpdated) })
            return .success
        }
        var table = TextTable(headers: ["ZONE", "TYPE", "KIND"])
        for zone in zones { table.append([zone.name, zone.type, zone.kind]) }
        context.stdout.write(table.render(maxWidth: context.outputWidth))
        return .success
    }
}
