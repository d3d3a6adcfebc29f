/// Zones of the account and the zone finder.
extension CloudNSClient {
    /// Checks the credentials with `login`; throws ``CloudNSError`` (77 when refused).
    public func checkCredentials() async throws(CloudNSError) {
        _ = try await call("login", repeatable: true)
    }

    /// Every zone the credentials can see (a sub-user sees only its own), sorted by name, read
    /// 100 per page until a short page. The answer is kept for the life of the client; pass
    /// `refresh` to read it again.
    public func listZones(refresh: Bool = false) async throws(CloudNSError) -> [CloudNSZone] {
        if !refresh, let cached = zoneCache.withLock({ $0 }) { return cached }
        var zones: [String: CloudNSZone] = [:]
        var page = 1
        while true {
            let parameters: HTTPParameters = ["page": String(page), "rows-per-page": String(Self.rowsPerPage)]
            let body = try await call("list-zones", parameters, repeatable: true)
            let chunk = try decode(CloudNSWire.ZonePage.self, from: body, method: "list-zones").zones
            for zone in chunk.map({ $0.model() }) { zones[zone.name] = zone }
            if chunk.count < Self.rowsPerPage || page >= Self.maximumPages { break }
            page += 1
        }
        let sorted = zones.values.sorted { $0.name < $1.name }
        zoneCache.withLock { $0 = sorted }
        return sorted
    }

    /// `get-zone-info`: confirms the zone exists for these credentials and tells its type and, for a
    /// `cloud` zone, its master. A missing (or unassigned) zone throws `zoneNotFound` (65).
    public func zoneInfo(_ zone: String) async throws(CloudNSError) -> CloudNSZoneInfo {
        let zone = DNSName.zone(zone)
        let body = try await call("get-zone-info", ["domain-name": zone], zone: zone, repeatable: true)
        let info = try decode(CloudNSWire.ZoneInfo.self, from: body, method: "get-zone-info")
        let cloudMaster = info.type == "cloud" ? info.cloudMaster.flatMap { $0.isEmpty ? nil : $0 } : nil
        return CloudNSZoneInfo(name: info.name, type: info.type, kind: info.zone ?? "domain", cloudMaster: cloudMaster)
    }

    /// Where `name` (such as `_acme-challenge.www.example.com`, with or without a final dot)
    /// lives: the account zone with the longest matching suffix — so `dev.example.com` wins over
    /// `example.com` when the account holds both — confirmed with `get-zone-info`. For a `cloud`
    /// zone the match names its master as the zone to edit.
    ///
    /// Throws `noZoneForName` (65) when no zone of the account holds the name.
    public func findZone(for name: String) async throws(CloudNSError) -> CloudNSZoneMatch {
        let name = DNSName.zone(name)
        let zones = try await listZones()
        let candidates = zones.map(\.name).filter { DNSName.relativeHost(of: name, in: $0) != nil }
            .sorted { $0.count > $1.count }
        for candidate in candidates {
            let info: CloudNSZoneInfo
            do {
                info = try await zoneInfo(candidate)
            } catch where error.isZoneNotFound {
                continue  // listed a moment ago but gone (or unassigned) now: the next suffix may hold it
            }
            return CloudNSZoneMatch(
                name: name, zone: candidate, host: DNSName.relativeHost(of: name, in: candidate) ?? "",
                recordZone: info.recordZone)
        }
        let scope = identity.isSubUser ? "zones assigned to \(identity)" : "zones of the account"
        let shown = zones.prefix(5).map(\.name).joined(separator: ", ")
        let listing = zones.isEmpty ? "there are none" : "they are \(shown)\(zones.count > 5 ? ", …" : "")"
        throw CloudNSError(
            .noZoneForName(name), "CloudNS: none of the \(scope) holds \(name) (\(listing))", exitStatus: .dataError)
    }

    /// A bound on paging, far above any real account, so a server that always answers a full page
    /// cannot keep the client busy forever.
    static var maximumPages: Int { 10_000 }
}
