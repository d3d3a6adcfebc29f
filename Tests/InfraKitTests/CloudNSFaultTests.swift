import Foundation
import InfraKit
import Testing
import TestSupport

/// Every fault the emulator can inject, rate limits and refused credentials: each is retried or
/// becomes a clear error with the right exit status, and no error or trace line shows the password.
@Suite("CloudNS client faults")
struct CloudNSFaultTests {
    static func started(records: [EmulatorProcess.SeedRecord] = [.init("www", "A", "192.0.2.1")]) async throws -> EmulatorProcess {
        let emulator = try await EmulatorProcess.start()
        try await emulator.seed(.init(zones: [EmulatorProcess.Zone("example.com", records: records)]))
        return emulator
    }

    @Test(arguments: [
        ["kind": "http-error", "status": 500], ["kind": "http-error", "status": 502], ["kind": "http-error", "status": 503],
        ["kind": "reset"], ["kind": "http-error", "status": 500, "count": 3],
    ] as [[String: any Sendable]])
    func readsAreRetriedThroughTransientFaults(fault: [String: any Sendable]) async throws {
        let emulator = try await Self.started()
        defer { emulator.stop() }
        try await emulator.addFault(fault.merging(["method": "records"]) { old, _ in old })
        let records = try await emulator.client().listRecords(in: "example.com")
        #expect(records.map(\.value) == ["192.0.2.1"])
        let results = try await emulator.calls("records").map(\.result)
        #expect(results.last == "data")
        #expect(results.dropLast().allSatisfy { $0 == "fault" } && results.count == 1 + ((fault["count"] as? Int) ?? 1))
    }

    @Test func aSlowAnswerTimesOutAndIsRetried() async throws {
        let emulator = try await Self.started()
        defer { emulator.stop() }
        try await emulator.addFault(["method": "records", "kind": "slow", "delay": 30])
        let client = try emulator.client { $0.requestTimeout = .milliseconds(500) }
        let started = ContinuousClock.now
        #expect(try await client.listRecords(in: "example.com").count == 1)
        // Well before the slow answer (30 s), with slack for a busy machine.
        #expect(ContinuousClock.now - started < .seconds(15))
    }

    @Test func readsGiveUpAfterTheLastAttemptWithExit69() async throws {
        let emulator = try await Self.started()
        defer { emulator.stop() }
        try await emulator.addFault(["method": "records", "kind": "http-error", "status": 503, "count": 10])
        let error = await #expect(throws: CloudNSError.self) { try await emulator.client().listRecords(in: "example.com") }
        #expect(error?.exitStatus == .unavailable)
        #expect(error?.message.hasPrefix("CloudNS API: POST /dns/records.json: HTTP 503: <html>") == true)
        #expect(error?.message.hasSuffix("(after 4 attempts)") == true)
    }

    @Test(arguments: [
        (["kind": "html"], "CloudNS API: POST /dns/records.json: unexpected answer: an HTML page instead of JSON; body: <!DOCTYPE html> <html><head><title>Maintenance</title></head><body><h1>We are performing scheduled maintenance.</h1></body></html>"),
        (["kind": "invalid-json"], "CloudNS API: POST /dns/records.json: unexpected answer: not valid JSON; body: {\"status\":\"Succ"),
        (["kind": "failed"], "CloudNS API: POST /dns/records.json: Emulated failure."),
        (["kind": "failed", "description": "Your plan supports only GeoDNS zones."], "CloudNS API: POST /dns/records.json: Your plan supports only GeoDNS zones."),
    ] as [([String: any Sendable], String)])
    func answersThatAreNotDataAreClearErrorsWithExit69(fault: [String: any Sendable], message: String) async throws {
        let emulator = try await Self.started()
        defer { emulator.stop() }
        try await emulator.addFault(fault.merging(["method": "records"]) { old, _ in old })
        let error = await #expect(throws: CloudNSError.self) { try await emulator.client().listRecords(in: "example.com") }
        #expect(error?.exitStatus == .unavailable)
        #expect(error?.message == message)
    }

