import Foundation
@testable import InfraKit
import Testing
import TestSupport

/// A canary password sent every way a provider sends credentials must appear in no error text and no
/// trace line, whatever fails — even when the server echoes the request back.
@Suite("APIClient never shows credentials")
struct APIClientRedactionTests {
    static let canary = "cAnArY-7f3e+pw/x"
    /// Every spelling of the canary a leak could take.
    static let leaks = [
        "cAnArY", "cAnArY-7f3e%2Bpw%2Fx", Data("robot:\(canary)".utf8).base64EncodedString(),
        String(Data("robot:\(canary)".utf8).base64EncodedString().prefix(12)),
    ]

    /// Answers with the whole request — request line, headers, body — as plain text or JSON.
    private static func echo(status: Int, json: Bool = false) -> @Sendable (RecordedRequest) -> ScriptedResponse {
        { request in
            if json {
                let object: [String: Any] = [
                    "target": request.target, "body": request.bodyText,
                    "headers": Dictionary(request.headers, uniquingKeysWith: { first, _ in first }),
                ]
                let data = try! JSONSerialization.data(withJSONObject: object)
                return .json(String(decoding: data, as: UTF8.self), status: status)
            }
            let head = request.headers.map { "\($0.0): \($0.1)" }.joined(separator: "\r\n")
            return .text("\(request.method) \(request.target)\r\n\(head)\r\n\r\n\(request.bodyText)", status: status)
        }
    }

    private struct Scenario: Sendable, CustomTestStringConvertible {
        let name: String
        let authenticator: RequestAuthenticator
        let request: HTTPRequest
        let status: Int
        var json = false
        var testDescription: String { name }
    }

    private static let scenarios: [Scenario] = [
        Scenario(name: "bearer, 401 echoed", authenticator: .bearer(Secret(canary)),
                 request: HTTPRequest(.get, "/v1/servers"), status: 401),
        Scenario(name: "bearer, 403 echoed as JSON", authenticator: .bearer(Secret(canary)),
                 request: HTTPRequest(.get, "/v1/servers"), status: 403, json: true),
        Scenario(name: "basic, 500 until exhausted", authenticator: .basic(user: "robot", password: Secret(canary)),
                 request: HTTPRequest(.get, "/server"), status: 500),
        Scenario(name: "basic, 404 echoed as JSON", authenticator: .basic(user: "robot", password: Secret(canary)),
                 request: HTTPRequest(.get, "/server"), status: 404, json: true),
        Scenario(name: "form auth-password, 400 echoed",
                 authenticator: .formFields(["auth-id": "4242"], secret: ["auth-password": Secret(canary)]),
                 request: HTTPRequest(.post, "/dns/records.json", body: .form(["domain-name": "example.com"])), status: 400),
        Scenario(name: "form auth-password, 503 echoed as JSON",
                 authenticator: .formFields(["auth-id": "4242"], secret: ["auth-password": Secret(canary)]),
                 request: HTTPRequest(.post, "/dns/records.json", isRepeatable: true), status: 503, json: true),
        Scenario(name: "query token, 422 echoed", authenticator: .queryItems(secret: ["token": Secret(canary)]),
                 request: HTTPRequest(.get, "/list", query: ["page": "1"]), status: 422),
        Scenario(name: "query token, 502 exhausted", authenticator: .queryItems(secret: ["token": Secret(canary)]),
                 request: HTTPRequest(.get, "/list"), status: 502),
    ]

    private func expectNoLeak(in texts: [String], _ scenario: String) {
        for text in texts {
            for leak in Self.leaks {
                #expect(!text.contains(leak), "\(scenario): leaked \(leak) in: \(text)")
            }
        }
    }

    private func texts(of error: APIError?) -> [String] {
        guard let error else { return [] }
        var dumped = ""
        dump(error, to: &dumped)
        return [error.message, "\(error)", String(reflecting: error), error.localizedDescription, dumped, "\(error.reason)"]
    }

