import Foundation
import InfraKit
import Testing
import TestSupport

/// The API client against nghttpd, a server that speaks only HTTP/2: requests succeed only if
/// libcurl negotiated `h2`, and concurrent requests of one client share one connection.
@Suite("libcurl over HTTP/2 (nghttpd on loopback)", .enabled(if: HTTP2TestServer.isAvailable))
struct CurlHTTP2Tests {
    @Test func concurrentRequestsOfOneClientShareOneHTTP2Connection() async throws {
        let server = try await HTTP2TestServer.start(serving: ["zone.json": #"{"zone":"example.test","records":3}"#])
        defer { server.stop() }
        let client = try APIClient(.testing(server.baseURL).with { $0.extraCABundlePath = server.caPath })
        struct Zone: Decodable, Equatable { var zone: String; var records: Int }

        let first = try await client.send(HTTPRequest(.get, "/zone.json"), as: Zone.self)
        #expect(first == Zone(zone: "example.test", records: 3))
        let zones = try await withThrowingTaskGroup(of: Zone.self) { group in
            for _ in 0..<12 {
                group.addTask { try await client.send(HTTPRequest(.get, "/zone.json"), as: Zone.self) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(zones == Array(repeating: first, count: 12))
        #expect(server.requestCount() == 13)
        #expect(server.connectionCount() == 1)
    }

    @Test func aStatusWithoutReasonPhraseIsStillAnHTTPError() async throws {
        let server = try await HTTP2TestServer.start(serving: [:])
        defer { server.stop() }
        let client = try APIClient(.testing(server.baseURL).with { $0.extraCABundlePath = server.caPath })
        let error = try #require(await apiFailure { try await client.sendRaw(HTTPRequest(.get, "/missing.json")) })
        guard case .http(status: 404, _) = error.reason else {
            Issue.record("expected HTTP 404, got \(error.message)")
            return
        }
        #expect(error.attempts == 1)
    }
}
