import Foundation
@testable import InfraKit
import Testing
import TestSupport

@Suite("libcurl transport")
struct CurlTransportTests {
    @Test func sequentialRequestsReuseOneKeptAliveConnection() async throws {
        let server = try LoopbackHTTPServer()
        let client = try APIClient(.testing(server.baseURL))
        for index in 1...5 {
            let response = try await client.sendRaw(HTTPRequest(.get, "/items/\(index)"))
            #expect(response.status == 200)
        }
        #expect(server.requests.count == 5)
        #expect(Set(server.requests.map(\.connectionID)).count == 1)
        #expect(server.connectionCount == 1)
    }

    @Test func connectionClosedByTheServerIsReplaced() async throws {
        let server = try LoopbackHTTPServer { _ in ScriptedResponse.ok.with { $0.keepAlive = false } }
        let client = try APIClient(.testing(server.baseURL))
        for _ in 1...3 { _ = try await client.sendRaw(HTTPRequest(.get, "/")) }
        #expect(server.connectionCount == 3)
    }

    @Test func formPostCarriesBodyHeadersAndUserAgent() async throws {
        let server = try LoopbackHTTPServer()
        let client = try APIClient(.testing(server.baseURL + "/api/"))
        let request = HTTPRequest(
            .post, "dns/add-record.json", query: ["page": "2"], headers: ["X-Trace": "abc"],
            body: .form(["domain-name": "example.com", "record": "a b&c"]))
        _ = try await client.sendRaw(request)
        let received = try #require(server.requests.first)
        #expect(received.method == "POST")
        #expect(received.target == "/api/dns/add-record.json?page=2")
        #expect(received.bodyText == "domain-name=example.com&record=a%20b%26c")
        #expect(received.header("Content-Type") == "application/x-www-form-urlencoded")
        #expect(received.header("User-Agent") == "infra-tests/1.0")
        #expect(received.header("Accept") == "application/json")
        #expect(received.header("X-Trace") == "abc")
        #expect(received.header("Expect") == nil)
    }

    @Test(arguments: [HTTPMethod.put, .patch, .delete])
    func methodsOtherThanGetAndPostAreSentAsSuch(method: HTTPMethod) async throws {
        let server = try LoopbackHTTPServer()
        let client = try APIClient(.testing(server.baseURL))
        _ = try await client.sendRaw(HTTPRequest(method, "/thing", body: .json(Data(#"{"a":1}"#.utf8))))
        _ = try await client.sendRaw(HTTPRequest(method, "/thing"))
        let requests = server.requests
        #expect(requests.map(\.method) == [method.rawValue, method.rawValue])
        #expect(requests[0].bodyText == #"{"a":1}"#)
        #expect(requests[0].header("Content-Type") == "application/json")
        #expect(requests[1].body.isEmpty)
        #expect(requests[1].header("Content-Type") == nil)
    }

    @Test func headRequestGetsHeadersOnly() async throws {
        let server = try LoopbackHTTPServer { _ in .json("{}", headers: [("X-Count", "7")]) }
        let client = try APIClient(.testing(server.baseURL))
        let response = try await client.sendRaw(HTTPRequest(.head, "/"))
        #expect(server.requests.first?.method == "HEAD")
        #expect(response.headers["x-count"] == "7")
        #expect(response.body.isEmpty)
    }

    @Test func responseHeadersAreLookedUpIgnoringCase() async throws {
        let server = try LoopbackHTTPServer { _ in .json(#"{"ok":true}"#, headers: [("X-Request-ID", "r-17")]) }
        let client = try APIClient(.testing(server.baseURL))
        let response = try await client.sendRaw(HTTPRequest(.get, "/"))
        #expect(response.headers["x-request-id"] == "r-17")
        #expect(response.headers["X-REQUEST-ID"] == "r-17")
        #expect(String(decoding: response.body, as: UTF8.self) == #"{"ok":true}"#)
    }
}
