import Foundation
import InfraKit
import Synchronization
import Testing
import TestSupport

/// Waiting for actions: polling to success or error, the poll schedule, progress notices, `locked`.
@Suite("Hetzner Cloud actions")
struct HetznerCloudActionTests {
    /// A load balancer whose `add_target` action runs for `duration` of `now`'s time, then ends `finalStatus`.
    static func actionServer(
        runningFor duration: Duration, now: @escaping @Sendable () -> ContinuousClock.Instant,
        finalStatus: String = "success", error: (String, String)? = nil
    ) throws -> LoopbackHTTPServer {
        let started = Mutex<ContinuousClock.Instant?>(nil)
        return try LoopbackHTTPServer { request in
            if request.method == "POST" {
                started.withLock { $0 = now() }
                return HetznerFixtures.actionAnswer(HetznerFixtures.actionJSON(id: 31, command: "add_target"), status: 201)
            }
            let elapsed = now() - started.withLock { $0! }
            let status = elapsed < duration ? "running" : finalStatus
            let failure = status == "error" ? error : nil
            return HetznerFixtures.actionAnswer(HetznerFixtures.actionJSON(id: 31, command: "add_target", status: status, error: failure))
        }
    }

    @Test func aOneSecondActionIsSeenFinishedWithinAQuarterSecondOfItsEnd() async throws {
        let time = VirtualClock()
        let server = try Self.actionServer(runningFor: .seconds(1), now: time.clock.now)
        let client = try HetznerFixtures.cloudClient(server, clock: time.clock)
        let action = try await client.addTarget(.server(42), toLoadBalancer: 4711)
        #expect(action.isSuccess)
        let waited = time.sleeps.reduce(Duration.zero, +)
        #expect(waited >= .seconds(1) && waited <= .milliseconds(1300))
        // Growing waits, starting short.
        #expect(time.sleeps.first == .milliseconds(150))
        #expect(zip(time.sleeps, time.sleeps.dropFirst()).allSatisfy { $0 < $1 })
        #expect(server.requests.filter { $0.path == "/v1/actions/31" }.count == time.sleeps.count)
    }

    @Test func longWaitsArePolledAtMostEveryOneAndAHalfSeconds() async throws {
        let time = VirtualClock()
        let server = try Self.actionServer(runningFor: .seconds(60), now: time.clock.now)
        let client = try HetznerFixtures.cloudClient(server, clock: time.clock)
        try await client.addTarget(.server(42), toLoadBalancer: 4711)
        let waited = time.sleeps.reduce(Duration.zero, +)
        #expect(waited >= .seconds(60) && waited <= .milliseconds(61_500))
        #expect(time.sleeps.max() == .milliseconds(1500))
        // Below the budget's refill of one request a second.
        #expect(time.sleeps.count < 50)
    }

    /// The schedule itself is checked on the virtual clock above; in real time, on a busy machine,
    /// only that the wait is about the action's length and not a long backoff.
    @Test func aRealOneSecondActionReturnsSoonAfterItEnds() async throws {
        let server = try Self.actionServer(runningFor: .seconds(1), now: { ContinuousClock.now })
        let client = try HetznerFixtures.cloudClient(server, clock: .continuous)
        let start = ContinuousClock.now
        try await client.addTarget(.server(42), toLoadBalancer: 4711)
        let elapsed = ContinuousClock.now - start
        #expect(elapsed >= .seconds(1) && elapsed < .seconds(10))
    }

