import InfraKit

/// `infra-dns export ZONE`: the zone as a `dns.zones` fragment to paste into infra.yaml.
/// ACME challenge records are left out: they are transient and belong to the hook.
enum DNSExportCommand {
    struct ExportJSON: Encodable {
        var zone: String
        var records: [RecordJSON]
    }

    struct RecordJSON: Encodable {
        var name: String
        var type: String
        var value: String
        var ttl: Int
    }

    @Sendable static func run(_ invocation: Invocation, _ context: Context) async throws -> ExitStatus {
        let session = ToolSession(invocation, context)
        let zone = DNSName.zone(invocation.argument("ZONE") ?? "")
        let all = try await session.cloudNSForDNS().listRecords(in: zone)
        let records = all.filter { !isChallenge($0) }
        if all.count != records.count {
            session.console.note("\(zone): left out \(DNSZonePlanning.count(all.count - records.count, "ACME challenge record"))")
        }
        if session.json {
            try session.printJSON(
                ExportJSON(
                    zone: zone,
                    records: records.map {
                        RecordJSON(name: DNSName.display($0.host), type: $0.type, value: $0.content, ttl: $0.ttl)
                    }))
            return .success
        }
        var text = "dns:\n  zones:\n    \(zone):\n"
        text += records.isEmpty ? "      records: []\n" : "      records:\n"
        for record in records {
            text += "        - { name: \(EscapedText.quoted(DNSName.display(record.host), for: .yaml)), type: \(record.type), "
                + "value: \(EscapedText.quoted(record.content, for: .yaml)), ttl: \(record.ttl) }\n"
        }
        context.stdout.write(text)
        return .success
    }

    private static func isChallenge(_ record: DNSRecord) -> Bool {
        record.type == "TXT" && (record.host == "_acme-challenge" || record.host.hasPrefix("_acme-challenge."))
    }

}
