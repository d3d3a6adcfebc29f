import InfraKit

/// `infra-dns delete HOST TYPE [VALUE] [--zone Z]`: deletes the matching records and names them.
/// Nothing to delete is not an error: the record is not there, as asked.
enum DNSDeleteCommand {
    struct ResultJSON: Encodable {
        var zone: String
        var deleted: [DNSRecordOutput.RecordJSON]
    }

    @Sendable static func run(_ invocation: Invocation, _ context: Context) async throws -> ExitStatus {
        let session = ToolSession(invocation, context)
        let client = try session.cloudNSForDNS()
        let (zone, host) = try await session.locate(
            host: invocation.argument("HOST") ?? "", zone: invocation[DNSTool.Options.zone], client: client)
        let type = (invocation.argument("TYPE") ?? "").uppercased()
        let value = invocation.argument("VALUE")
        let deleted = try await client.deleteRecords(in: zone, host: host, type: type, value: value)
        if session.json {
            try session.printJSON(ResultJSON(zone: zone, deleted: deleted.map { DNSRecordOutput.RecordJSON($0, zone: zone) }))
            return .success
        }
        if deleted.isEmpty {
            let what = "\(DNSName.fqdn(host: host, zone: zone)) \(type)" + (value.map { " \($0)" } ?? "")
            session.console.note("nothing to delete: \(zone) holds no \(what) record")
        }
        for record in deleted { context.stdout.write("deleted " + DNSRecordOutput.line(record, zone: zone) + "\n") }
        return .success
    }
}
