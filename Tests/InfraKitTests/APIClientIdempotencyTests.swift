import Foundation
@testable import InfraKit
import Testing
import TestSupport

/// The rule: a POST is repeated only when the server provably never saw it, or when the caller says
/// repeating is harmless.
@Suite("APIClient and non-idempotent requests")
struct APIClientIdempotencyTests {
    private static let resetMidBody = ScriptedResponse.json(#"{"id":1}"#).with { $0.resetMidBody = true }

    @Test func postIsNotRetriedOnceTheServerSawIt() async throws {
        let server = try LoopbackHTTPServer { _ in Self.resetMidBody }
        let trace = TraceRecorder()
        let client = try APIClient(.testing(server.baseURL).with { $0.trace = trace.sink })
        let error = try #require(await apiFailure {
            try await client.sendRaw(HTTPRequest(.post, "/records", body: .form(["host": "www"])))
        })
        #expect(server.requests.count == 1)
        #expect(error.attempts == 1)
        guard case .transport(.connectionLost, _) = error.reason else {
            Issue.record("unexpected \(error.message)")
            return
        }
        #expect(trace.lines.count == 1)
        #expect(trace.lines.first?.hasSuffix("not retried: the server may have received this POST") == true)
    }

    @Test func getIsRetriedAfterTheSameFailure() async throws {
        let server = try LoopbackHTTPServer()
        server.enqueue(Self.resetMidBody)
        let client = try APIClient(.testing(server.baseURL))
        _ = try await client.sendRaw(HTTPRequest(.get, "/records"))
        #expect(server.requests.count == 2)
    }

    @Test func postIsNotRetriedAfterAServerError() async throws {
        let server = try LoopbackHTTPServer { _ in .text("oops", status: 500) }
        let client = try APIClient(.testing(server.baseURL))
        let error = try #require(await apiFailure { try await client.sendRaw(HTTPRequest(.post, "/records")) })
        #expect(server.requests.count == 1)
        #expect(error.status == 500)
    }

    @Test func postIsNotRetriedAfterATimeoutOnceSent() async throws {
        let server = try LoopbackHTTPServer { _ in ScriptedResponse.ok.with { $0.delayBeforeHeaders = .seconds(5) } }
        let client = try APIClient(.testing(server.baseURL).with { $0.requestTimeout = .milliseconds(200) })
        let error = try #require(await apiFailure { try await client.sendRaw(HTTPRequest(.post, "/records")) })
        #expect(server.requests.count == 1)
        guard case .transport(.timedOut, _) = error.reason else {
            Issue.record("unexpected \(error.message)")
            return
        }
        #expect(error.exitStatus == .temporaryFailure)
    }

    @Test func postIsRetriedWhenTheConnectionIsRefused() async throws {
        let port = try RefusingLoopbackPort()
        let trace = TraceRecorder()
        let client = try APIClient(.testing(port.baseURL).with { $0.trace = trace.sink })
        let error = try #require(await apiFailure { try await client.sendRaw(HTTPRequest(.post, "/records")) })
        #expect(error.attempts == 4)
        #expect(trace.lines.count == 4)
        guard case .transport(.cannotConnect, _) = error.reason else {
            Issue.record("unexpected \(error.message)")
            return
        }
        #expect(error.exitStatus == .unavailable)
        #expect(error.message.hasPrefix("test API: POST /records: cannot connect: "))
        #expect(error.message.hasSuffix(" (after 4 attempts)"))
    }

    @Test func postIsRetriedAfterAConnectTimeout() async throws {
        let port = try UnresponsiveLoopbackPort()
        let trace = TraceRecorder()
        let client = try APIClient(.testing(port.baseURL).with {
            $0.connectTimeout = .milliseconds(150)
            $0.retryPolicy = RetryPolicy(maxRetries: 2, initialBackoff: .milliseconds(1))
            $0.trace = trace.sink
        })
        let error = try #require(await apiFailure { try await client.sendRaw(HTTPRequest(.post, "/records")) })
        #expect(error.attempts == 3)
        #expect(trace.lines.count == 3)
        guard case .transport(.timedOut, let detail) = error.reason else {
            Issue.record("unexpected \(error.message)")
            return
        }
        #expect(detail.contains("Failed to connect"))
    }

    @Test func postIsRetriedAfterRefusalUntilTheServerAnswers() async throws {
        let reserved = try RefusingLoopbackPort()
        let trace = TraceRecorder()
        let client = try APIClient(.testing(reserved.baseURL).with {
            $0.retryPolicy = RetryPolicy(maxRetries: 3, initialBackoff: .milliseconds(200), randomUnit: { 1 })
            $0.trace = trace.sink
        })
        async let response = client.sendRaw(HTTPRequest(.post, "/records", body: .form(["host": "www"])))
        #expect(await eventually { !trace.lines.isEmpty })
        let server = try LoopbackHTTPServer(takingOver: reserved)
        #expect(try await response.status == 200)
        #expect(server.requests.map(\.bodyText) == ["host=www"])
        #expect(trace.lines.first?.contains("cannot connect") == true)
    }

    @Test func repeatablePostIsRetriedAfterTheServerSawIt() async throws {
        let server = try LoopbackHTTPServer()
        server.enqueue(Self.resetMidBody, .text("busy", status: 503), .json(#"{"id":1}"#))
        let client = try APIClient(.testing(server.baseURL))
        let request = HTTPRequest(.post, "/dns/records.json", body: .form(["zone": "example.com"]), isRepeatable: true)
        let response = try await client.sendRaw(request)
        #expect(response.status == 200)
        #expect(server.requests.count == 3)
        #expect(server.requests.allSatisfy { $0.bodyText == "zone=example.com" })
    }
}
