import InfraKit

/// `infra-dns list [ZONE] [--type T] [--host H]`: the records of a zone.
enum DNSListCommand {
    @Sendable static func run(_ invocation: Invocation, _ context: Context) async throws -> ExitStatus {
        let session = ToolSession(invocation, context)
        let zone = try invocation.argument("ZONE").map(DNSName.zone) ?? session.onlyDeclaredZone(for: "ZONE")
        let records = try await session.cloudNSForDNS().listRecords(
            in: zone, host: invocation[DNSTool.Options.host], type: invocation[DNSTool.Options.type])
        if session.json {
            try session.printJSON(records.map { DNSRecordOutput.RecordJSON($0, zone: zone) })
            return .success
        }
        var table = TextTable(headers: ["ID", "HOST", "TYPE", "TTL", "VALUE"], alignments: [.right, .left, .left, .right])
        for record in records {
            let value = record.isActive ? record.content : record.content + " (inactive)"
            table.append([record.id ?? "", DNSName.display(record.host), record.type, String(record.ttl), value])
        }
        context.stdout.write(table.render(maxWidth: context.outputWidth))
        return .success
    }
}
