/// A TXT value published for an ACME DNS-01 challenge.
public struct CloudNSPublishedTXT: Sendable, Hashable {
    /// Where the name lives: `recordZone` holds the record, `host` is its host there.
    public var location: CloudNSZoneMatch
    /// The record with its CloudNS id, the handle for removing exactly this value later.
    public var record: DNSRecord
    /// True when the value was already there (a repeated run): nothing was added.
    public var wasPresent: Bool
}

/// What ACME DNS-01 hooks need: publish a TXT value next to any others, remove exactly one value.
extension CloudNSClient {
    /// Publishes `value` as a TXT record at `name` (`_acme-challenge.example.com`, final dot
    /// optional) in the zone the finder picks, next to any other values already there (apex and
    /// wildcard challenges coexist). Publishing a value that is already there adds nothing.
    ///
    /// Does not wait for propagation: follow with ``waitUntilUpdated(_:timeout:interval:progress:)``
    /// on `location.recordZone`.
    public func addTXT(_ value: String, at name: String, ttl: Int = 60) async throws(CloudNSError)
        -> CloudNSPublishedTXT
    {
        let location = try await findZone(for: name)
        let record = DNSRecord(host: location.host, type: "TXT", value: value, ttl: ttl)
        let result = try await ensureRecord(record, in: location.recordZone)
        if case .unchanged = result.outcome {
            return CloudNSPublishedTXT(location: location, record: result.outcome.record, wasPresent: true)
        }
        return CloudNSPublishedTXT(location: location, record: result.outcome.record, wasPresent: false)
    }

    /// Removes every TXT record at `name` whose value is exactly `value`, leaving other values
    /// alone. Returns what was removed; an empty list (nothing to remove) is success too.
    public func removeTXT(_ value: String, at name: String) async throws(CloudNSError) -> [DNSRecord] {
        let location = try await findZone(for: name)
        return try await deleteRecords(in: location.recordZone, host: location.host, type: "TXT", value: value)
    }
}
