import Foundation

/// Reading and changing single records.
extension CloudNSClient {
    /// Every record of `zone` (its cloud master's, for a cloud zone: pass the record zone), read 100
    /// per page until a short page, optionally only those of one host (`""` or `@` for the apex) or
    /// type. Empty answers (`[]`) are an empty list. Sorted by host, type and value.
    public func listRecords(in zone: String, host: String? = nil, type: String? = nil) async throws(CloudNSError)
        -> [DNSRecord]
    {
        let zone = DNSName.zone(zone)
        let host = host.map(DNSName.host)
        let type = type.map { $0.uppercased() }
        var filters: HTTPParameters = ["domain-name": zone]
        // An empty host filter selects nothing in particular at CloudNS, so the apex is filtered here.
        if let host, !host.isEmpty { filters.append("host", host) }
        if let type { filters.append("type", type) }

        var records: [String: DNSRecord] = [:]
        var page = 1
        while true {
            var parameters = filters
            parameters.append("rows-per-page", String(Self.rowsPerPage))
            parameters.append("page", String(page))
            let body = try await call("records", parameters, zone: zone, repeatable: true)
            let chunk = try decode(CloudNSWire.RecordPage.self, from: body, method: "records").records
            for record in chunk.map({ $0.model() }) { records[record.id ?? ""] = record }
            if chunk.count < Self.rowsPerPage || page >= Self.maximumPages { break }
            page += 1
        }
        return records.values
            .filter { record in (host.map { record.host == $0 } ?? true) && (type.map { record.type == $0 } ?? true) }
            .sorted { ($0.host, $0.type, $0.content, $0.id ?? "") < ($1.host, $1.type, $1.content, $1.id ?? "") }
    }

    /// Adds `record` to `zone` and returns it with its new id (and the TTL actually sent: anything
    /// CloudNS does not accept is rounded up, with a notice).
    ///
    /// `add-record` is not harmless twice, so it is not blindly retried. When its answer is lost
    /// after CloudNS may have acted (a 5xx, a dropped connection, a garbled body), the client looks
    /// at the record set: if the record is there, that is the answer; if not, it sends the request
    /// once more.
    public func addRecord(_ record: DNSRecord, in zone: String) async throws(CloudNSError) -> DNSRecord {
        let zone = DNSName.zone(zone)
        var record = record
        record.ttl = acceptedTTL(for: record, in: zone)
        var parameters: HTTPParameters = ["domain-name": zone, "record-type": record.type]
        try appendFields(of: record, to: &parameters)

        let body: Data
        do {
            body = try await call("add-record", parameters, zone: zone, repeatable: false)
        } catch where error.mayHaveTakenEffect {
            if let landed = try? await listRecords(in: zone, host: record.host, type: record.type)
                .first(where: { $0.matchKey == record.matchKey && $0.ttl == record.ttl })
            {
                options.trace?("CloudNS API: add-record answer lost, but the record is there (id \(landed.id ?? "?"))")
                return landed
            }
            body = try await call("add-record", parameters, zone: zone, repeatable: false)
        }
        let answer = try decode(CloudNSWire.AddAnswer.self, from: body, method: "add-record")
        record.id = answer.data.id.value
        return record
    }

    /// Changes the record with `record.id` to `record`'s host, value, TTL and numbers (its type
    /// cannot change). Harmless twice, so retried like a read. A record that no longer exists is
    /// a data error (65).
    @discardableResult
    public func modifyRecord(_ record: DNSRecord, in zone: String) async throws(CloudNSError) -> DNSRecord {
        let zone = DNSName.zone(zone)
        guard let id = record.id else { throw .invalidInput("cannot modify a record without an id") }
        var record = record
        record.ttl = acceptedTTL(for: record, in: zone)
        var parameters: HTTPParameters = ["domain-name": zone, "record-id": id]
        try appendFields(of: record, to: &parameters)
        do {
            _ = try await call("mod-record", parameters, zone: zone, repeatable: true)
        } catch where error.statusDescription == CloudNSFailure.invalidRecordID {
            throw CloudNSError(
                .rejected,
                "CloudNS: record \(id) (\(DNSName.fqdn(host: record.host, zone: zone)) \(record.type)) no longer exists "
                    + "in \(zone); list the zone again", exitStatus: .dataError,
                statusDescription: CloudNSFailure.invalidRecordID)
        }
        return record
    }

    /// Deletes the record `id` of `zone`. An id CloudNS no longer knows counts as success
    /// (``CloudNSDeletion/alreadyGone``): whoever removed it, the record is gone.
    @discardableResult
    public func deleteRecord(id: String, in zone: String) async throws(CloudNSError) -> CloudNSDeletion {
        let zone = DNSName.zone(zone)
        do {
            _ = try await call("delete-record", ["domain-name": zone, "record-id": id], zone: zone, repeatable: true)
            return .deleted
        } catch where error.statusDescription == CloudNSFailure.invalidRecordID {
            return .alreadyGone
        }
    }

    /// host, record, ttl and the type's numbers, as add-record and mod-record take them.
    private func appendFields(of record: DNSRecord, to parameters: inout HTTPParameters) throws(CloudNSError) {
        guard !record.value.isEmpty else { throw .invalidInput("\(record.type) record without a value") }
        parameters.append("host", record.host)
        parameters.append("record", record.value)
        parameters.append("ttl", String(record.ttl))
        switch record.type {
        case "MX":
            guard let priority = record.priority else { throw .invalidInput("MX record without a priority") }
            parameters.append("priority", String(priority))
        case "SRV":
            guard let priority = record.priority, let weight = record.weight, let port = record.port else {
                throw .invalidInput("SRV record without priority, weight and port")
            }
            parameters.append("priority", String(priority))
            parameters.append("weight", String(weight))
            parameters.append("port", String(port))
        default:
            break
        }
    }
}
