import Foundation
import InfraKit
import Synchronization

/// An in-memory CloudNS account behind the ``HTTPTransport`` seam, with a DNS view of it, for
/// tests of the hook's logic: which calls it makes, where records go, what is left.
///
/// Answers follow the shapes of the real API (ids as strings in listings, a number from
/// add-record, `[]` for no records, Failed texts). After every change, `update-status` reports
/// the zone's last server behind for `pollsBeforeUpdated` polls; DNS serves a zone's records
/// once it is updated, except at servers in `silentServers` (never serve) or `deadServers`
/// (time out).
final class FakeCloudNS: HTTPTransport, Sendable {
    struct Zone: Sendable {
        var type = "master"
        var cloudMaster: String?
        var records: [Int: (host: String, type: String, value: String, ttl: Int)] = [:]
        var pendingPolls = 0
    }

    struct State: Sendable {
        var zones: [String: Zone] = [:]
        var nextID = 1000
        var calls: [String] = []
        var pollsBeforeUpdated = 0
        var cnames: [String: String] = [:]
        var nameservers: [String: [(name: String, address: String, glue: Bool)]] = [:]
        var silentServers: Set<String> = []
        var deadServers: Set<String> = []
        var dnsQueries: [(server: String, name: String, type: DNSQueryType)] = []
        /// Methods whose next call fails with this description.
        var failures: [String: String] = [:]
    }

    static let password = "fake-password"
    let state = Mutex(State())

    init(zones: [String]) {
        state.withLock { state in for name in zones { state.zones[name] = Zone() } }
    }

    func client(timeout: Duration = .seconds(180), clock: PollingClock = ACMETestClock().polling) throws -> CloudNSClient {
        var options = CloudNSClient.Options(apiURL: "https://api.cloudns.test", userAgent: "infra-tests")
        options.transport = self
        options.maxRequestsPerSecond = 1_000_000
        options.retryPolicy = RetryPolicy(maxRetries: 0, initialBackoff: .milliseconds(1), maxBackoff: .milliseconds(1))
        options.clock = clock
        return try CloudNSClient(
            credentials: CloudNSCredentials(identity: .authID("1000"), password: Secret(Self.password)), options: options)
    }

    /// Non-poll API calls so far (update-status and is-updated left out).
    var apiCalls: [String] { state.withLock { $0.calls.filter { $0 != "update-status" && $0 != "is-updated" } } }
    var polls: Int { state.withLock { $0.calls.filter { $0 == "update-status" }.count } }

    /// `(host, value)` of every TXT record in `zone`, sorted.
    func txt(in zone: String) -> [String] {
        state.withLock { state in
            (state.zones[zone]?.records.values ?? [:].values).filter { $0.type == "TXT" }.map { "\($0.host)=\($0.value)" }.sorted()
        }
    }

    @discardableResult
    func seedTXT(_ zone: String, host: String, value: String) -> Int {
        state.withLock { state in
            state.nextID += 1
            state.zones[zone]?.records[state.nextID] = (host, "TXT", value, 3600)
            return state.nextID
        }
    }

    // MARK: HTTP

    func execute(_ request: TransportRequest) async throws(TransportError) -> HTTPResponse {
        let method = String(request.url.split(separator: "/").last ?? "").replacingOccurrences(of: ".json", with: "")
        let parameters = Self.form(request.body ?? Data())
        let body = state.withLock { state in Self.answer(method, parameters, &state) }
        return HTTPResponse(status: 200, headers: ["Content-Type": "application/json"], body: Data(body.utf8))
    }

