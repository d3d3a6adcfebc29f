import InfraKit

/// How infra-dns shows records and changes: one text form for people, stable JSON for machines.
enum DNSRecordOutput {
    /// `www.example.com A 192.0.2.1 ttl=300`, dnscontrol's way of writing a record.
    static func line(_ record: DNSRecord, zone: String) -> String {
        "\(DNSName.fqdn(host: record.host, zone: zone)) \(record.type) \(record.content) ttl=\(record.ttl)"
    }

    /// `+ CREATE …`, `~ MODIFY … → …` or `- DELETE …`.
    static func line(_ change: DNSChange, zone: String, color: Bool = false) -> String {
        let text: String
        let style: ANSIStyle
        switch change {
        case .create(let record):
            text = "+ CREATE " + line(record, zone: zone)
            style = .green
        case .delete(let record):
            text = "- DELETE " + line(record, zone: zone)
            style = .red
        case .modify(let old, let new):
            text = "~ MODIFY " + line(old, zone: zone) + " → \(new.content) ttl=\(new.ttl)"
            style = .yellow
        }
        return color ? style.apply(to: text) : text
    }

    /// A record in JSON: `value` in the form infra.yaml and `set` use (`10 mail.example.com.`).
    struct RecordJSON: Encodable {
        var id: String?
        /// `@` for the apex.
        var host: String
        var name: String
        var type: String
        var value: String
        var ttl: Int
        var priority: Int?
        var weight: Int?
        var port: Int?
        var active: Bool

        init(_ record: DNSRecord, zone: String) {
            id = record.id
            host = DNSName.display(record.host)
            name = DNSName.fqdn(host: record.host, zone: zone)
            type = record.type
            value = record.content
            ttl = record.ttl
            priority = record.priority
            weight = record.weight
            port = record.port
            active = record.isActive
        }
    }

    /// A change in JSON: `action` is `create`, `modify` or `delete`.
    struct ChangeJSON: Encodable {
        var action: String
        var record: RecordJSON
        /// For `modify`: the record as it was.
        var previous: RecordJSON?

        init(_ change: DNSChange, zone: String) {
            action = change.verb.lowercased()
            record = RecordJSON(change.record, zone: zone)
            if case .modify(let old, _) = change { previous = RecordJSON(old, zone: zone) }
        }
    }
}
