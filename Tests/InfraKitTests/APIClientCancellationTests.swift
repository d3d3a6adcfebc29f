import Foundation
@testable import InfraKit
import Testing
import TestSupport

/// Cancelling the calling task, or reaching the overall timeout, must end a call long before the
/// 60 s delay or backoff it interrupts.
///
/// The mechanism itself takes about a millisecond (the engine's poll is woken, or a `Task.sleep`
/// ends), but three threads must then be scheduled in turn (engine, client task, test task) on a
/// 2-core machine that other builds load too, while the other tests of the run share the same
/// concurrency pool (runs at a load average of 25 saw a woken task wait several seconds, and a
/// test task starved for over 10 s): so the stalls last 60 s (with a request timeout beyond them),
/// the limit asserted is 5 s, and each measurement is taken up to three times and the fastest
/// counts. A broken mechanism (one that waits for the 60 s stall) fails all three.
@Suite("APIClient cancellation and deadlines")
struct APIClientCancellationTests {
    static let limit = Duration.seconds(5)
    /// How long the server stalls, or the client backs off, unless interrupted.
    static let stall = Duration.seconds(60)

    /// One call to cancel and how to tell it is under way.
    private struct Probe {
        let call: @Sendable () async -> APIError?
        let isUnderway: @Sendable () -> Bool
    }

    /// Cancels a fresh probe once it is under way, up to three times; returns the errors seen and the
    /// shortest time from `cancel()` to the end of the call.
    private func fastestCancellation(_ makeProbe: () throws -> Probe) async throws -> ([APIError?], Duration) {
        var errors: [APIError?] = []
        var fastest = Duration.seconds(3600)
        for _ in 0..<3 where fastest >= Self.limit {
            let probe = try makeProbe()
            let call = Task { await probe.call() }
            #expect(await eventually(probe.isUnderway))
            try await Task.sleep(for: .milliseconds(50))
            let cancelled = ContinuousClock.now
            call.cancel()
            errors.append(await call.value)
            fastest = min(fastest, ContinuousClock.now - cancelled)
        }
        return (errors, fastest)
    }

    private func probe(_ client: APIClient, _ request: HTTPRequest, progress: @escaping @Sendable () -> Int) -> Probe {
        let before = progress()
        return Probe(call: { await apiFailure { try await client.sendRaw(request) } }, isUnderway: { progress() > before })
    }

    @Test func cancellationInterruptsASlowResponse() async throws {
        let server = try LoopbackHTTPServer { _ in ScriptedResponse.ok.with { $0.delayBeforeHeaders = Self.stall } }
        let transport = try CurlTransport()
        let client = try APIClient(.testing(server.baseURL).with { $0.requestTimeout = .seconds(120) }.with { $0.transport = transport })
        let (errors, latency) = try await fastestCancellation {
            probe(client, HTTPRequest(.get, "/slow")) { server.requests.count }
        }
        #expect(errors.allSatisfy { $0?.reason == .cancelled && $0?.exitStatus == .temporaryFailure })
        #expect(latency < Self.limit)
        #expect(transport.busyHandleCount == 0)
    }

    @Test func cancellationInterruptsABodyHalfWay() async throws {
        let body = String(repeating: "x", count: 4096)
        let server = try LoopbackHTTPServer { _ in ScriptedResponse.json(body).with { $0.delayMidBody = Self.stall } }
        let transport = try CurlTransport()
        let client = try APIClient(.testing(server.baseURL).with { $0.requestTimeout = .seconds(120) }.with { $0.transport = transport })
        let (errors, latency) = try await fastestCancellation {
            probe(client, HTTPRequest(.get, "/stalls")) { server.requests.count }
        }
        #expect(errors.allSatisfy { $0?.reason == .cancelled })
        #expect(latency < Self.limit)
        #expect(transport.busyHandleCount == 0)
    }

