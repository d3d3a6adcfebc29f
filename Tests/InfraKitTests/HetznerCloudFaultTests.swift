import Foundation
@testable import InfraKit
import Synchronization
import Testing
import TestSupport

/// The error envelope, the retry decision for each code, the rate limit, and redaction.
@Suite("Hetzner Cloud faults")
struct HetznerCloudFaultTests {
    @Test func invalidInputBecomesATypedErrorNamingItsFieldsAndIsNotRetried() async throws {
        let server = try LoopbackHTTPServer()
        server.enqueue(HetznerFixtures.error(
            "invalid_input", "invalid input in field 'health_check'", status: 400,
            details: #"{"fields":[{"name":"health_check","messages":["timeout must be lower than interval"]}]}"#))
        let client = try HetznerFixtures.cloudClient(server)
        let error = try await #require(throws: HetznerCloudError.self) {
            try await client.addService(.init(protocol: "http", listenPort: 80), toLoadBalancer: 4711)
        }
        #expect(error.kind == .api && error.code == "invalid_input" && error.httpStatus == 400)
        #expect(error.exitStatus == .dataError)
        #expect(error.fields == [.init(name: "health_check", messages: ["timeout must be lower than interval"])])
        #expect(error.message == "hcloud API: POST /v1/load_balancers/4711/actions/add_service: invalid_input: invalid input in field 'health_check' (health_check: timeout must be lower than interval)")
        #expect(server.requests.count == 1)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let method: String
        let answer: ScriptedResponse
        /// Requests the server sees when the failure happens once and then the call succeeds.
        let requests: Int
        /// Exit status when the failure is all the server ever answers; nil when it must succeed.
        let exit: InfraKit.ExitStatus?
        let code: String?
        var testDescription: String { "\(method) \(answer.status) \(code ?? "no envelope")" }

        init(_ method: String, _ status: Int, _ code: String?, requests: Int, exit: InfraKit.ExitStatus?) {
            self.method = method
            answer =
                code.map { HetznerFixtures.error($0, "scripted \($0)", status: status) }
                ?? .text("<html>bad gateway</html>", status: status)
            self.requests = requests
            self.exit = exit
            self.code = code
        }
    }

    @Test(arguments: [
        Case("POST", 409, "conflict", requests: 2, exit: nil),
        Case("GET", 409, "conflict", requests: 2, exit: nil),
        Case("GET", 503, "unavailable", requests: 2, exit: nil),
        Case("POST", 503, "unavailable", requests: 1, exit: .unavailable),
        Case("GET", 504, "timeout", requests: 2, exit: nil),
        Case("POST", 504, "timeout", requests: 1, exit: .temporaryFailure),
        Case("GET", 502, nil, requests: 2, exit: nil),
        Case("POST", 502, nil, requests: 1, exit: .unavailable),
        Case("POST", 400, "invalid_input", requests: 1, exit: .dataError),
        Case("POST", 409, "uniqueness_error", requests: 1, exit: .dataError),
        Case("DELETE", 403, "protected", requests: 1, exit: .dataError),
        Case("GET", 401, "unauthorized", requests: 1, exit: .noPermission),
        Case("POST", 403, "token_readonly", requests: 1, exit: .noPermission),
        Case("GET", 403, "forbidden", requests: 1, exit: .noPermission),
        Case("GET", 404, "not_found", requests: 1, exit: .dataError),
        Case("POST", 422, "source_port_already_used", requests: 1, exit: .dataError),
        Case("POST", 500, "server_error", requests: 1, exit: .unavailable),
    ])
    func retryDecision(_ scenario: Case) async throws {
        let server = try LoopbackHTTPServer { request in
            switch request.method {
            case "DELETE": return ScriptedResponse(status: 204)
            case "POST": return HetznerFixtures.actionAnswer(HetznerFixtures.actionJSON(id: 1, command: "add_target", status: "success"), status: 201)
            default: return .json(#"{"servers":[],"meta":\#(HetznerFixtures.meta(page: 1, perPage: 50, total: 0))}"#)
            }
        }
        server.enqueue(scenario.answer)
        let client = try HetznerFixtures.cloudClient(server)
        let outcome: Result<Void, HetznerCloudError>
        do {
            switch scenario.method {
            case "POST": try await client.addTarget(.server(42), toLoadBalancer: 4711)
            case "DELETE": try await client.deleteLoadBalancer(id: 4711)
            default: _ = try await client.servers()
            }
            outcome = .success(())
        } catch {
            outcome = .failure(error)
        }
        #expect(server.requests.count == scenario.requests)
        switch (outcome, scenario.exit) {
        case (.success, nil):
            break
        case (.failure(let error), let exit?):
            #expect(error.exitStatus == exit)
            #expect(error.code == scenario.code)
            #expect(error.isNotFound == (scenario.code == "not_found"))
        case (.success, let exit?):
            Issue.record("expected a failure with exit \(exit)")
        case (.failure(let error), nil):
            Issue.record("expected success, got \(error.message)")
        }
    }

    @Test func conflictOnEveryAttemptEndsAsATemporaryFailure() async throws {
        let server = try LoopbackHTTPServer { _ in HetznerFixtures.error("conflict", "changed meanwhile", status: 409) }
        let client = try HetznerFixtures.cloudClient(server)
        let error = try await #require(throws: HetznerCloudError.self) { try await client.servers() }
        #expect(error.exitStatus == .temporaryFailure && error.code == "conflict")
        #expect(server.requests.count == 4)
        #expect(error.message.hasSuffix("(after 4 attempts)"))
    }

    /// The time between the refused request and its retry, for a 429 carrying these budget headers.
    /// The reset is reckoned when the refusal is sent, so a slow start of the test cannot eat it.
    private func gapAfterRateLimit(
        limit: Int, resetIn seconds: Int, notices: TraceRecorder = TraceRecorder()
    ) async throws -> Duration {
        let answered = Mutex(0)
        let server = try LoopbackHTTPServer { _ in
            let first = answered.withLock { count in
                count += 1
                return count == 1
            }
            guard first else {
                // A POST: the refusal proves nothing was done, so even a create is sent again.
                return HetznerFixtures.actionAnswer(
                    HetznerFixtures.actionJSON(id: 1, command: "add_target", status: "success"), status: 201)
            }
            let reset = Int(Date().timeIntervalSince1970) + seconds
            return HetznerFixtures.error(
                "rate_limit_exceeded", "limit of \(limit) requests per hour reached", status: 429,
                headers: [("RateLimit-Limit", "\(limit)"), ("RateLimit-Remaining", "0"), ("RateLimit-Reset", "\(reset)")])
        }
        try await HetznerFixtures.cloudClient(server, notice: notices.sink).addTarget(.server(42), toLoadBalancer: 4711)
        let requests = server.requests
        try #require(requests.count == 2)
        return requests[1].receivedAt - requests[0].receivedAt
    }

    /// The wait after a 429 is reckoned from the budget headers at a given moment; computed here
    /// with a fixed clock, since a starved test task would see a reset that has come closer.
    @Test("a refusal waits until one token is back, reckoned from RateLimit-Reset", arguments: [
        (limit: 1, remaining: 0, resetIn: 5.0, wait: Duration.seconds(5)),
        (limit: 3600, remaining: 0, resetIn: 3600.0, wait: Duration.seconds(1)),
        (limit: 3600, remaining: 3000, resetIn: 1200.0, wait: Duration.seconds(2)),
        (limit: 10, remaining: 0, resetIn: 100_000.0, wait: Duration.seconds(120)),
    ])
    func refusalWait(limit: Int, remaining: Int, resetIn: Double, wait: Duration) {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let response = HTTPResponse(status: 429, headers: HTTPHeaders([
            ("RateLimit-Limit", "\(limit)"), ("RateLimit-Remaining", "\(remaining)"),
            ("RateLimit-Reset", "\(Int(now.timeIntervalSince1970 + resetIn))"),
        ]))
        #expect(HetznerCloudRateLimit.wait(afterRefusal: response, now: now) == wait)
    }

    @Test func aRetryAfterHeaderWinsOverTheBudget() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let response = HTTPResponse(status: 429, headers: HTTPHeaders([
            ("Retry-After", "7"), ("RateLimit-Limit", "1"), ("RateLimit-Remaining", "0"), ("RateLimit-Reset", "1800000100"),
        ]))
        #expect(HetznerCloudRateLimit.wait(afterRefusal: response, now: now) == .seconds(7))
    }

    @Test func aRateLimitRefusalIsWaitedOutAndTheRequestSentAgain() async throws {
        let notices = TraceRecorder()
        let gap = try await gapAfterRateLimit(limit: 1, resetIn: 5, notices: notices)
        let wait = try #require(notices.lines.first.flatMap(Self.announcedWait))
        #expect(wait > .zero && wait <= .seconds(5))
        #expect(gap >= wait - .milliseconds(50))
    }

    @Test func aRateLimitRefusalDoesNotWaitForAFullBucketAndSaysSo() async throws {
        // 3600 an hour, empty: full again in an hour, but one token is back after a second.
        let notices = TraceRecorder()
        let gap = try await gapAfterRateLimit(limit: 3600, resetIn: 3600, notices: notices)
        // The wait the client chose is in the notice: about a second (one token), not an hour.
        let wait = try #require(notices.lines.first.flatMap(Self.announcedWait))
        #expect(notices.lines.count == 1)
        #expect(wait >= .milliseconds(900) && wait <= .seconds(1))
        #expect(gap >= wait - .milliseconds(50))
    }

    @Test func aLowBudgetSpacesRequestsAtTheRefillRateAndSaysSo() async throws {
        let page = #"{"servers":[],"meta":\#(HetznerFixtures.meta(page: 1, perPage: 50, total: 0))}"#
        let server = try LoopbackHTTPServer { _ in
            let reset = Int(Date().timeIntervalSince1970) + 8
            return .json(page, headers: [("RateLimit-Limit", "20"), ("RateLimit-Remaining", "5"), ("RateLimit-Reset", "\(reset)")])
        }
        let notices = TraceRecorder()
        let client = try HetznerFixtures.cloudClient(server, notice: notices.sink)
        _ = try await client.servers()
        _ = try await client.servers()
        let requests = server.requests
        // 15 tokens missing, full in 7–8 s: one every ~0.5 s.
        #expect(requests[1].receivedAt - requests[0].receivedAt >= .milliseconds(450))
        #expect(notices.lines.count == 1)
        #expect(notices.lines.first?.contains("5 requests left") == true)
    }

    @Test func aHealthyBudgetDoesNotSlowDown() async throws {
        let reset = Int(Date().timeIntervalSince1970) + 100
        let headers = [("RateLimit-Limit", "3600"), ("RateLimit-Remaining", "3500"), ("RateLimit-Reset", "\(reset)")]
        let page = #"{"servers":[],"meta":\#(HetznerFixtures.meta(page: 1, perPage: 50, total: 0))}"#
        let server = try LoopbackHTTPServer { _ in .json(page, headers: headers) }
        let notices = TraceRecorder()
        let client = try HetznerFixtures.cloudClient(server, notice: notices.sink)
        for _ in 0..<5 { _ = try await client.servers() }
        // A client that paces says so (see the low-budget test); this one never did.
        #expect(notices.lines.isEmpty)
    }

    @Test func theTokenAndAPrivateKeyNeverAppearInErrorsOrTraces() async throws {
        let privateKey = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQCanary\n-----END PRIVATE KEY-----\n"
        // A server echoing everything it got: the Authorization header and the whole body.
        let server = try LoopbackHTTPServer { request in
            let echo = "got \(request.header("Authorization") ?? "") with \(request.bodyText)"
            let quoted = String(decoding: try! JSONEncoder().encode(echo), as: UTF8.self)
            let fields = #"{"fields":[{"name":"private_key","messages":[\#(quoted)]}]}"#
            return .json(#"{"error":{"code":"invalid_input","message":\#(quoted),"details":\#(fields)}}"#, status: 400)
        }
        let trace = TraceRecorder()
        let client = try HetznerFixtures.cloudClient(server, trace: trace.sink)
        let error = try await #require(throws: HetznerCloudError.self) {
            try await client.uploadCertificate(
                name: "wildcard", certificate: "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
                privateKey: Secret(privateKey))
        }
        // The key went out once, in the body.
        #expect(server.requests.count == 1 && server.requests[0].bodyText.contains("MIIEvQIBADAN"))
        let texts = [error.message, "\(error)", String(reflecting: error)] + error.fields.flatMap(\.messages) + trace.lines
        for text in texts {
            #expect(!text.contains(HetznerFixtures.token))
            #expect(!text.contains("MIIEvQIBADAN"))
            #expect(!text.contains("Canary"))
        }
        #expect(error.code == "invalid_input")
        #expect(!trace.lines.isEmpty)
    }

    /// The wait in `hcloud API: rate limit reached; waiting 1 s for the next request` (or `999 ms`).
    static func announcedWait(_ notice: String) -> Duration? {
        guard let range = notice.range(of: "waiting ") else { return nil }
        let words = notice[range.upperBound...].split(separator: " ")
        guard words.count >= 2, let value = Int64(words[0]) else { return nil }
        switch words[1] {
        case "s": return .seconds(value)
        case "ms": return .milliseconds(value)
        default: return nil
        }
    }
}
