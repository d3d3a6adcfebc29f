import Foundation
import InfraKit
import Synchronization
import TestSupport

/// Answers shaped like the Hetzner Cloud and Robot references, and clients pointed at a loopback server.
enum HetznerFixtures {
    static let token = "hcloud-canary-token-0123456789abcdef0123456789abcdef0123456789abcdef012"
    static let robotUser = "#ws+canaryUser"
    static let robotPassword = "robot-canary-password-7f3a9c"

    static func cloudClient(
        _ server: LoopbackHTTPServer, clock: PollingClock = VirtualClock().clock, trace: TraceSink? = nil,
        notice: (@Sendable (String) -> Void)? = nil, adjust: (inout HetznerCloudClient.Options) -> Void = { _ in }
    ) throws -> HetznerCloudClient {
        var options = HetznerCloudClient.Options(
            token: Secret(token), endpoint: server.baseURL + "/v1", userAgent: "infra-tests/1.0")
        options.retryPolicy = RetryPolicy(maxRetries: 3, initialBackoff: .milliseconds(1), maxBackoff: .milliseconds(5))
        options.connectTimeout = .seconds(5)
        options.requestTimeout = .seconds(20)
        options.clock = clock
        options.trace = trace
        options.notice = notice
        adjust(&options)
        return try HetznerCloudClient(options: options)
    }

    static func robotClient(_ server: LoopbackHTTPServer, trace: TraceSink? = nil) throws -> HetznerRobotClient {
        var options = HetznerRobotClient.Options(
            user: robotUser, password: Secret(robotPassword), endpoint: server.baseURL, userAgent: "infra-tests/1.0")
        options.retryPolicy = RetryPolicy(maxRetries: 2, initialBackoff: .milliseconds(1), maxBackoff: .milliseconds(5))
        options.trace = trace
        return try HetznerRobotClient(options: options)
    }

    // MARK: Cloud

