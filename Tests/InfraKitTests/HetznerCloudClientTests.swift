import Foundation
import InfraKit
import Testing
import TestSupport

/// The Cloud client's reads and writes against scripted answers shaped like the API reference.
@Suite("Hetzner Cloud client")
struct HetznerCloudClientTests {
    /// 60 servers served 25 at a time unless `per_page` says otherwise (at most 50).
    static func pagedServers(total: Int = 60) throws -> LoopbackHTTPServer {
        try LoopbackHTTPServer { request in
            let query = Dictionary(RecordedRequest.pairs(request.query), uniquingKeysWith: { $1 })
            let page = Int(query["page"] ?? "1") ?? 1
            let perPage = min(50, Int(query["per_page"] ?? "25") ?? 25)
            let ids = ((page - 1) * perPage + 1)...min(total, page * perPage)
            let servers = ids.map { HetznerFixtures.serverJSON(id: $0, name: "web\($0)") }.joined(separator: ",")
            let meta = HetznerFixtures.meta(page: page, perPage: perPage, total: total)
            return .json(#"{"servers":[\#(servers)],"meta":\#(meta)}"#)
        }
    }

    @Test func listsEveryServerAcrossPagesOfFifty() async throws {
        let server = try Self.pagedServers(total: 120)
        let servers = try await HetznerFixtures.cloudClient(server).servers()
        #expect(servers.count == 120)
        #expect(servers.map(\.id) == Array(1...120))
        let queries = server.requests.map { Dictionary(RecordedRequest.pairs($0.query), uniquingKeysWith: { $1 }) }
        #expect(queries.map { $0["page"] } == ["1", "2", "3"])
        #expect(queries.allSatisfy { $0["per_page"] == "50" })
        #expect(server.requests.allSatisfy { $0.path == "/v1/servers" && $0.method == "GET" })
    }

    @Test func followsNextPageOverThreePagesWhenTheServerPagesByTwentyFive() async throws {
        // A server that ignores per_page=50 still gets read to the end through next_page.
        let server = try LoopbackHTTPServer { request in
            let query = Dictionary(RecordedRequest.pairs(request.query), uniquingKeysWith: { $1 })
            let page = Int(query["page"] ?? "1") ?? 1
            let ids = ((page - 1) * 25 + 1)...min(60, page * 25)
            let servers = ids.map { HetznerFixtures.serverJSON(id: $0, name: "s\($0)") }.joined(separator: ",")
            return .json(#"{"servers":[\#(servers)],"meta":\#(HetznerFixtures.meta(page: page, perPage: 25, total: 60))}"#)
        }
        let servers = try await HetznerFixtures.cloudClient(server).servers()
        #expect(servers.count == 60)
        #expect(server.requests.count == 3)
        #expect(servers.last?.name == "s60")
    }

    @Test func decodesAServerWithNullableAddressesAndTopLevelLocation() async throws {
        let server = try LoopbackHTTPServer()
        server.enqueue(.json(#"{"server":\#(HetznerFixtures.serverJSON(id: 5, name: "v6only", ipv4: nil))}"#))
        let decoded = try await HetznerFixtures.cloudClient(server).server(id: 5)
        #expect(decoded.ipv4 == nil)
        #expect(decoded.publicNet?.ipv6?.ip == "2001:db8:5::/64")
        #expect(decoded.locationName == "fsn1")
        #expect(decoded.labels == ["role": "web", "team_name": "ops"])
        #expect(decoded.privateNet?.first?.network == 7)
        #expect(decoded.serverType?.name == "cpx21")
    }

    @Test func loadBalancerByNameUsesTheExactNameFilterAndDecodesEverything() async throws {
        let server = try LoopbackHTTPServer()
        let lb = HetznerFixtures.loadBalancerJSON(id: 4711, name: "web-lb")
        server.enqueue(.json(#"{"load_balancers":[\#(lb)],"meta":\#(HetznerFixtures.meta(page: 1, perPage: 50, total: 1))}"#))
        let found = try #require(await HetznerFixtures.cloudClient(server).loadBalancer(named: "web-lb"))
        let query = Dictionary(RecordedRequest.pairs(server.requests[0].query), uniquingKeysWith: { $1 })
        #expect(query["name"] == "web-lb")

        #expect(found.id == 4711 && found.loadBalancerType.maxTargets == 25)
        #expect(found.publicNet.ipv4?.ip == "198.51.100.5" && found.publicNet.ipv6?.dnsPtr == nil)
        let https = try #require(found.service(listeningOn: 443))
        #expect(https.protocol == "https" && https.destinationPort == 80 && https.proxyProtocol == false)
        #expect(https.http?.certificates == [897] && https.http?.redirectHTTP == true && https.http?.timeoutIdle == 60)
        #expect(https.healthCheck?.http?.statusCodes == ["2??", "3??"])
        #expect(https.healthCheck?.http?.domain == "example.com")
        #expect(found.targets.map(\.type) == ["server", "label_selector", "ip"])
        #expect(found.targets[0].healthStatus?.map { "\($0.listenPort) \($0.status)" } == ["443 healthy"])
        #expect(found.targets[1].targets?.first?.healthStatus?.first?.status == "unhealthy")
        #expect(found.targets[2].ip?.ip == "203.0.113.99")
    }

    @Test func aMissingLoadBalancerNameIsNil() async throws {
        let server = try LoopbackHTTPServer()
        server.enqueue(.json(#"{"load_balancers":[],"meta":\#(HetznerFixtures.meta(page: 1, perPage: 50, total: 0))}"#))
        #expect(try await HetznerFixtures.cloudClient(server).loadBalancer(named: "nope") == nil)
    }

    @Test func createSendsTheDocumentedBodyWaitsForTheActionAndRereads() async throws {
        let lb = HetznerFixtures.loadBalancerJSON(id: 4711, name: "web-lb")
        let polls = Counter()
        let server = try LoopbackHTTPServer { request in
            switch (request.method, request.path) {
            case ("POST", "/v1/load_balancers"):
                let action = HetznerFixtures.actionJSON(id: 13, command: "create_load_balancer")
                return .json(#"{"load_balancer":\#(lb),"action":\#(action)}"#, status: 201)
            case ("GET", "/v1/actions/13"):
                let status = polls.next("13") < 2 ? "running" : "success"
                return HetznerFixtures.actionAnswer(HetznerFixtures.actionJSON(id: 13, command: "create_load_balancer", status: status))
            case ("GET", "/v1/load_balancers/4711"):
                return .json(#"{"load_balancer":\#(lb)}"#)
            default:
                return HetznerFixtures.error("not_found", "no route", status: 404)
            }
        }
        let service = HetznerLoadBalancerService(
            protocol: "https", listenPort: 443, destinationPort: 80, proxyProtocol: false,
            http: .init(certificates: [897], redirectHTTP: true),
            healthCheck: .init(protocol: "http", port: 80, interval: 15, timeout: 10, retries: 3,
                               http: .init(path: "/health", statusCodes: ["2??", "3??"])))
        let create = HetznerLoadBalancerCreate(
            name: "web-lb", loadBalancerType: "lb11", location: "fsn1", algorithm: .leastConnections,
            services: [service], targets: [.server(42, usePrivateIP: true), .labelSelector("role=web")],
            labels: ["env": "prod"], network: 7, publicInterface: true)
        let created = try await HetznerFixtures.cloudClient(server).createLoadBalancer(create)
        #expect(created.name == "web-lb")
        #expect(server.requests.map { "\($0.method) \($0.path)" } == [
            "POST /v1/load_balancers", "GET /v1/actions/13", "GET /v1/actions/13", "GET /v1/load_balancers/4711",
        ])
        let body = try HetznerFixtures.body(server.requests[0])
        #expect(body["name"] as? String == "web-lb" && body["load_balancer_type"] as? String == "lb11")
        #expect(body["location"] as? String == "fsn1" && body["network_zone"] == nil)
        #expect((body["algorithm"] as? [String: Any])?["type"] as? String == "least_connections")
        #expect(body["network"] as? Int == 7 && body["public_interface"] as? Bool == true)
        let sentService = try #require((body["services"] as? [[String: Any]])?.first)
        #expect(sentService["proxyprotocol"] as? Bool == false && sentService["listen_port"] as? Int == 443)
        let check = try #require(sentService["health_check"] as? [String: Any])
        #expect((check["http"] as? [String: Any])?["status_codes"] as? [String] == ["2??", "3??"])
        let targets = try #require(body["targets"] as? [[String: Any]])
        #expect((targets[0]["server"] as? [String: Any])?["id"] as? Int == 42 && targets[0]["use_private_ip"] as? Bool == true)
        #expect(targets[0]["label_selector"] == nil && targets[0]["ip"] == nil)
        #expect((targets[1]["label_selector"] as? [String: Any])?["selector"] as? String == "role=web")
        #expect(server.requests[0].header("Authorization") == "Bearer \(HetznerFixtures.token)")
        #expect(server.requests[0].header("Content-Type") == "application/json")
    }

    /// Each load balancer action: its path and its body, sent once and waited for.
    @Test(arguments: [
        ("add_service", #"{"listen_port":80,"protocol":"http"}"#),
        ("update_service", #"{"destination_port":8080,"listen_port":80}"#),
        ("delete_service", #"{"listen_port":80}"#),
        ("add_target", #"{"ip":{"ip":"203.0.113.99"},"type":"ip"}"#),
        ("remove_target", #"{"server":{"id":42},"type":"server"}"#),
        ("change_algorithm", #"{"type":"least_connections"}"#),
        ("change_type", #"{"load_balancer_type":"lb21"}"#),
        ("attach_to_network", #"{"ip":"10.0.0.9","network":7}"#),
        ("detach_from_network", #"{"network":7}"#),
        ("change_protection", #"{"delete":true}"#),
        ("enable_public_interface", ""),
        ("disable_public_interface", ""),
        ("change_dns_ptr", #"{"dns_ptr":null,"ip":"198.51.100.5"}"#),
    ])
    func loadBalancerActionsSendTheirBodies(command: String, expectedBody: String) async throws {
        let server = try LoopbackHTTPServer()
        server.enqueue(HetznerFixtures.actionAnswer(HetznerFixtures.actionJSON(id: 99, command: command, status: "success"), status: 201))
        let client = try HetznerFixtures.cloudClient(server)
        let id: Int64 = 4711
        let action: HetznerAction
        switch command {
        case "add_service": action = try await client.addService(.init(protocol: "http", listenPort: 80), toLoadBalancer: id)
        case "update_service": action = try await client.updateService(.init(listenPort: 80, destinationPort: 8080), onLoadBalancer: id)
        case "delete_service": action = try await client.deleteService(listenPort: 80, fromLoadBalancer: id)
        case "add_target": action = try await client.addTarget(.ip("203.0.113.99"), toLoadBalancer: id)
        case "remove_target": action = try await client.removeTarget(.server(42, usePrivateIP: true), fromLoadBalancer: id)
        case "change_algorithm": action = try await client.changeAlgorithm(.leastConnections, ofLoadBalancer: id)
        case "change_type": action = try await client.changeType(ofLoadBalancer: id, to: "lb21")
        case "attach_to_network": action = try await client.attachToNetwork(loadBalancer: id, network: 7, ip: "10.0.0.9")
        case "detach_from_network": action = try await client.detachFromNetwork(loadBalancer: id, network: 7)
        case "change_protection": action = try await client.changeProtection(ofLoadBalancer: id, delete: true)
        case "enable_public_interface": action = try await client.setPublicInterface(ofLoadBalancer: id, enabled: true)
        case "disable_public_interface": action = try await client.setPublicInterface(ofLoadBalancer: id, enabled: false)
        default: action = try await client.changeDNSPtr(ofLoadBalancer: id, ip: "198.51.100.5", dnsPtr: nil)
        }
        #expect(action.isSuccess && action.command == command)
        // Already finished in the answer: no poll.
        #expect(server.requests.count == 1)
        let request = server.requests[0]
        #expect(request.method == "POST" && request.path == "/v1/load_balancers/4711/actions/\(command)")
        #expect(request.bodyText == expectedBody)
    }

    @Test func updateAndDeleteOfALoadBalancer() async throws {
        let server = try LoopbackHTTPServer()
        server.enqueue(
            .json(#"{"load_balancer":\#(HetznerFixtures.loadBalancerJSON(id: 4711, name: "renamed"))}"#),
            ScriptedResponse(status: 204))
        let client = try HetznerFixtures.cloudClient(server)
        let updated = try await client.updateLoadBalancer(id: 4711, name: "renamed", labels: ["env": "prod"])
        try await client.deleteLoadBalancer(id: 4711)
        #expect(updated.name == "renamed")
        #expect(server.requests.map { "\($0.method) \($0.path) \($0.bodyText)" } == [
            #"PUT /v1/load_balancers/4711 {"labels":{"env":"prod"},"name":"renamed"}"#, "DELETE /v1/load_balancers/4711 ",
        ])
    }

    @Test func createImageWaitsForTheSnapshotAndReturnsItAvailable() async throws {
        let server = try LoopbackHTTPServer()
        let action = HetznerFixtures.actionJSON(id: 21, command: "create_image", resource: ("server", 42))
        server.enqueue(
            .json(#"{"image":{"id":555,"type":"snapshot","status":"creating","name":null,"description":"before upgrade","image_size":null,"disk_size":80,"labels":{"why":"upgrade"}},"action":\#(action)}"#, status: 201),
            HetznerFixtures.actionAnswer(HetznerFixtures.actionJSON(id: 21, command: "create_image", status: "success", resource: ("server", 42))),
            .json(#"{"image":{"id":555,"type":"snapshot","status":"available","name":null,"description":"before upgrade","image_size":2.3,"disk_size":80,"created_from":{"id":42,"name":"web1"},"labels":{"why":"upgrade"}}}"#))
        let image = try await HetznerFixtures.cloudClient(server).createImage(
            ofServer: 42, description: "before upgrade", labels: ["why": "upgrade"])
        #expect(image.status == "available" && image.imageSize == 2.3 && image.createdFrom?.id == 42)
        #expect(server.requests.map(\.path) == ["/v1/servers/42/actions/create_image", "/v1/actions/21", "/v1/images/555"])
        #expect(server.requests[0].bodyText == #"{"description":"before upgrade","labels":{"why":"upgrade"},"type":"snapshot"}"#)
    }

    @Test func catalogueListsTypesLocationsNetworksAndCertificates() async throws {
        let server = try LoopbackHTTPServer { request in
            let meta = HetznerFixtures.meta(page: 1, perPage: 50, total: 1)
            switch request.path {
            case "/v1/load_balancer_types": return .json(#"{"load_balancer_types":[\#(HetznerFixtures.lbType)],"meta":\#(meta)}"#)
            case "/v1/locations": return .json(#"{"locations":[\#(HetznerFixtures.location)],"meta":\#(meta)}"#)
            case "/v1/networks":
                return .json(#"{"networks":[{"id":7,"name":"private","ip_range":"10.0.0.0/16","subnets":[{"type":"cloud","ip_range":"10.0.0.0/24","network_zone":"eu-central","gateway":"10.0.0.1"}],"routes":[],"servers":[42],"load_balancers":[],"protection":{"delete":false},"labels":{},"created":"2026-01-01T10:00:00+00:00"}],"meta":\#(meta)}"#)
            default:
                return .json(#"{"certificates":[{"id":897,"name":"wildcard","type":"uploaded","labels":{},"certificate":"-----BEGIN CERTIFICATE-----\n...","created":"2026-01-01T10:00:00+00:00","not_valid_before":"2026-01-01T00:00:00+00:00","not_valid_after":"2026-04-01T00:00:00+00:00","domain_names":["example.com","*.example.com"],"fingerprint":"03:c7","status":null,"used_by":[]}],"meta":\#(meta)}"#)
            }
        }
        let client = try HetznerFixtures.cloudClient(server)
        #expect(try await client.loadBalancerTypes().map(\.name) == ["lb11"])
        #expect(try await client.locations().map(\.networkZone) == ["eu-central"])
        #expect(try await client.network(named: "private")?.id == 7)
        #expect(try await client.certificate(named: "wildcard")?.domainNames == ["example.com", "*.example.com"])
        let networkQuery = Dictionary(RecordedRequest.pairs(server.requests[2].query), uniquingKeysWith: { $1 })
        #expect(networkQuery["name"] == "private")
    }
}

/// Certificates: upload, relabel, delete.
@Suite("Hetzner Cloud certificates")
struct HetznerCloudCertificateTests {
    static let certificate = #"{"id":897,"name":"wildcard","type":"uploaded","labels":{"env":"prod"},"certificate":"-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n","created":"2026-01-01T10:00:00+00:00","not_valid_before":"2026-01-01T00:00:00+00:00","not_valid_after":"2026-04-01T00:00:00+00:00","domain_names":["example.com"],"fingerprint":"03:c7","status":null,"used_by":[]}"#

    @Test func uploadSendsTheKeyOnceThenRelabelAndDelete() async throws {
        let server = try LoopbackHTTPServer()
        server.enqueue(
            .json(#"{"certificate":\#(Self.certificate),"action":null}"#, status: 201),
            .json(#"{"certificate":\#(Self.certificate)}"#),
            ScriptedResponse(status: 204))
        let client = try HetznerFixtures.cloudClient(server)
        let uploaded = try await client.uploadCertificate(
            name: "wildcard", certificate: "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
            privateKey: Secret("-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n"), labels: ["env": "prod"])
        #expect(uploaded.id == 897 && uploaded.type == "uploaded")
        let body = try HetznerFixtures.body(server.requests[0])
        #expect(body["type"] as? String == "uploaded" && body["name"] as? String == "wildcard")
        #expect((body["private_key"] as? String)?.contains("MIIE") == true)
        #expect(body["labels"] as? [String: String] == ["env": "prod"])

        _ = try await client.updateCertificate(id: 897, labels: ["env": "prod"])
        try await client.deleteCertificate(id: 897)
        #expect(server.requests.map { "\($0.method) \($0.path) \($0.bodyText)" }.dropFirst() == [
            #"PUT /v1/certificates/897 {"labels":{"env":"prod"}}"#, "DELETE /v1/certificates/897 ",
        ])
    }
}