    /// add-record is not repeatable: when its answer is lost, the client looks before adding again.
    @Test(arguments: [
        (["kind": "http-error", "status": 502, "after_apply": true], 1),
        (["kind": "reset", "after_apply": true], 1),
        (["kind": "invalid-json", "after_apply": true], 1),
        (["kind": "reset"], 2),
        (["kind": "http-error", "status": 500], 2),
    ] as [([String: any Sendable], Int)])
    func anAddWhoseAnswerIsLostIsVerifiedNotDuplicated(fault: [String: any Sendable], addCalls: Int) async throws {
        let emulator = try await Self.started(records: [])
        defer { emulator.stop() }
        try await emulator.addFault(fault.merging(["method": "add-record"]) { old, _ in old })
        let added = try await emulator.client().addRecord(
            DNSRecord(host: "www", type: "A", value: "192.0.2.7", ttl: 300), in: "example.com")
        let held = try await emulator.records(in: "example.com")
        #expect(held.map(\.record) == ["192.0.2.7"])
        #expect(added.id == held.first?.id)
        #expect(try await emulator.calls("add-record").count == addCalls)
    }

    @Test func aDeleteWhoseAnswerIsLostCountsAsDone() async throws {
        let emulator = try await Self.started()
        defer { emulator.stop() }
        let id = try #require(try await emulator.records(in: "example.com").first?.id)
        try await emulator.addFault(["method": "delete-record", "kind": "http-error", "status": 502, "after_apply": true])
        #expect(try await emulator.client().deleteRecord(id: id, in: "example.com") == .alreadyGone)
        #expect(try await emulator.records(in: "example.com").isEmpty)
    }

