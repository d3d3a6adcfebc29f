import Foundation
import InfraKit
import Testing
import TestSupport

/// A provider's reading of failed answers (``FailureClassifier``) and of every answer (``ResponsePacer``).
@Suite("APIClient failure classifier and pacer")
struct APIClientFailureClassifierTests {
    @Test func aRefusalThatProvesNothingWasDoneRetriesAPost() async throws {
        let server = try LoopbackHTTPServer()
        server.enqueue(.json(#"{"code":"conflict"}"#, status: 409))
        let client = try APIClient(.testing(server.baseURL).with {
            $0.failureClassifier = { $0.status == 409 ? .retry(serverDidNotAct: true) : nil }
        })
        _ = try await client.sendRaw(HTTPRequest(.post, "/things", body: .json(Data("{}".utf8))))
        #expect(server.requests.map(\.method) == ["POST", "POST"])
    }

    @Test func aPassingTroubleRetriesReadsButNotAPost() async throws {
        let server = try LoopbackHTTPServer { _ in .json(#"{"code":"timeout"}"#, status: 504) }
        let client = try APIClient(.testing(server.baseURL).with {
            $0.failureClassifier = { _ in .retry(serverDidNotAct: false) }
        })
        let error = try #require(await apiFailure { try await client.sendRaw(HTTPRequest(.post, "/things")) })
        #expect(server.requests.count == 1 && error.status == 504)
        _ = await apiFailure { try await client.sendRaw(HTTPRequest(.get, "/things")) }
        #expect(server.requests.count == 5)
    }

    @Test func failVerdictStopsAFiveHundredAtOnceAndKeepsTheWholeBodyRedacted() async throws {
        let token = "secret-token-abcdef"
        let long = String(repeating: "x", count: 400)
        let server = try LoopbackHTTPServer { _ in .json(#"{"error":{"code":"server_error","message":"\#(long) \#(token)"}}"#, status: 500) }
        let client = try APIClient(.testing(server.baseURL).with {
            $0.authenticator = .bearer(Secret(token))
            $0.failureClassifier = { _ in .fail }
        })
        let error = try #require(await apiFailure { try await client.sendRaw(HTTPRequest(.get, "/things")) })
        #expect(server.requests.count == 1)
        let body = try #require(error.responseBody)
        #expect(body.contains(long) && body.hasSuffix("REDACTED\"}}") && !body.contains(token))
    }

    @Test func thePacerHoldsBackTheNextRequest() async throws {
        let server = try LoopbackHTTPServer()
        let client = try APIClient(.testing(server.baseURL).with { $0.pacer = { _ in .milliseconds(300) } })
        _ = try await client.sendRaw(HTTPRequest(.get, "/a"))
        _ = try await client.sendRaw(HTTPRequest(.get, "/b"))
        let requests = server.requests
        #expect(requests[1].receivedAt - requests[0].receivedAt >= .milliseconds(300))
    }
}
