import Foundation
import InfraKit
import Testing

/// The load balancer declaration of infra.yaml and the planner, in-process, on the fixture.
@Suite("Load balancer declaration and planner")
struct LoadBalancerPlannerTests {
    static func declaration() throws -> LoadBalancerDeclaration {
        try LoadBalancerDeclaration(ConfigFixtures.loadExample())
    }

    static func decode<Value: Decodable>(_ type: Value.Type, _ json: String) throws -> Value {
        try JSONDecoder().decode(Value.self, from: Data(json.utf8))
    }

    static let servers = """
        [{"id": 11, "name": "app1", "status": "running", "labels": {}, "public_net": {"ipv4": {"ip": "203.0.113.21"}}},
         {"id": 12, "name": "renamed", "status": "running", "labels": {}, "public_net": {"ipv4": {"ip": "203.0.113.22"}}}]
        """

    static let certificate = #"{"id": 7, "name": "wildcard-example-com", "labels": {}}"#
    static let network = #"{"id": 3, "name": "prod-net", "ip_range": "10.0.0.0/16"}"#

    /// The fixture's load balancer as the API shows it once built: every default filled in.
    static func converged(services extra: String = "", targets: String? = nil) -> String {
        let health = """
            {"protocol": "http", "port": 80, "interval": 15, "timeout": 10, "retries": 3,
             "http": {"domain": null, "path": "/health", "response": "", "status_codes": ["2??", "3??"], "tls": false}}
            """
        let httpDefaults = #""cookie_name": "HCLBSTICKY", "cookie_lifetime": 300, "redirect_http": false, "sticky_sessions": false"#
        return """
            {"id": 1, "name": "lb-prod", "labels": {}, "protection": {"delete": false},
             "public_net": {"enabled": true, "ipv4": {"ip": "203.0.113.1"}, "ipv6": {"ip": "2001:db8::1"}},
             "private_net": [{"network": 3, "ip": "10.0.0.5"}],
             "location": {"id": 1, "name": "fsn1", "network_zone": "eu-central"},
             "load_balancer_type": {"id": 1, "name": "lb11"},
             "algorithm": {"type": "round_robin"},
             "services": [
               {"protocol": "https", "listen_port": 443, "destination_port": 80, "proxyprotocol": true,
                "http": {\(httpDefaults), "certificates": [7]}, "health_check": \(health)},
               {"protocol": "http", "listen_port": 80, "destination_port": 80, "proxyprotocol": false,
                "http": {\(httpDefaults), "certificates": []}, "health_check": \(health)}\(extra)],
             "targets": \(targets ?? """
                [{"type": "server", "server": {"id": 11}, "use_private_ip": true,
                  "health_status": [{"listen_port": 80, "status": "healthy"}]},
                 {"type": "server", "server": {"id": 12}, "use_private_ip": true}]
                """)}
            """
    }

    static func inventory(_ lb: String?) throws -> LoadBalancerInventory {
        LoadBalancerInventory(
            loadBalancer: try lb.map { try decode(HetznerLoadBalancer.self, $0) },
            servers: try decode([HetznerServer].self, servers), certificate: try decode(HetznerCertificate.self, certificate),
            network: try decode(HetznerNetwork.self, network))
    }

    @Test("the fixture declares two services and two private server targets")
    func declarationOfTheFixture() throws {
        let declaration = try Self.declaration()
        #expect(declaration.name == "lb-prod" && declaration.type == "lb11" && declaration.location == "fsn1")
        #expect(declaration.services.map(\.listenPort) == [443, 80])
        #expect(declaration.services[0].protocol == "https" && declaration.services[0].proxyProtocol)
        #expect(declaration.targets.map(\.host) == ["app1", "app2"])
        #expect(declaration.targets.allSatisfy { $0.kind == .server(usePrivateIP: true) })
        #expect(declaration.certificateName == "wildcard-example-com")
    }

