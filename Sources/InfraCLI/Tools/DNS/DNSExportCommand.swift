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
            text += "        - { name: \(quoted(DNSName.display(record.host))), type: \(record.type), "
                + "value: \(quoted(record.content)), ttl: \(record.ttl) }\n"
        }
        context.stdout.write(text)
        return .success
    }

    private static func isChallenge(_ record: DNSRecord) -> Bool {
        record.type == "TXT" && (record.host == "_acme-challenge" || record.host.hasPrefix("_acme-challenge."))
    }

    /// A YAML double-quoted scalar: safe for any value, `@`, `*`, `#`, quotes and colons included.
    static func quoted(_ text: String) -> String {
        var quoted = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case "\n": quoted += "\\n"
            case "\t": quoted += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                quoted += "\\x" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
            default: quoted.unicodeScalars.append(scalar)
            }
        }
        return quoted + "\""
    }
}
