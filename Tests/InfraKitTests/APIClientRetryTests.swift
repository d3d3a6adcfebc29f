import Foundation
@testable import InfraKit
import Testing
import TestSupport

@Suite("APIClient retries")
struct APIClientRetryTests {
    struct Item: Decodable, Equatable {
        let id: Int
    }

    @Test func serverErrorsAreRetriedUntilSuccess() async throws {
        let server = try LoopbackHTTPServer()
        server.enqueue(.text("boom", status: 500), .text("bad gateway", status: 502), .json(#"{"id":7}"#))
        let client = try APIClient(.testing(server.baseURL))
        let item = try await client.send(HTTPRequest(.get, "/items/7"), as: Item.self)
        #expect(item == Item(id: 7))
        #expect(server.requests.count == 3)
    }

    @Test func exhaustedServerErrorsThrowTheLastOne() async throws {
        let server = try LoopbackHTTPServer()
        server.enqueue(.text("first", status: 500), .text("second", status: 502), .text("third", status: 500))
        server.enqueue(.text("last", status: 503))
        let client = try APIClient(.testing(server.baseURL))
        let error = try #require(await apiFailure { try await client.sendRaw(HTTPRequest(.get, "/v1/servers")) })
        #expect(server.requests.count == 4)
        #expect(error.status == 503)
        #expect(error.attempts == 4)
        #expect(error.exitStatus == .unavailable)
        #expect(error.message == "test API: GET /v1/servers: HTTP 503: last (after 4 attempts)")
    }

    @Test(arguments: [
        (400, InfraKit.ExitStatus.dataError), (401, .noPermission), (403, .noPermission), (404, .dataError),
        (409, .dataError), (422, .dataError), (301, .dataError),
    ])
    func otherStatusesAreNotRetried(status: Int, exitStatus: InfraKit.ExitStatus) async throws {
        let server = try LoopbackHTTPServer { _ in .json(#"{"error":"nope"}"#, status: status) }
        let client = try APIClient(.testing(server.baseURL))
        let error = try #require(await apiFailure { try await client.sendRaw(HTTPRequest(.get, "/v1/servers/9")) })
        #expect(server.requests.count == 1)
        #expect(error.attempts == 1)
        #expect(error.exitStatus == exitStatus)
        #expect(error.message == #"test API: GET /v1/servers/9: HTTP \#(status): {"error":"nope"}"#)
    }

    @Test func errorBodyIsCutToItsFirst256Bytes() async throws {
        let body = String(repeating: "a", count: 200) + String(repeating: "b", count: 800)
        let server = try LoopbackHTTPServer { _ in .text(body, status: 404) }
        let client = try APIClient(.testing(server.baseURL))
        let error = try #require(await apiFailure { try await client.sendRaw(HTTPRequest(.get, "/x")) })
        guard case .http(404, let excerpt) = error.reason else {
            Issue.record("unexpected \(error.reason)")
            return
        }
        #expect(excerpt == String(body.prefix(256)))
        #expect(error.message.hasSuffix(": HTTP 404: " + String(body.prefix(256))))
    }

    @Test func htmlErrorPageBecomesOneLine() async throws {
        let page = "<html>\n<head><title>502 Bad Gateway</title></head>\n<body>\n\t<h1>Bad Gateway</h1>\n</body>\n</html>\n"
        let server = try LoopbackHTTPServer { _ in .html(page, status: 502) }
        let client = try APIClient(.testing(server.baseURL))
        let error = try #require(await apiFailure { try await client.sendRaw(HTTPRequest(.get, "/")) })
        #expect(error.message == "test API: GET /: HTTP 502: <html> <head><title>502 Bad Gateway</title></head> <body> <h1>Bad Gateway</h1> </body> </html> (after 4 attempts)")
    }

    @Test func backoffGrowsAndIsCappedAsTraced() async throws {
        let server = try LoopbackHTTPServer { _ in .text("down", status: 503) }
        let trace = TraceRecorder()
        let configuration = APIClient.Configuration.testing(server.baseURL).with {
            $0.retryPolicy = RetryPolicy(maxRetries: 4, initialBackoff: .milliseconds(20), maxBackoff: .milliseconds(50), randomUnit: { 1 })
            $0.trace = trace.sink
        }
        let client = try APIClient(configuration)
        let started = ContinuousClock.now
        _ = await apiFailure { try await client.sendRaw(HTTPRequest(.get, "/")) }
        let elapsed = ContinuousClock.now - started
        let delays = trace.lines.compactMap { line in line.firstMatch(of: #/retrying in (\d+) ms/#).map { Int($0.1)! } }
        #expect(delays == [20, 40, 50, 50])
        #expect(elapsed >= .milliseconds(160))
        #expect(trace.lines.count == 5)
        #expect(trace.lines.last?.hasSuffix("(attempt 5/5)") == true)
    }

    @Test func injectedJitterHalvesTheWait() async throws {
        let server = try LoopbackHTTPServer()
        server.enqueue(.text("down", status: 500))
        let trace = TraceRecorder()
        let configuration = APIClient.Configuration.testing(server.baseURL).with {
            $0.retryPolicy = RetryPolicy(initialBackoff: .milliseconds(100), randomUnit: { 0 })
            $0.trace = trace.sink
        }
        _ = try await APIClient(configuration).sendRaw(HTTPRequest(.get, "/"))
        #expect(trace.lines.first?.hasSuffix("(attempt 1/4); retrying in 50 ms") == true)
    }

    @Test func traceHasOneLinePerAttemptWithMethodURLStatusTimeAndAttempt() async throws {
        let server = try LoopbackHTTPServer()
        server.enqueue(.text("down", status: 502))
        let trace = TraceRecorder()
        let client = try APIClient(.testing(server.baseURL).with { $0.trace = trace.sink })
        _ = try await client.sendRaw(HTTPRequest(.get, "/v1/servers", query: ["page": "2"]))
        let lines = trace.lines
        #expect(lines.count == 2)
        let pattern = #/^test API: GET http://127\.0\.0\.1:\d+/v1/servers\?page=2 -> HTTP (\d+) in (\d+) ms \(attempt (\d)/4\)/#
        let first = try #require(lines[0].firstMatch(of: pattern))
        let second = try #require(lines[1].firstMatch(of: pattern))
        #expect(first.1 == "502" && first.3 == "1")
        #expect(second.1 == "200" && second.3 == "2")
    }

    @Test func truncatedJSONIsADataError() async throws {
        let server = try LoopbackHTTPServer { _ in .json(#"{"id": 7, "name": "we"#) }
        let client = try APIClient(.testing(server.baseURL))
        let error = try #require(await apiFailure { try await client.send(HTTPRequest(.get, "/items/7"), as: Item.self) })
        #expect(server.requests.count == 1)
        #expect(error.exitStatus == .dataError)
        #expect(error.message == #"test API: GET /items/7: cannot decode the response: not valid JSON; body: {"id": 7, "name": "we"#)
    }

    @Test func wrongJSONShapeNamesThePath() async throws {
        let server = try LoopbackHTTPServer { _ in .json(#"{"id": "seven"}"#) }
        let client = try APIClient(.testing(server.baseURL))
        let error = try #require(await apiFailure { try await client.send(HTTPRequest(.get, "/"), as: Item.self) })
        #expect(error.message.hasPrefix("test API: GET /: cannot decode the response: expected Int at id"))
    }

    @Test func bodyCutShortByTheServerIsRetriedForGet() async throws {
        let server = try LoopbackHTTPServer()
        server.enqueue(ScriptedResponse.json(#"{"id":1}"#).with { $0.declaredLength = 500 }, .json(#"{"id":1}"#))
        let client = try APIClient(.testing(server.baseURL))
        let item = try await client.send(HTTPRequest(.get, "/"), as: Item.self)
        #expect(item == Item(id: 1))
        #expect(server.requests.count == 2)
    }

    @Test func connectionLostEveryTimeIsATemporaryFailure() async throws {
        let server = try LoopbackHTTPServer { _ in ScriptedResponse.json(#"{"id":1}"#).with { $0.resetMidBody = true } }
        let client = try APIClient(.testing(server.baseURL))
        let error = try #require(await apiFailure { try await client.sendRaw(HTTPRequest(.get, "/")) })
        #expect(server.requests.count == 4)
        guard case .transport(.connectionLost, _) = error.reason else {
            Issue.record("unexpected \(error.message)")
            return
        }
        #expect(error.exitStatus == .temporaryFailure)
    }
}