    @Test func perSecondRateLimitsAreWaitedOutAndRetried() async throws {
        let emulator = try await Self.started()
        defer { emulator.stop() }
        try await emulator.settings(["rate_limit": ["per_second": 3]])
        let trace = TraceRecorder()
        let client = try emulator.client {
            $0.maxRequestsPerSecond = 1000
            $0.rateLimitPause = .milliseconds(400)
            $0.retryPolicy = RetryPolicy(maxRetries: 6, initialBackoff: .milliseconds(5), maxBackoff: .milliseconds(20))
            $0.trace = trace.sink
        }
        // All at once, so that the limit is crossed however slowly a busy machine runs the test.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<8 { group.addTask { _ = try await client.zoneInfo("example.com") } }
            try await group.waitForAll()
        }
        let results = try await emulator.calls().map(\.result)
        #expect(results.contains("blocked"))
        #expect(results.filter { $0 == "data" }.count == 8)
        #expect(trace.lines.contains { $0.contains("; next attempt in 400 ms") })
    }

    @Test func aRateLimitThatNeverLiftsExits75() async throws {
        let emulator = try await Self.started()
        defer { emulator.stop() }
        // A per-minute block cannot lift between the quick retries, however slow the machine.
        try await emulator.settings(["rate_limit": ["per_minute": 1]])
        let client = try emulator.client {
            $0.minuteRateLimitPause = .milliseconds(50)
            $0.retryPolicy = RetryPolicy(maxRetries: 2, initialBackoff: .milliseconds(5), maxBackoff: .milliseconds(5))
        }
        _ = try await client.zoneInfo("example.com")
        let error = await #expect(throws: CloudNSError.self) { try await client.zoneInfo("example.com") }
        #expect(error?.kind == .rateLimited)
        #expect(error?.exitStatus == .temporaryFailure)
        #expect(error?.message == "CloudNS API: POST /dns/get-zone-info.json: rate limited by the server (after 3 attempts)")
    }

    @Test func anHourlyBlockFailsAtOnceWithExit75() async throws {
        let emulator = try await Self.started()
        defer { emulator.stop() }
        try await emulator.settings(["rate_limit": ["per_hour": 1]])
        let client = try emulator.client()
        _ = try await client.zoneInfo("example.com")
        let error = await #expect(throws: CloudNSError.self) { try await client.zoneInfo("example.com") }
        #expect(error?.exitStatus == .temporaryFailure)
        #expect(error?.message == "CloudNS API: POST /dns/get-zone-info.json: Request blocked. 127.0.0.1 is sending more than 1 requests per hour. (blocked for up to an hour)")
        #expect(try await emulator.calls().count == 2)
    }

    @Test func theDefaultPaceStaysBelowCloudNSLimit() async throws {
        let emulator = try await Self.started()
        defer { emulator.stop() }
        let client = try emulator.client { $0.maxRequestsPerSecond = CloudNSClient.Options().maxRequestsPerSecond }
        let started = ContinuousClock.now
        for _ in 0..<40 { _ = try await client.zoneInfo("example.com") }
        #expect(ContinuousClock.now - started >= .milliseconds(2500))
        #expect(try await emulator.calls().allSatisfy { $0.result == "data" })
    }

    @Test(arguments: [
        (CloudNSCredentials.Identity.authID(EmulatorProcess.authID), "CloudNS API: POST /dns/list-zones.json: Invalid authentication, incorrect auth-id or auth-password."),
        (.subAuthUser("nobody"), "CloudNS API: POST /dns/list-zones.json: Invalid authentication, incorrect sub-auth-id, sub-auth-user or auth-password."),
    ])
    func refusedCredentialsExit77(identity: CloudNSCredentials.Identity, message: String) async throws {
        let emulator = try await Self.started()
        defer { emulator.stop() }
        let wrong = "wrong-\(EmulatorProcess.canary)"
        let error = await #expect(throws: CloudNSError.self) {
            try await emulator.client(identity, password: wrong).listZones()
        }
        #expect(error?.kind == .authentication)
        #expect(error?.exitStatus == .noPermission)
        #expect(error?.message == message)
        #expect(try await emulator.calls().count == 1)
    }

    /// A server that echoes the request — in a Failed description, an error page, a trace — must
    /// not make the client print the password.
    @Test(arguments: [
        ScriptedResponse.json(#"{"status":"Failed","statusDescription":"bad request: ECHO"}"#),
        ScriptedResponse.html("<h1>502</h1><pre>ECHO</pre>", status: 502),
        ScriptedResponse.html("<p>maintenance ECHO</p>", status: 200),
        ScriptedResponse.json(#"{"status":"Failed","statusDescription":"Invalid authentication for ECHO"}"#),
    ])
    func thePasswordIsInNoErrorOrTraceLine(answer: ScriptedResponse) async throws {
        let server = try LoopbackHTTPServer { request in
            let echoed = String(decoding: answer.body, as: UTF8.self).replacingOccurrences(of: "ECHO", with: request.bodyText)
            return answer.with { $0.body = Data(echoed.utf8) }
        }
        defer { server.stop() }
        let trace = TraceRecorder()
        var options = CloudNSClient.Options(apiURL: server.baseURL, userAgent: "infra-tests/1.0")
        options.retryPolicy = RetryPolicy(maxRetries: 1, initialBackoff: .milliseconds(1), maxBackoff: .milliseconds(1))
        options.trace = trace.sink
        let password = "pw \(EmulatorProcess.canary)/+&=\u{22}"
        let client = try CloudNSClient(
            credentials: CloudNSCredentials(identity: .authID("1000"), password: Secret(password)), options: options)
        let error = await #expect(throws: CloudNSError.self) { try await client.listRecords(in: "example.com") }
        let text = ([error?.message ?? "", "\(String(describing: error))"] + trace.lines).joined(separator: "\n")
        #expect(server.requests.first?.bodyText.contains("auth-password=") == true)
        #expect(!text.contains(EmulatorProcess.canary), "\(text)")
        #expect(!text.contains(HTTPParametersEncoding.encode(password)))
    }
}

/// Percent-encoding as a form body carries it, to look for the encoded password too.
enum HTTPParametersEncoding {
    static func encode(_ text: String) -> String {
        var parameters = HTTPParameters()
        parameters.append("x", text)
        return String(parameters.percentEncoded.dropFirst(2))
    }
}
