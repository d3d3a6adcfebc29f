import Foundation
import Synchronization
@testable import InfraKit
import Testing
import TestSupport

@Suite("APIClient rate limiting")
struct APIClientRateLimitTests {
    /// Time between the first and the second request the server saw, and the wait the client chose
    /// (from its trace: "next attempt in N ms"); `retryAfter` makes the header value when the
    /// server answers.
    ///
    /// The chosen wait is what the code controls and is checked exactly; the gap must be at least
    /// that. The gap has no upper bound: in a parallel test run on two shared cores, a task whose
    /// sleep has ended was seen to wait over 10 s for a thread of the concurrency pool.
    private func gapAfterTooManyRequests(
        retryAfter: @escaping @Sendable () -> String?
    ) async throws -> (gap: Duration, chosenWait: Duration?) {
        let answered = Mutex(false)
        let server = try LoopbackHTTPServer { _ in
            guard !answered.withLock({ $0 }) else { return .ok }
            answered.withLock { $0 = true }
            return .json(#"{"error":"slow down"}"#, status: 429, headers: retryAfter().map { [("Retry-After", $0)] } ?? [])
        }
        let lines = Mutex<[String]>([])
        let client = try APIClient(.testing(server.baseURL).with { configuration in
            configuration.trace = { line in lines.withLock { $0.append(line) } }
        })
        let response = try await client.sendRaw(HTTPRequest(.get, "/"))
        #expect(response.status == 200)
        let requests = server.requests
        try #require(requests.count == 2)
        let chosen = lines.withLock { $0 }.lazy.compactMap { line -> Duration? in
            guard let range = line.range(of: "next attempt in ") else { return nil }
            return Int(line[range.upperBound...].prefix { $0.isNumber }).map { .milliseconds($0) }
        }.first
        return (requests[1].receivedAt - requests[0].receivedAt, chosen)
    }

    @Test func retryAfterInSecondsIsHonoured() async throws {
        let (gap, chosen) = try await gapAfterTooManyRequests { "2" }
        #expect(chosen == .seconds(2))
        #expect(gap >= .seconds(2))
    }

    @Test func retryAfterAsHTTPDateIsHonoured() async throws {
        // The date has whole seconds: 5 s ahead of the answer is at least 4 s after the first request
        // arrived. The client may get the answer late on a busy machine, so its own wait may be shorter
        // (even zero), but the second request must never come before the date.
        let (gap, chosen) = try await gapAfterTooManyRequests { RetryAfter.imfFixdate(Date().addingTimeInterval(5)) }
        let wait = try #require(chosen)
        #expect(wait <= .seconds(5))
        #expect(gap >= .seconds(4))
    }

    @Test(arguments: ["in a while", nil] as [String?])
    func unreadableOrMissingRetryAfterWaitsOneSecond(retryAfter: String?) async throws {
        let (gap, chosen) = try await gapAfterTooManyRequests { retryAfter }
        #expect(chosen == .seconds(1))
        #expect(gap >= .seconds(1))
    }

    @Test func blockedWindowDelaysAConcurrentRequestOfTheSameClient() async throws {
        let server = try LoopbackHTTPServer()
        server.enqueue(.json("{}", status: 429, headers: [("Retry-After", "1")]))
        let client = try APIClient(.testing(server.baseURL))
        async let first = client.sendRaw(HTTPRequest(.get, "/first"))
        #expect(await eventually { server.requests.count == 1 })
        try await Task.sleep(for: .milliseconds(50))
        async let second = client.sendRaw(HTTPRequest(.get, "/second"))
        _ = try await (first, second)

        let requests = server.requests
        let refused = try #require(requests.first)
        let secondArrival = try #require(requests.first { $0.path == "/second" })
        #expect(refused.path == "/first")
        #expect(secondArrival.receivedAt - refused.receivedAt >= .seconds(1))
        #expect(requests.count == 3)
    }

    @Test func rateLimitingIsRetriedEvenForPlainPost() async throws {
        let server = try LoopbackHTTPServer()
        server.enqueue(.json("{}", status: 429, headers: [("Retry-After", "0")]))
        let client = try APIClient(.testing(server.baseURL))
        _ = try await client.sendRaw(HTTPRequest(.post, "/records", body: .form(["a": "1"])))
        #expect(server.requests.map(\.method) == ["POST", "POST"])
    }

    @Test func persistentRateLimitingEndsAsATemporaryFailure() async throws {
        let server = try LoopbackHTTPServer { _ in .json(#"{"error":"slow"}"#, status: 429, headers: [("Retry-After", "0")]) }
        let client = try APIClient(.testing(server.baseURL))
        let error = try #require(await apiFailure { try await client.sendRaw(HTTPRequest(.get, "/")) })
        #expect(server.requests.count == 4)
        #expect(error.status == 429)
        #expect(error.exitStatus == .temporaryFailure)
    }

    /// CloudNS answers rate limiting with HTTP 200 and a failure status in the body.
    private static let cloudNSClassifier: ResponseClassifier = { response in
        struct Status: Decodable {
            let status: String
            let statusDescription: String
        }
        guard let body = try? JSONDecoder().decode(Status.self, from: response.body), body.status == "Failed" else {
            return .accept
        }
        if body.statusDescription.contains("Request blocked") { return .rateLimited(retryAfter: .milliseconds(300)) }
        return .failure(message: body.statusDescription, exitStatus: .dataError)
    }

    @Test func classifierTurnsABlockedAnswerIntoARetry() async throws {
        let server = try LoopbackHTTPServer()
        server.enqueue(.json(#"{"status":"Failed","statusDescription":"Request blocked because of too many requests per second"}"#))
        server.enqueue(.json(#"{"status":"Success","statusDescription":"The record was added successfully."}"#))
        let client = try APIClient(.testing(server.baseURL).with { $0.classifier = Self.cloudNSClassifier })
        let response = try await client.sendRaw(HTTPRequest(.post, "/dns/add-record.json", body: .form(["a": "1"])))
        #expect(String(decoding: response.body, as: UTF8.self).contains("Success"))
        let requests = server.requests
        #expect(requests.count == 2)
        #expect(requests[1].receivedAt - requests[0].receivedAt >= .milliseconds(300))
    }

    @Test func classifierFailureIsNotRetried() async throws {
        let server = try LoopbackHTTPServer { _ in .json(#"{"status":"Failed","statusDescription":"Invalid domain name."}"#) }
        let client = try APIClient(.testing(server.baseURL).with { $0.classifier = Self.cloudNSClassifier })
        let error = try #require(await apiFailure { try await client.sendRaw(HTTPRequest(.get, "/dns/records.json")) })
        #expect(server.requests.count == 1)
        #expect(error.message == "test API: GET /dns/records.json: Invalid domain name.")
        #expect(error.exitStatus == .dataError)
    }

    @Test func pacingSpacesRequestsClientWide() async throws {
        let server = try LoopbackHTTPServer()
        let client = try APIClient(.testing(server.baseURL).with { $0.maxRequestsPerSecond = 20 })
        let started = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<6 {
                group.addTask { _ = try await client.sendRaw(HTTPRequest(.get, "/\(index)")) }
            }
            try await group.waitForAll()
        }
        let elapsed = ContinuousClock.now - started
        // Six requests at 20 per second: five intervals of 50 ms at least.
        #expect(elapsed >= .milliseconds(250))
        let arrivals = server.requests.map(\.receivedAt).sorted()
        #expect(arrivals.count == 6)
        #expect(arrivals.last! - arrivals.first! >= .milliseconds(240))
    }

    @Test func sequentialRequestsArePacedToo() async throws {
        let server = try LoopbackHTTPServer()
        let client = try APIClient(.testing(server.baseURL).with { $0.maxRequestsPerSecond = 10 })
        let started = ContinuousClock.now
        for _ in 0..<4 { _ = try await client.sendRaw(HTTPRequest(.get, "/")) }
        #expect(ContinuousClock.now - started >= .milliseconds(300))
    }
}