    private static func form(_ body: Data) -> [String: String] {
        var result: [String: String] = [:]
        for pair in String(decoding: body, as: UTF8.self).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
            }
            result[parts[0]] = parts.count > 1 ? parts[1] : ""
        }
        return result
    }

    private static func failed(_ text: String) -> String { #"{"status":"Failed","statusDescription":"\#(text)"}"# }

    private static func json(_ object: Any) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    private static func answer(_ method: String, _ p: [String: String], _ state: inout State) -> String {
        state.calls.append(method)
        guard p["auth-id"] == "1000", p["auth-password"] == password else {
            return failed("Invalid authentication, incorrect auth-id or auth-password.")
        }
        if let failure = state.failures.removeValue(forKey: method) { return failed(failure) }
        let zoneName = p["domain-name"] ?? ""
        switch method {
        case "login":
            return #"{"status":"Success","statusDescription":"Success login."}"#
        case "list-zones":
            return json(state.zones.keys.sorted().map { name in
                ["name": name, "type": state.zones[name]!.type, "zone": "domain", "status": "1", "isUpdated": 1] as [String: Any]
            })
        default:
            break
        }
        guard var zone = state.zones[zoneName] else { return failed("Missing domain-name") }
        defer { state.zones[zoneName] = zone }
        switch method {
        case "get-zone-info":
            var info: [String: Any] = ["name": zoneName, "type": zone.type, "zone": "domain", "status": "1"]
            if let master = zone.cloudMaster { info["cloud-master"] = master }
            return json(info)
        case "update-status":
            let behind = zone.pendingPolls > 0
            if behind { zone.pendingPolls -= 1 }
            return json([
                ["server": "ns1.fake", "ip4": "192.0.2.1", "ip6": "", "updated": true],
                ["server": "ns2.fake", "ip4": "192.0.2.2", "ip6": "", "updated": !behind],
            ])
        case "records", "add-record", "delete-record":
            guard zone.type == "master" else { return failed("This operation is allowed only for master zones.") }
        default:
            return "<html>404</html>"
        }
        switch method {
        case "records":
            let found = zone.records.filter { (_, record) in
                (p["host"].map { record.host == $0 } ?? true) && (p["type"].map { record.type == $0 } ?? true)
            }
            if found.isEmpty { return "[]" }
            return json(Dictionary(uniqueKeysWithValues: found.map { id, record in
                (String(id), ["id": String(id), "type": record.type, "host": record.host, "record": record.value,
                              "failover": "0", "ttl": String(record.ttl), "status": 1] as [String: Any])
            }))
        case "add-record":
            state.nextID += 1
            zone.records[state.nextID] = (p["host"] ?? "", p["record-type"] ?? "", p["record"] ?? "", Int(p["ttl"] ?? "") ?? 0)
            zone.pendingPolls = state.pollsBeforeUpdated
            return #"{"status":"Success","statusDescription":"The record was added successfully.","data":{"id":\#(state.nextID)}}"#
        default:  // delete-record
            guard let id = Int(p["record-id"] ?? ""), zone.records.removeValue(forKey: id) != nil else {
                return failed("Invalid record-id param.")
            }
            zone.pendingPolls = state.pollsBeforeUpdated
            return #"{"status":"Success","statusDescription":"The record was deleted successfully."}"#
        }
    }

    // MARK: DNS

    /// DNS as the fake's servers would answer it.
    var dns: some DNSLookup { FakeDNS(fake: self) }

    struct FakeDNS: DNSLookup {
        let fake: FakeCloudNS

        func query(_ name: String, type: DNSQueryType, at server: DNSServerAddress) async throws(DNSLookupError) -> DNSResponse {
            let name = DNSName.zone(name)
            let answers: [DNSResourceRecord]? = fake.state.withLock { state in
                state.dnsQueries.append((server.description, name, type))
                if state.deadServers.contains(server.description) { return nil }
                switch type {
                case .cname:
                    return state.cnames[name].map { [DNSResourceRecord(name: name, type: .cname, ttl: 60, data: .cname($0))] } ?? []
                case .ns:
                    return (state.nameservers[name] ?? []).map { DNSResourceRecord(name: name, type: .ns, ttl: 60, data: .ns($0.name)) }
                case .a:
                    return state.nameservers.values.joined().filter { $0.name == name }
                        .map { DNSResourceRecord(name: name, type: .a, ttl: 60, data: .a($0.address)) }
                case .txt:
                    guard !state.silentServers.contains(server.description) else { return [] }
                    return state.zones.flatMap { zoneName, zone -> [DNSResourceRecord] in
                        guard zone.pendingPolls == 0 else { return [] }
                        let owner = zone.cloudMaster.flatMap { state.zones[$0] } ?? zone
                        return owner.records.values.filter { DNSName.fqdn(host: $0.host, zone: zoneName) == name && $0.type == "TXT" }
                            .map { DNSResourceRecord(name: name, type: .txt, ttl: 60, data: .txt([$0.value])) }
                    }
                default:
                    return []
                }
            }
            guard let answers else { throw DNSLookupError(.timeout, "\(server): no answer within 2 s") }
            let glue: [DNSResourceRecord] = type == .ns ? fake.state.withLock { state in
                (state.nameservers[name] ?? []).filter(\.glue).map {
                    DNSResourceRecord(name: $0.name, type: .a, ttl: 60, data: .a($0.address))
                }
            } : []
            return DNSResponse(
                id: 1, code: .noError, isAuthoritative: true, isTruncated: false, questionName: name, questionType: type,
                answers: answers, authority: [], additional: glue)
        }
    }
}

/// Time that passes only when someone sleeps: propagation waits of minutes take no time.
final class ACMETestClock: Sendable {
    private let start = ContinuousClock.now
    private let offset = Mutex<Duration>(.zero)

    var now: ContinuousClock.Instant { start + offset.withLock { $0 } }
    var elapsed: Duration { offset.withLock { $0 } }

    var polling: PollingClock {
        PollingClock(now: { [self] in now }, sleep: { [self] duration in offset.withLock { $0 += duration } })
    }
}