    @Test func cancellationInterruptsABackoffWait() async throws {
        let server = try LoopbackHTTPServer { _ in .text("down", status: 503) }
        let trace = TraceRecorder()
        let client = try APIClient(.testing(server.baseURL).with { $0.requestTimeout = .seconds(120) }.with {
            $0.retryPolicy = RetryPolicy(initialBackoff: Self.stall, maxBackoff: Self.stall)
            $0.trace = trace.sink
        })
        let (errors, latency) = try await fastestCancellation {
            probe(client, HTTPRequest(.get, "/")) { trace.lines.count }
        }
        #expect(errors.allSatisfy { $0?.reason == .cancelled })
        #expect(latency < Self.limit)
        #expect(server.requests.count == errors.count)
    }

    @Test func cancellationInterruptsTheRateLimitWindow() async throws {
        let server = try LoopbackHTTPServer { _ in .json("{}", status: 429, headers: [("Retry-After", "30")]) }
        let (errors, latency) = try await fastestCancellation {
            // A fresh client each time: the previous one's window would keep the request from the server.
            probe(try APIClient(.testing(server.baseURL).with { $0.requestTimeout = .seconds(120) }), HTTPRequest(.get, "/")) { server.requests.count }
        }
        #expect(errors.allSatisfy { $0?.reason == .cancelled })
        #expect(latency < Self.limit)
    }

    @Test func alreadyCancelledTaskSendsNothing() async throws {
        let server = try LoopbackHTTPServer()
        let client = try APIClient(.testing(server.baseURL).with { $0.requestTimeout = .seconds(120) })
        let call = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return await apiFailure { try await client.sendRaw(HTTPRequest(.get, "/")) }
        }
        #expect(await call.value?.reason == .cancelled)
        try await Task.sleep(for: .milliseconds(50))
        #expect(server.requests.isEmpty)
    }

    @Test(arguments: [false, true])
    func overallTimeoutEndsTheCall(duringBackoff: Bool) async throws {
        let server = try LoopbackHTTPServer { _ in
            duringBackoff ? .text("down", status: 503) : ScriptedResponse.ok.with { $0.delayBeforeHeaders = Self.stall }
        }
        let client = try APIClient(.testing(server.baseURL).with { $0.requestTimeout = .seconds(120) }.with {
            $0.overallTimeout = .milliseconds(300)
            $0.retryPolicy = RetryPolicy(initialBackoff: Self.stall, maxBackoff: Self.stall)
        })
        var fastest = Duration.seconds(3600)
        for _ in 0..<3 where fastest >= .milliseconds(300) + Self.limit {
            let started = ContinuousClock.now
            let error = try #require(await apiFailure { try await client.sendRaw(HTTPRequest(.get, "/v1/servers")) })
            let elapsed = ContinuousClock.now - started
            #expect(error.reason == .deadlineExceeded(.milliseconds(300)))
            #expect(error.message.hasPrefix("test API: GET /v1/servers: no answer within the overall timeout of 300 ms"))
            #expect(error.exitStatus == .temporaryFailure)
            #expect(elapsed >= .milliseconds(300))
            fastest = min(fastest, elapsed)
        }
        #expect(fastest < .milliseconds(300) + Self.limit)
    }

    @Test func engineThreadAndHandlesDoNotOutliveTheClient() async throws {
        let server = try LoopbackHTTPServer()
        server.enqueue(ScriptedResponse.ok.with { $0.delayBeforeHeaders = Self.stall })
        var transport: CurlTransport? = try CurlTransport()
        let threadName = try #require(transport?.threadName)
        let handles = try #require(transport?.handleCensus)
        #expect(await eventually { ThreadCensus.count(named: threadName) == 1 }, "\(ThreadCensus.threadNames())")

        var client: APIClient? = try APIClient(.testing(server.baseURL).with { $0.requestTimeout = .seconds(120) }.with { $0.transport = transport })
        let call = Task { [client] in await apiFailure { try await client!.sendRaw(HTTPRequest(.get, "/")) } }
        #expect(await eventually { server.requests.count == 1 })
        #expect(handles.busyHandles == 1)
        call.cancel()
        #expect(await call.value?.reason == .cancelled)
        #expect(handles.busyHandles == 0)
        _ = try await client?.sendRaw(HTTPRequest(.get, "/"))  // leaves an idle handle for reuse
        #expect(handles.allocatedHandles == 1)

        client = nil
        transport = nil
        #expect(await ThreadCensus.waitUntilGone(named: threadName) == 0)
        #expect(handles.allocatedHandles == 0)
    }
}