    static func error(_ code: String, _ message: String, status: Int, details: String = "null", headers: [(String, String)] = []) -> ScriptedResponse {
        .json(#"{"error":{"code":"\#(code)","message":"\#(message)","details":\#(details)}}"#, status: status, headers: headers)
    }

    static func meta(page: Int, perPage: Int, total: Int) -> String {
        let last = max(1, (total + perPage - 1) / perPage)
        func number(_ value: Int?) -> String { value.map(String.init) ?? "null" }
        return #"{"pagination":{"page":\#(page),"per_page":\#(perPage),"previous_page":\#(number(page > 1 ? page - 1 : nil)),"next_page":\#(number(page < last ? page + 1 : nil)),"last_page":\#(last),"total_entries":\#(total)}}"#
    }

    static let location = #"{"id":1,"name":"fsn1","description":"Falkenstein DC Park 1","country":"DE","city":"Falkenstein","latitude":50.47612,"longitude":12.370071,"network_zone":"eu-central"}"#

    static func serverJSON(id: Int, name: String, ipv4: String? = "203.0.113.10") -> String {
        let v4 = ipv4.map { #"{"id":\#(1000 + id),"ip":"\#($0)","blocked":false,"dns_ptr":"static.example"}"# } ?? "null"
        return #"""
            {"id":\#(id),"name":"\#(name)","status":"running","created":"2026-01-01T10:00:00+00:00",
             "public_net":{"ipv4":\#(v4),"ipv6":{"id":\#(2000 + id),"ip":"2001:db8:\#(id)::/64","blocked":false,"dns_ptr":[]},"floating_ips":[],"firewalls":[]},
             "private_net":[{"network":7,"ip":"10.0.0.\#(id % 250 + 2)","alias_ips":[],"mac_address":"86:00:00:00:00:01"}],
             "server_type":{"id":22,"name":"cpx21","cores":3,"memory":4.0,"disk":80,"cpu_type":"shared","architecture":"x86"},
             "location":\#(location),"image":null,"iso":null,"placement_group":null,"rescue_enabled":false,"locked":false,
             "backup_window":null,"primary_disk_size":80,"protection":{"delete":false,"rebuild":false},
             "labels":{"role":"web","team_name":"ops"},"volumes":[],"load_balancers":[],"included_traffic":21990232555520,
             "outgoing_traffic":null,"ingoing_traffic":null}
            """#
    }

    static let lbType = #"{"id":1,"name":"lb11","description":"LB11","max_connections":20000,"max_services":5,"max_targets":25,"max_assigned_certificates":10,"prices":[],"deprecated":null}"#

    static func loadBalancerJSON(id: Int, name: String) -> String {
        #"""
        {"id":\#(id),"name":"\#(name)","created":"2026-01-01T10:00:00+00:00","labels":{"env":"prod"},"protection":{"delete":false},
         "public_net":{"enabled":true,"ipv4":{"ip":"198.51.100.5","dns_ptr":"lb.example.com"},"ipv6":{"ip":"2001:db8::1","dns_ptr":null}},
         "private_net":[{"network":7,"ip":"10.0.0.5"}],
         "location":\#(location),"load_balancer_type":\#(lbType),"algorithm":{"type":"round_robin"},
         "services":[{"protocol":"https","listen_port":443,"destination_port":80,"proxyprotocol":false,
           "http":{"cookie_name":"HCLBSTICKY","cookie_lifetime":300,"certificates":[897],"redirect_http":true,"sticky_sessions":false,"timeout_idle":60},
           "health_check":{"protocol":"http","port":80,"interval":15,"timeout":10,"retries":3,
             "http":{"domain":"example.com","path":"/health","response":"ok","status_codes":["2??","3??"],"tls":false}}}],
         "targets":[
           {"type":"server","server":{"id":42},"use_private_ip":true,"health_status":[{"listen_port":443,"status":"healthy"}]},
           {"type":"label_selector","label_selector":{"selector":"role=web"},"use_private_ip":true,
            "targets":[{"type":"server","server":{"id":43},"use_private_ip":true,"health_status":[{"listen_port":443,"status":"unhealthy"}]}]},
           {"type":"ip","ip":{"ip":"203.0.113.99"},"health_status":[{"listen_port":443,"status":"unknown"}]}],
         "included_traffic":654321,"outgoing_traffic":null,"ingoing_traffic":null}
        """#
    }

    static func actionJSON(
        id: Int, command: String, status: String = "running", resource: (String, Int) = ("load_balancer", 4711),
        error: (String, String)? = nil
    ) -> String {
        let progress = status == "running" ? 40 : 100
        let finished = status == "running" ? "null" : #""2026-01-01T10:00:05+00:00""#
        let failure = error.map { #"{"code":"\#($0.0)","message":"\#($0.1)"}"# } ?? "null"
        return #"{"id":\#(id),"command":"\#(command)","status":"\#(status)","progress":\#(progress),"started":"2026-01-01T10:00:00+00:00","finished":\#(finished),"resources":[{"id":\#(resource.1),"type":"\#(resource.0)"}],"error":\#(failure)}"#
    }

    static func actionAnswer(_ action: String, status: Int = 200) -> ScriptedResponse {
        .json(#"{"action":\#(action)}"#, status: status)
    }

    /// The JSON object of a request body.
    static func body(_ request: RecordedRequest) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: request.body) as? [String: Any] ?? [:]
    }

    // MARK: Robot

    static func robotServerJSON(number: Int, ip: String, subnet: String = "null") -> String {
        #"{"server":{"server_ip":"\#(ip)","server_ipv6_net":"2a01:4f8:111:\#(number)::","server_number":\#(number),"server_name":"dedi\#(number)","product":"EX44","dc":"FSN1-DC10","traffic":"unlimited","status":"ready","cancelled":false,"paid_until":"2026-12-31","ip":["\#(ip)"],"subnet":\#(subnet)}}"#
    }
}

/// Counts what the loopback server answered per path, for responders that change over time.
final class Counter: Sendable {
    private let counts = Mutex<[String: Int]>([:])

    /// Increments and returns the count for `key`, starting at 1.
    func next(_ key: String) -> Int {
        counts.withLock { counts in
            counts[key, default: 0] += 1
            return counts[key]!
        }
    }
}
