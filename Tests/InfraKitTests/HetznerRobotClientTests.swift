import Foundation
import InfraKit
import Testing
import TestSupport

/// The Robot client against scripted answers shaped like the webservice reference.
@Suite("Hetzner Robot client")
struct HetznerRobotClientTests {
    @Test func listsServersUnwrappingEachEnvelopeWithBasicAuth() async throws {
        let server = try LoopbackHTTPServer()
        let withSubnet = HetznerFixtures.robotServerJSON(
            number: 321, ip: "192.0.2.10", subnet: #"[{"ip":"2a01:4f8:111:321::","mask":"64"}]"#)
        server.enqueue(.json("[\(withSubnet),\(HetznerFixtures.robotServerJSON(number: 322, ip: "192.0.2.11"))]"))
        let servers = try await HetznerFixtures.robotClient(server).servers()
        #expect(servers.map(\.serverNumber) == [321, 322])
        let first = try #require(servers.first)
        #expect(first.serverIP == "192.0.2.10" && first.serverIPv6Net == "2a01:4f8:111:321::")
        #expect(first.serverName == "dedi321" && first.product == "EX44" && first.dc == "FSN1-DC10")
        #expect(first.status == "ready" && !first.cancelled && first.paidUntil == "2026-12-31")
        #expect(first.subnet == [.init(ip: "2a01:4f8:111:321::", mask: "64")])
        #expect(servers[1].subnet == nil)
        let credentials = Data("\(HetznerFixtures.robotUser):\(HetznerFixtures.robotPassword)".utf8).base64EncodedString()
        #expect(server.requests.map { "\($0.method) \($0.path)" } == ["GET /server"])
        #expect(server.requests[0].header("Authorization") == "Basic \(credentials)")
    }

    @Test func anAccountWithoutServersIsAnEmptyList() async throws {
        let server = try LoopbackHTTPServer()
        server.enqueue(.json(#"{"error":{"status":404,"code":"SERVER_NOT_FOUND","message":"No server found"}}"#, status: 404))
        #expect(try await HetznerFixtures.robotClient(server).servers().isEmpty)
        #expect(server.requests.count == 1)
    }

    @Test func oneServerByNumberWithItsDetailFlags() async throws {
        let server = try LoopbackHTTPServer()
        server.enqueue(.json(#"{"server":{"server_ip":"192.0.2.10","server_ipv6_net":"2a01:4f8:111:321::","server_number":321,"server_name":"dedi321","product":"EX44","dc":"FSN1-DC10","traffic":"unlimited","status":"in process","cancelled":true,"paid_until":"2026-12-31","ip":["192.0.2.10"],"subnet":null,"reset":true,"rescue":true,"vnc":true,"windows":false,"plesk":false,"cpanel":false,"wol":true,"hot_swap":false,"linked_storagebox":12345}}"#))
        let detail = try await HetznerFixtures.robotClient(server).server(number: 321)
        #expect(detail.status == "in process" && detail.cancelled)
        #expect(detail.rescue == true && detail.hotSwap == false && detail.linkedStoragebox == 12345)
        #expect(server.requests[0].path == "/server/321")
    }

    @Test func anUnknownServerNumberIsNotFound() async throws {
        let server = try LoopbackHTTPServer()
        server.enqueue(.json(#"{"error":{"status":404,"code":"SERVER_NOT_FOUND","message":"Server with id 9 not found"}}"#, status: 404))
        let error = try await #require(throws: HetznerRobotError.self) {
            try await HetznerFixtures.robotClient(server).server(number: 9)
        }
        #expect(error.kind == .notFound && error.code == "SERVER_NOT_FOUND" && error.exitStatus == .dataError)
        #expect(error.message == "Robot API: GET /server/9: SERVER_NOT_FOUND: Server with id 9 not found")
    }

    @Test func aServerByIPIsFoundInTheList() async throws {
        let server = try LoopbackHTTPServer { _ in
            .json("[\(HetznerFixtures.robotServerJSON(number: 321, ip: "192.0.2.10")),\(HetznerFixtures.robotServerJSON(number: 322, ip: "192.0.2.11"))]")
        }
        let client = try HetznerFixtures.robotClient(server)
        #expect(try await client.server(ip: "192.0.2.11")?.serverNumber == 322)
        #expect(try await client.server(ip: "198.51.100.1") == nil)
    }

    @Test func theRateLimitIsATemporaryFailureSayingHowLongToWait() async throws {
        let server = try LoopbackHTTPServer()
        server.enqueue(.json(#"{"error":{"status":403,"code":"RATE_LIMIT_EXCEEDED","max_request":200,"interval":3600,"message":"rate limit exceeded"}}"#, status: 403))
        let error = try await #require(throws: HetznerRobotError.self) {
            try await HetznerFixtures.robotClient(server).servers()
        }
        #expect(error.kind == .rateLimited && error.exitStatus == .temporaryFailure)
        #expect(error.retryAfter == .seconds(3600))
        #expect(error.message == "Robot API: GET /server: RATE_LIMIT_EXCEEDED: rate limit exceeded (200 requests per 3600 s); try again within 3600 s")
        // An hourly window is not waited out inside the call.
        #expect(server.requests.count == 1)
    }

    @Test func refusedCredentialsExit77AndThePasswordNeverShows() async throws {
        // The server echoes the Authorization header it received.
        let server = try LoopbackHTTPServer { request in
            let echo = "bad credentials \(request.header("Authorization") ?? "") for \(HetznerFixtures.robotPassword)"
            return .json(#"{"error":{"status":401,"code":"UNAUTHORIZED","message":"\#(echo)"}}"#, status: 401)
        }
        let trace = TraceRecorder()
        let error = try await #require(throws: HetznerRobotError.self) {
            try await HetznerFixtures.robotClient(server, trace: trace.sink).servers()
        }
        #expect(error.exitStatus == .noPermission && error.code == "UNAUTHORIZED")
        let encoded = Data("\(HetznerFixtures.robotUser):\(HetznerFixtures.robotPassword)".utf8).base64EncodedString()
        for text in [error.message, String(reflecting: error)] + trace.lines {
            #expect(!text.contains(HetznerFixtures.robotPassword))
            #expect(!text.contains(encoded))
        }
        #expect(!trace.lines.isEmpty)
    }

    @Test func serverErrorsAreRetriedForReads() async throws {
        let server = try LoopbackHTTPServer()
        server.enqueue(ScriptedResponse(status: 503))
        server.enqueue(.json("[\(HetznerFixtures.robotServerJSON(number: 321, ip: "192.0.2.10"))]"))
        #expect(try await HetznerFixtures.robotClient(server).servers().count == 1)
        #expect(server.requests.count == 2)
    }
}