    @Test func anActionEndingInErrorThrowsItsCodeAndMessage() async throws {
        let time = VirtualClock()
        let server = try Self.actionServer(
            runningFor: .milliseconds(400), now: time.clock.now, finalStatus: "error",
            error: ("server_not_attached_to_network", "server 42 is not attached to network 7"))
        let client = try HetznerFixtures.cloudClient(server, clock: time.clock)
        let error = try await #require(throws: HetznerCloudError.self) {
            try await client.addTarget(.server(42, usePrivateIP: true), toLoadBalancer: 4711)
        }
        #expect(error.kind == .actionFailed && error.code == "server_not_attached_to_network" && error.actionID == 31)
        #expect(error.message == "hcloud: action add_target (load_balancer 4711) failed: server_not_attached_to_network: server 42 is not attached to network 7")
        #expect(error.exitStatus == .failure)
    }

    @Test func aWaitOverASecondIsReportedWithItsEnd() async throws {
        let time = VirtualClock()
        let server = try Self.actionServer(runningFor: .seconds(3), now: time.clock.now)
        let notices = TraceRecorder()
        let client = try HetznerFixtures.cloudClient(server, clock: time.clock, notice: notices.sink)
        try await client.addTarget(.server(42), toLoadBalancer: 4711)
        #expect(notices.lines.count == 2)
        #expect(notices.lines.first?.hasPrefix("hcloud: waiting for add_target (load_balancer 4711)") == true)
        #expect(notices.lines.last?.hasPrefix("hcloud: add_target (load_balancer 4711) done after 3") == true)
    }

    @Test func aShortWaitSaysNothing() async throws {
        let time = VirtualClock()
        let server = try Self.actionServer(runningFor: .milliseconds(500), now: time.clock.now)
        let notices = TraceRecorder()
        let client = try HetznerFixtures.cloudClient(server, clock: time.clock, notice: notices.sink)
        try await client.addTarget(.server(42), toLoadBalancer: 4711)
        #expect(notices.lines.isEmpty)
    }

    @Test func anActionRunningPastTheTimeoutIsATemporaryFailure() async throws {
        let time = VirtualClock()
        let server = try Self.actionServer(runningFor: .seconds(3600), now: time.clock.now)
        let client = try HetznerFixtures.cloudClient(server, clock: time.clock, adjust: { $0.actionPolling.timeout = .seconds(30) })
        let error = try await #require(throws: HetznerCloudError.self) {
            try await client.addTarget(.server(42), toLoadBalancer: 4711)
        }
        #expect(error.kind == .actionTimeout && error.exitStatus == .temporaryFailure && error.actionID == 31)
    }

    @Test func lockedWaitsForTheRunningActionOfTheLoadBalancerThenSendsAgain() async throws {
        let server = try LoopbackHTTPServer()
        server.enqueue(
            HetznerFixtures.error("locked", "load balancer is locked", status: 423),
            .json(#"{"actions":[\#(HetznerFixtures.actionJSON(id: 77, command: "change_type"))],"meta":\#(HetznerFixtures.meta(page: 1, perPage: 50, total: 1))}"#),
            HetznerFixtures.actionAnswer(HetznerFixtures.actionJSON(id: 77, command: "change_type")),
            HetznerFixtures.actionAnswer(HetznerFixtures.actionJSON(id: 77, command: "change_type", status: "success")),
            HetznerFixtures.actionAnswer(HetznerFixtures.actionJSON(id: 78, command: "add_target", status: "success"), status: 201))
        let notices = TraceRecorder()
        let client = try HetznerFixtures.cloudClient(server, notice: notices.sink)
        let action = try await client.addTarget(.server(42), toLoadBalancer: 4711)
        #expect(action.id == 78 && action.isSuccess)
        #expect(server.requests.map { "\($0.method) \($0.path)" } == [
            "POST /v1/load_balancers/4711/actions/add_target", "GET /v1/load_balancers/4711/actions",
            "GET /v1/actions/77", "GET /v1/actions/77", "POST /v1/load_balancers/4711/actions/add_target",
        ])
        let query = Dictionary(RecordedRequest.pairs(server.requests[1].query), uniquingKeysWith: { $1 })
        #expect(query["status"] == "running")
        #expect(notices.lines.contains { $0.contains("locked by change_type") })
    }

    @Test func lockedWithoutAListedActionBacksOffAndSendsAgain() async throws {
        let time = VirtualClock()
        let server = try LoopbackHTTPServer()
        let none = #"{"actions":[],"meta":\#(HetznerFixtures.meta(page: 1, perPage: 50, total: 0))}"#
        server.enqueue(
            HetznerFixtures.error("locked", "locked", status: 423), .json(none),
            HetznerFixtures.error("locked", "locked", status: 423), .json(none),
            HetznerFixtures.actionAnswer(HetznerFixtures.actionJSON(id: 78, command: "delete_service", status: "success"), status: 201))
        let client = try HetznerFixtures.cloudClient(server, clock: time.clock)
        try await client.deleteService(listenPort: 80, fromLoadBalancer: 4711)
        #expect(server.requests.filter { $0.method == "POST" }.count == 3)
        #expect(time.sleeps == [.milliseconds(150), .milliseconds(187.5)])
    }

    @Test func lockedForLongerThanAllowedFails() async throws {
        let time = VirtualClock()
        let none = #"{"actions":[],"meta":\#(HetznerFixtures.meta(page: 1, perPage: 50, total: 0))}"#
        let server = try LoopbackHTTPServer { request in
            request.method == "POST" ? HetznerFixtures.error("locked", "locked", status: 423) : .json(none)
        }
        let client = try HetznerFixtures.cloudClient(server, clock: time.clock, adjust: { $0.actionPolling.lockedTimeout = .seconds(10) })
        let error = try await #require(throws: HetznerCloudError.self) {
            try await client.deleteService(listenPort: 80, fromLoadBalancer: 4711)
        }
        #expect(error.code == "locked" && error.exitStatus == .temporaryFailure)
        #expect(time.sleeps.reduce(Duration.zero, +) >= .seconds(10))
    }
}
