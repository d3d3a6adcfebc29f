import InfraKit

/// `infra-dns set HOST TYPE VALUE [--zone Z] [--ttl N] [--replace]`: makes the zone hold the
/// record, next to the other values of its set unless `--replace`; prints what it did.
enum DNSSetCommand {
    struct ResultJSON: Encodable {
        var result: String
        var zone: String
        var record: DNSRecordOutput.RecordJSON
        var previous: DNSRecordOutput.RecordJSON?
        var removed: [DNSRecordOutput.RecordJSON]
    }

    @Sendable static func run(_ invocation: Invocation, _ context: Context) async throws -> ExitStatus {
        let session = ToolSession(invocation, context)
        let ttl = try invocation[DNSTool.Options.ttl]
        let client = try session.cloudNSForDNS()
        let (zone, host) = try await session.locate(
            host: invocation.argument("HOST") ?? "", zone: invocation[DNSTool.Options.zone], client: client)
        let record: DNSRecord
        do {
            record = try DNSRecord(
                host: host, type: invocation.argument("TYPE") ?? "", content: invocation.argument("VALUE") ?? "", ttl: ttl)
        } catch {
            throw UsageError(.invalidCombination(error.message), commandPath: invocation.commandPath)
        }
        let result = try await client.ensureRecord(record, in: zone, replacingSet: invocation[DNSTool.Options.replace])
        if session.json {
            var previous: DNSRecordOutput.RecordJSON?
            if case .updated(let old, _) = result.outcome { previous = DNSRecordOutput.RecordJSON(old, zone: zone) }
            try session.printJSON(
                ResultJSON(
                    result: result.outcome.word, zone: zone, record: DNSRecordOutput.RecordJSON(result.outcome.record, zone: zone),
                    previous: previous, removed: result.removed.map { DNSRecordOutput.RecordJSON($0, zone: zone) }))
            return .success
        }
        for gone in result.removed { session.console.note("removed " + DNSRecordOutput.line(gone, zone: zone)) }
        context.stdout.write(result.outcome.word + "\n")
        return .success
    }
}