    @Test(arguments: scenarios)
    private func failingCallsDoNotLeak(scenario: Scenario) async throws {
        let server = try LoopbackHTTPServer(responder: Self.echo(status: scenario.status, json: scenario.json))
        let trace = TraceRecorder()
        let client = try APIClient(.testing(server.baseURL).with {
            $0.authenticator = scenario.authenticator
            $0.trace = trace.sink
        })
        let error = await apiFailure { try await client.sendRaw(scenario.request) }
        #expect(error != nil)
        // The credential really travelled, so the server's echo did contain it.
        let received = try #require(server.requests.first)
        let sent = received.target + received.bodyText + received.headers.map { $0.1 }.joined()
        #expect(Self.leaks.contains { sent.contains($0) } || sent.contains("cAnArY-7f3e%2Bpw%2Fx"))
        expectNoLeak(in: texts(of: error) + trace.lines, scenario.name)
        #expect(!trace.lines.isEmpty)
    }

    @Test func refusedConnectionDoesNotLeakTheQueryToken() async throws {
        let port = try RefusingLoopbackPort()
        let trace = TraceRecorder()
        let client = try APIClient(.testing(port.baseURL).with {
            $0.authenticator = .queryItems(secret: ["token": Secret(Self.canary)])
            $0.trace = trace.sink
        })
        let error = await apiFailure { try await client.sendRaw(HTTPRequest(.get, "/list")) }
        #expect(error?.attempts == 4)
        expectNoLeak(in: texts(of: error) + trace.lines, "refused")
        #expect(trace.lines.allSatisfy { $0.contains("token=REDACTED") })
    }

    @Test func classifierAndDecodingMessagesAreScrubbed() async throws {
        let server = try LoopbackHTTPServer(responder: Self.echo(status: 200))
        let trace = TraceRecorder()
        let authenticator = RequestAuthenticator.formFields(["auth-id": "1"], secret: ["auth-password": Secret(Self.canary)])
        let rejecting = try APIClient(.testing(server.baseURL).with {
            $0.authenticator = authenticator
            $0.trace = trace.sink
            $0.classifier = { response in
                .failure(message: "refused: " + String(decoding: response.body, as: UTF8.self), exitStatus: .noPermission)
            }
        })
        let rejected = await apiFailure { try await rejecting.sendRaw(HTTPRequest(.post, "/dns/x.json")) }
        #expect(rejected?.exitStatus == .noPermission)

        let decoding = try APIClient(.testing(server.baseURL).with {
            $0.authenticator = authenticator
            $0.trace = trace.sink
        })
        let undecodable = await apiFailure { try await decoding.send(HTTPRequest(.post, "/dns/x.json"), as: [Int].self) }
        #expect(undecodable?.exitStatus == .dataError)
        expectNoLeak(in: texts(of: rejected) + texts(of: undecodable) + trace.lines, "classifier/decoding")
    }

    @Test func formCredentialsTravelInTheBodyNotTheURL() async throws {
        let server = try LoopbackHTTPServer()
        let client = try APIClient(.testing(server.baseURL).with {
            $0.authenticator = .formFields(["auth-id": "4242"], secret: ["auth-password": Secret(Self.canary)])
        })
        _ = try await client.sendRaw(HTTPRequest(.post, "/dns/records.json", query: ["x": "1"], body: .form(["domain-name": "a.com"])))
        let received = try #require(server.requests.first)
        #expect(received.target == "/dns/records.json?x=1")
        #expect(RecordedRequest.pairs(received.bodyText).map { "\($0.0)=\($0.1)" }
            == ["auth-id=4242", "auth-password=\(Self.canary)", "domain-name=a.com"])
    }

    @Test func formAuthenticationRefusesAJSONBody() async throws {
        let client = try APIClient(.testing("http://127.0.0.1:9").with {
            $0.authenticator = .formFields(secret: ["auth-password": Secret(Self.canary)])
        })
        let error = await apiFailure { try await client.sendRaw(HTTPRequest(.post, "/x", body: .json(Data("{}".utf8)))) }
        #expect(error?.message == "test API: POST /x: invalid request: form authentication needs a form body, not application/json")
        #expect(error?.exitStatus == .software)
    }
}
