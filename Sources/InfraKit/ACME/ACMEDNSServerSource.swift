/// Which DNS servers must serve a challenge record before `present` returns:
/// 1. `ACME_CLOUDNS_DNS_SERVERS`, when set;
/// 2. else the zone's authoritative servers: its NS names and their IPv4 addresses (glue from
///    the NS answer, else an A question), asked of the system resolver;
/// 3. else, when that finds none, the system resolver itself (a recursive resolver may cache a
///    "no such name" for a while, so this is the last resort).
actor ACMEDNSServerSource {
    /// The servers, and how they were chosen, for messages.
    struct Choice: Sendable {
        var servers: [DNSServerAddress]
        var origin: String
    }

    private let configured: [DNSServerAddress]?
    private let systemResolvers: [DNSServerAddress]
    private let resolver: any DNSLookup
    private let log: ACMEHookLog
    private var choices: [String: Choice] = [:]

    init(configured: [DNSServerAddress]?, systemResolvers: [DNSServerAddress], resolver: any DNSLookup, log: ACMEHookLog) {
        self.configured = configured
        self.systemResolvers = systemResolvers
        self.resolver = resolver
        self.log = log
    }

    /// The servers to ask about names in `zone` (the zone serving the name, not a cloud master).
    func servers(for zone: String) async throws(ACMEHookError) -> Choice {
        if let configured, !configured.isEmpty {
            return Choice(servers: configured, origin: "ACME_CLOUDNS_DNS_SERVERS")
        }
        if let known = choices[zone] { return known }
        let choice: Choice
        if let authoritative = await authoritativeServers(of: zone) {
            choice = authoritative
        } else if !systemResolvers.isEmpty {
            choice = Choice(servers: systemResolvers, origin: "the system resolver (/etc/resolv.conf)")
        } else {
            throw ACMEHookError(
                .noDNSServer,
                "no DNS server to check the record at: /etc/resolv.conf names none; set ACME_CLOUDNS_DNS_SERVERS",
                exitStatus: .configuration)
        }
        log.trace("checking DNS at \(choice.origin): \(choice.servers.map(\.description).joined(separator: ", "))")
        choices[zone] = choice
        return choice
    }

    private func authoritativeServers(of zone: String) async -> Choice? {
        for resolverAddress in systemResolvers {
            let response: DNSResponse
            do {
                response = try await resolver.query(zone, type: .ns, at: resolverAddress)
            } catch {
                log.trace("NS of \(zone): \(error.message)")
                continue
            }
            let names = response.records(.ns, named: zone).compactMap { record -> String? in
                if case .ns(let name) = record.data { return DNSName.zone(name) }
                return nil
            }
            guard !names.isEmpty else {
                log.trace("NS of \(zone) at \(resolverAddress): \(response.code), no NS records")
                return nil
            }
            var addresses: [DNSServerAddress] = []
            for name in names.sorted() {
                var found = Self.addresses(of: name, in: response.additional)
                if found.isEmpty, let answer = try? await resolver.query(name, type: .a, at: resolverAddress) {
                    found = Self.addresses(of: name, in: answer.answers)
                }
                if found.isEmpty { log.trace("no IPv4 address for \(name); not checking it") }
                for address in found where !addresses.contains(address) { addresses.append(address) }
            }
            guard !addresses.isEmpty else { return nil }
            return Choice(servers: addresses, origin: "the authoritative servers of \(zone) (\(names.sorted().joined(separator: ", ")))")
        }
        return nil
    }

    private static func addresses(of name: String, in records: [DNSResourceRecord]) -> [DNSServerAddress] {
        records.compactMap { record in
            guard DNSName.zone(record.name) == name, case .a(let address) = record.data else { return nil }
            return DNSServerAddress(host: address, port: 53)
        }
    }
}