    @Test("a missing load balancer is one create carrying services, targets and network")
    func create() throws {
        let plan = try LoadBalancerPlanner.plan(Self.declaration(), inventory: Self.inventory(nil))
        guard case .create(let request, let network, let labels) = try #require(plan.changes.first) else {
            Issue.record("expected a create, got \(plan.changes)")
            return
        }
        #expect(plan.changes.count == 1)
        #expect(network == "prod-net" && request.network == 3)
        #expect(request.services?.first?.http?.certificates == [7])
        #expect(request.targets?.map { $0.server?.id } == [11, 12], "app2 is found by its address")
        #expect(labels == ["server app1 (id 11, private IP)", "server app2 (id 12, private IP)"])
    }

    @Test("a converged load balancer with the API's defaults filled in plans nothing")
    func noOp() throws {
        let plan = try LoadBalancerPlanner.plan(Self.declaration(), inventory: Self.inventory(Self.converged()))
        #expect(plan.changes.isEmpty, "\(plan.changes)")
    }

    @Test("drift: a changed service, an extra service and a target without its private IP")
    func drift() throws {
        var lb = Self.converged(
            services: #", {"protocol": "tcp", "listen_port": 22, "destination_port": 22, "proxyprotocol": false}"#,
            targets: """
                [{"type": "server", "server": {"id": 11}, "use_private_ip": false},
                 {"type": "server", "server": {"id": 12}, "use_private_ip": true},
                 {"type": "ip", "ip": {"ip": "198.51.100.99"}}]
                """)
        lb = lb.replacingOccurrences(of: #""listen_port": 443, "destination_port": 80"#, with: #""listen_port": 443, "destination_port": 8080"#)
        let plan = try LoadBalancerPlanner.plan(Self.declaration(), inventory: Self.inventory(lb))
        let lines = plan.changes.map { "\($0.symbol) \($0.subject())" }
        #expect(
            lines == [
                "- service 22 → 22 tcp",
                "~ service 443: destination_port 8080 → 80",
                "- target server app1 (id 11)",
                "- target ip 198.51.100.99",
                "+ target server app1 (id 11, private IP)",
            ], "\(lines)")
    }

    @Test("a host without a server, or a certificate the project lacks, is a data error")
    func missing() throws {
        var inventory = try Self.inventory(nil)
        inventory.servers = []
        #expect(throws: LoadBalancerError.self) { try LoadBalancerPlanner.plan(Self.declaration(), inventory: inventory) }
        inventory = try Self.inventory(nil)
        inventory.certificate = nil
        let declaration = try Self.declaration()
        let planned = Result { () throws(LoadBalancerError) in try LoadBalancerPlanner.plan(declaration, inventory: inventory) }
        guard case .failure(let error) = planned else {
            Issue.record("expected an error")
            return
        }
        #expect(error.exitStatus == .dataError)
        #expect(error.message.contains("no certificate named 'wildcard-example-com'"))
    }

    @Test(
        "cert deploy finds its files in options, certbot's, dehydrated's and lego's hand-over",
        arguments: [
            ([], ["RENEWED_LINEAGE": "/etc/le/live/x"], "deploy /etc/le/live/x/fullchain.pem /etc/le/live/x/privkey.pem"),
            (["deploy_cert", "d", "/k.pem", "/c.pem", "/f.pem", "/ch.pem", "1"], [:], "deploy /f.pem /k.pem"),
            (["clean_challenge", "d", "t", "v"], [:], "ignore clean_challenge"),
            ([], ["LEGO_CERT_PATH": "/l.crt", "LEGO_CERT_KEY_PATH": "/l.key"], "deploy /l.crt /l.key"),
            ([], [:], "usage"),
            (["a", "b"], ["RENEWED_LINEAGE": "/x"], "usage"),
        ] as [([String], [String: String], String)])
    func hookInput(arguments: [String], environment: [String: String], expected: String) {
        let outcome: String
        switch CertificateHookInput.resolve(certificate: nil, key: nil, arguments: arguments, environment: environment) {
        case .success(.deploy(let certificate, let key, _, _)): outcome = "deploy \(certificate) \(key)"
        case .success(.ignore(let event)): outcome = "ignore \(event)"
        case .failure(let error): outcome = error.exitStatus == .usage ? "usage" : error.message
        }
        #expect(outcome == expected)
    }
}
