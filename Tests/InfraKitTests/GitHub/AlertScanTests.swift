import Foundation
import InfraKit
import Synchronization
import Testing

/// The scan with gh replaced by canned answers: bounded parallelism, rate-limit waits that resume
/// where they stopped, and failures that stop everything.
@Suite("GitHub: alert scan")
struct AlertScanTests {
    /// Answers each gh run from `respond`, counting runs and the most at once.
    final class FakeGH: GHRunner {
        let respond: @Sendable (String) -> GHRun
        private let state = Mutex((running: 0, most: 0, endpoints: [String]()))

        init(_ respond: @escaping @Sendable (String) -> GHRun) { self.respond = respond }

        var mostAtOnce: Int { state.withLock { $0.most } }
        var endpoints: [String] { state.withLock { $0.endpoints } }

        func run(_ arguments: [String]) async throws(GHRunnerError) -> GHRun {
            let endpoint = arguments.last!
            state.withLock {
                $0.running += 1
                $0.most = max($0.most, $0.running)
                $0.endpoints.append(endpoint)
            }
            try? await Task.sleep(for: .milliseconds(20))
            state.withLock { $0.running -= 1 }
            if Task.isCancelled { throw .cancelled }
            return respond(endpoint)
        }
    }

    static func page(_ numbers: ClosedRange<Int>, next: String? = nil) -> String {
        "HTTP/1.1 200 OK\n" + (next.map { "Link: <\($0)>; rel=\"next\"\n" } ?? "") + "\n"
            + numbers.map { #"{"number": \#($0), "created_at": "2024-01-01T00:00:00Z"}"# + "\n" }.joined()
    }

    static let repositories = (1...6).map { AlertScope.repository(RepositoryName("acme/r\($0)")!) }

    @Test func runsAtMostJobsGhAtOnceAndReportsEveryRepositoryAndKind() async throws {
        let gh = FakeGH { _ in GHRun(exitStatus: 0, stdout: Array(Self.page(1...2).utf8)) }
        let report = try await AlertScan.run(
            scopes: Self.repositories, kinds: AlertKind.allCases, runner: gh, settings: .init(jobs: 3))
        #expect(gh.mostAtOnce == 3)
        #expect(report.ghRuns == 18)
        #expect(report.findings.count == 36)
        #expect(report.coverage.count == 18)
        #expect(report.coverage.first?.scope == Self.repositories[0] && report.coverage.first?.kind == .codeScanning)
        #expect(report.coverage.allSatisfy { $0.status == .ok && $0.findings == 2 })
    }

    @Test func aRateLimitWaitsAsToldAndResumesFromTheLastNextLink() async throws {
        let refused = Mutex(false)
        let gh = FakeGH { endpoint in
            if endpoint.hasPrefix("https://") {
                return GHRun(exitStatus: 0, stdout: Array(Self.page(3...4).utf8))
            }
            let first = !refused.withLock { done in defer { done = true }; return done }
            guard first else { return GHRun(exitStatus: 0, stdout: Array(Self.page(1...4).utf8)) }
            let text = Self.page(1...2, next: "https://h/api/v3/repos/acme/r1/dependabot/alerts?after=X")
                + "HTTP/1.1 403 Forbidden\nRetry-After: 1\n\n{\"message\":\"You have exceeded a secondary rate limit.\"}"
            return GHRun(exitStatus: 1, stdout: Array(text.utf8), stderr: "gh: You have exceeded a secondary rate limit. (HTTP 403)\n")
        }
        let notices = Mutex([String]())
        let started = ContinuousClock.now
        let report = try await AlertScan.run(
            scopes: [Self.repositories[0]], kinds: [.dependabot], runner: gh, notice: { text in notices.withLock { $0.append(text) } })
        #expect(ContinuousClock.now - started >= .seconds(1))
        #expect(gh.endpoints == [
            "repos/acme/r1/dependabot/alerts?state=open", "https://h/api/v3/repos/acme/r1/dependabot/alerts?after=X",
        ])
        #expect(report.findings.map(\.number).sorted() == [1, 2, 3, 4])
        #expect(report.coverage.map(\.status) == [.ok])
        #expect(notices.withLock { $0 } == [
            "acme/r1 Dependabot: GitHub asks to slow down (You have exceeded a secondary rate limit.); waiting 1 s"
        ])
    }

    @Test func aRateLimitLongerThanTheLongestWaitIsReportedNotWaited() async throws {
        let gh = FakeGH { _ in
            GHRun(
                exitStatus: 1, stdout: Array("HTTP/1.1 429 Too Many Requests\nRetry-After: 3600\n\n{}".utf8),
                stderr: "gh: You have exceeded a secondary rate limit. (HTTP 429)\n")
        }
        let report = try await AlertScan.run(scopes: [Self.repositories[0]], kinds: [.secretScanning], runner: gh)
        #expect(report.coverage.map(\.status) == [.error])
        #expect(report.coverage.first?.detail == "rate limited: You have exceeded a secondary rate limit.")
        #expect(report.ghRuns == 1)
    }

    @Test func aMissingLoginStopsTheWholeScan() async {
        let gh = FakeGH { endpoint in
            endpoint.contains("r2/") ? GHRun(exitStatus: 1, stderr: "gh: Bad credentials (HTTP 401)\n") : GHRun(exitStatus: 0)
        }
        await #expect(throws: AlertScanError.notLoggedIn("Bad credentials")) {
            try await AlertScan.run(scopes: Self.repositories, kinds: AlertKind.allCases, runner: gh, settings: .init(jobs: 2))
        }
        #expect(gh.endpoints.count < 18)
    }

    @Test func timeoutsAndUnreadableAlertsAreCoverageErrors() async throws {
        let gh = FakeGH { endpoint in
            endpoint.contains("dependabot")
                ? GHRun(exitStatus: 143, timedOut: true)
                : GHRun(exitStatus: 0, stdout: Array("HTTP/1.1 200 OK\n\n{\"number\": \"one\"}\n".utf8))
        }
        let report = try await AlertScan.run(scopes: [Self.repositories[0]], kinds: [.codeScanning, .dependabot], runner: gh)
        #expect(report.coverage.map(\.status) == [.error, .error])
        #expect(report.coverage.map(\.detail) == ["an alert could not be read: unexpected value at number", "gh did not finish in time"])
    }
}
