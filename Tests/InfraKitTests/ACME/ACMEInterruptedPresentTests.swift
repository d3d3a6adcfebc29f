import Foundation
import InfraKit
import Synchronization
import Testing

/// `present` cancelled (what a tool's first SIGTERM does) against the in-memory CloudNS, in real
/// time: it removes what it added, waits for an unanswered add-record, and throws
/// `CancellationError`. The built hook is signalled for real in ACMEHookSignalTests.
@Suite("ACME challenge hook: an interrupted present")
struct ACMEInterruptedPresentTests {
    /// The fake, with every add-record answered `addDelay` late (the record exists at once).
    final class SlowAdds: HTTPTransport, Sendable {
        let fake: FakeCloudNS
        let addDelay: Duration
        init(_ fake: FakeCloudNS, addDelay: Duration) {
            self.fake = fake
            self.addDelay = addDelay
        }

        func execute(_ request: TransportRequest) async throws(TransportError) -> HTTPResponse {
            let response = try await fake.execute(request)
            if request.url.hasSuffix("/add-record.json") { try? await Task.sleep(for: addDelay) }
            return response
        }
    }

    static func hook(_ fake: FakeCloudNS, _ transport: (any HTTPTransport)? = nil, lines: ACMEChallengeHookTests.Lines) throws -> ACMEChallengeHook {
        var options = CloudNSClient.Options(apiURL: "https://api.cloudns.test", userAgent: "infra-tests")
        options.transport = transport ?? fake
        options.maxRequestsPerSecond = 1_000_000
        let client = try CloudNSClient(
            credentials: CloudNSCredentials(identity: .authID("1000"), password: Secret(FakeCloudNS.password)), options: options)
        return ACMEChallengeHook(
            client: client, settings: ACMEChallengeHookTests.settings(), resolver: fake.dns,
            systemResolvers: [], log: lines.log)
    }

    /// Waits (real time, up to 10 s) until `condition` holds.
    static func eventually(_ condition: () -> Bool) async -> Bool {
        for _ in 0..<1000 where !condition() { try? await Task.sleep(for: .milliseconds(10)) }
        return condition()
    }

    @Test func cancelledWhileWaitingRemovesTheAddedRecordAndLeavesTheSibling() async throws {
        let fake = FakeCloudNS(zones: ["example.com"])
        fake.seedTXT("example.com", host: "_acme-challenge", value: "someone-elses")
        fake.state.withLock { $0.pollsBeforeUpdated = 1_000_000 }
        let lines = ACMEChallengeHookTests.Lines()
        let hook = try Self.hook(fake, lines: lines)
        let challenge = try ACMEChallengeHookTests.challenge("example.com", "mine")
        let present = Task { try await hook.present([challenge]) }
        #expect(await Self.eventually { fake.polls > 0 })
        present.cancel()
        await #expect(throws: CancellationError.self) { try await present.value }
        #expect(fake.txt(in: "example.com") == ["_acme-challenge=someone-elses"])
        #expect(lines.all.last?.hasPrefix("removed TXT _acme-challenge.example.com (id ") == true)
        #expect(lines.all.last?.hasSuffix(" again after the interruption") == true)
    }

    @Test func cancelledWhileAddRecordIsInFlightWaitsForItsAnswerAndRemovesThatRecord() async throws {
        let fake = FakeCloudNS(zones: ["example.com"])
        let lines = ACMEChallengeHookTests.Lines()
        let hook = try Self.hook(fake, SlowAdds(fake, addDelay: .milliseconds(500)), lines: lines)
        let present = Task { try await hook.present([try ACMEChallengeHookTests.challenge("example.com", "mine")]) }
        #expect(await Self.eventually { !fake.txt(in: "example.com").isEmpty })  // added, not yet answered
        present.cancel()
        await #expect(throws: CancellationError.self) { try await present.value }
        #expect(fake.txt(in: "example.com").isEmpty)
        #expect(lines.all.contains { $0.hasPrefix("the add-record request for TXT _acme-challenge.example.com was answered after the interruption (id ") })
        #expect(fake.apiCalls == ["records", "add-record", "delete-record"])
    }

    @Test func cancelledBeforeAnythingWasAddedSaysSo() async throws {
        let fake = FakeCloudNS(zones: ["example.com"])
        let lines = ACMEChallengeHookTests.Lines()
        let hook = try Self.hook(fake, lines: lines)
        let present = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await hook.present([try ACMEChallengeHookTests.challenge("example.com", "mine")])
        }
        await #expect(throws: CancellationError.self) { try await present.value }
        #expect(fake.apiCalls.filter { $0 == "add-record" }.isEmpty)
        #expect(lines.all == ["interrupted before any record was added: nothing to remove"])
    }
}
