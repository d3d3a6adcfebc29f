import Foundation
import InfraKit
import Testing
import TestSupport

/// infra-monitor with the real gh (Debian's 2.23) against the GitHub emulator over TLS: every page
/// of every kind, the coverage of switched-off features, the org-level lists and the secret that
/// must never show.
@Suite("infra-monitor: real gh against the GitHub emulator", .enabled(if: GitHubEmulatorProcess.ghIsAvailable))
struct MonitorEndToEndTests {
    /// acme/api has 250 open alerts of code scanning and of Dependabot (three pages of 100 each)
    /// and secret scanning alerts whose literals are the canary.
    static let busyRepository = """
        {"full_name": "acme/api", "private": true,
         "alerts": {"code_scanning": {"count": 250, "state": "open"},
                    "dependabot": {"count": 250, "state": "open"},
                    "secret_scanning": [
                        {"number": 1, "state": "open", "secret_type": "npm_access_token", "secret": "\(MonitorToolHarness.secretCanary)",
                         "path": "config/.env", "start_line": 3},
                        {"number": 2, "state": "open", "secret_type": "github_personal_access_token",
                         "secret": "ghp_\(MonitorToolHarness.secretCanary)"}]}}
        """

    @Test func readsEveryPageOfEveryKindAskingOnlyForOpenAlerts() async throws {
        let harness = try await MonitorToolHarness.start(seed: #"{"orgs": ["acme"], "repos": [\#(Self.busyRepository)]}"#)
        defer { harness.stop() }
        let (result, report) = try await harness.runJSON(["--repo", "acme/api"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(report.count("code-scanning") == 250)
        #expect(report.count("dependabot") == 250)
        #expect(report.count("secret-scanning") == 2)
        #expect(Set(report.findings.map(\.repo)) == ["acme/api"])
        #expect(report.findings.filter { $0.source == "secret-scanning" }.allSatisfy { $0.severity == "critical" })
        #expect(report.coverage.map(\.status) == ["ok", "ok", "ok"])

        let calls = try await harness.alertCalls()
        let dependabot = calls.filter { $0.path.contains("/dependabot/") }
        let codeScanning = calls.filter { $0.path.contains("/code-scanning/") }
        #expect(dependabot.count == 3 && codeScanning.count == 3)
        #expect(dependabot.allSatisfy { $0.query["page"] == nil && $0.status == 200 })
        #expect(dependabot.dropFirst().allSatisfy { $0.query["after"] != nil })
        #expect(codeScanning.dropFirst().allSatisfy { $0.query["page"] != nil })
        #expect(calls.allSatisfy { $0.query["state"] == ["open"] })
        #expect(calls.filter { $0.path.contains("/secret-scanning/") }.allSatisfy { $0.query["hide_secret"] == ["true"] })
    }

    @Test func tableIsGroupedByRepositoryMostSevereFirstWithASummary() async throws {
        let harness = try await MonitorToolHarness.start(seed: """
            {"repos": [{"full_name": "acme/api", "alerts": {"dependabot": [
                {"number": 1, "state": "open", "severity": "low", "created_at": 1704067200},
                {"number": 2, "state": "open", "severity": "critical", "created_at": 1706745600},
                {"number": 3, "state": "open", "severity": "moderate", "created_at": 1704067200}],
                "code_scanning": {"count": 0}, "secret_scanning": {"count": 0}}},
              {"full_name": "acme/web", "alerts": {"dependabot": [{"number": 7, "state": "open", "severity": "high"}],
                "code_scanning": {"count": 0}, "secret_scanning": {"count": 0}}}]}
            """)
        defer { harness.stop() }
        let result = try await harness.run(["--repo", "acme/web", "--repo", "acme/api", "--kind", "dependabot"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let apiHeading = try #require(lines.firstIndex(of: "acme/api: 3 findings"))
        let webHeading = try #require(lines.firstIndex(of: "acme/web: 1 finding"))
        #expect(apiHeading < webHeading)
        let apiRows = lines[(apiHeading + 2)...(apiHeading + 4)].map { $0.split(separator: " ").first.map(String.init) }
        #expect(apiRows == ["critical", "medium", "low"])
        #expect(lines[apiHeading + 3].contains(" dependabot ") && lines[apiHeading + 3].contains("GHSA-"))
        #expect(lines.contains { $0.hasPrefix("acme/api ") && $0.hasSuffix("ok") })
        #expect(result.stdout.hasSuffix("4 findings: 1 critical, 1 high, 1 medium, 1 low\n"))
    }

    @Test func switchedOffFeaturesAndMissingAccessAreCoverageNotFailures() async throws {
        let harness = try await MonitorToolHarness.start(seed: """
            {"repos": [
              {"full_name": "acme/api", "alerts": {"dependabot": {"count": 5, "state": "open"}}},
              {"full_name": "acme/web", "features": {"code_scanning": "advanced-security-off", "dependabot": "disabled",
                                                     "secret_scanning": "disabled"}},
              {"full_name": "acme/docs", "features": {"code_scanning": "not-set-up", "dependabot": "no-access",
                                                      "secret_scanning": "no-access"}},
              {"full_name": "acme/lab", "features": {"code_scanning": "no-analysis"}}]}
            """)
        defer { harness.stop() }
        let repositories = ["acme/api", "acme/web", "acme/docs", "acme/lab", "acme/gone"]
        let (result, report) = try await harness.runJSON(repositories.flatMap { ["--repo", $0] })
        #expect(result.status == 0, "\(result.stderr)")
        #expect(report.count("dependabot", in: "acme/api") == 5)
        #expect(report.status("acme/web", "code-scanning") == "disabled")
        #expect(report.status("acme/web", "dependabot") == "disabled")
        #expect(report.status("acme/web", "secret-scanning") == "disabled")
        #expect(report.status("acme/docs", "code-scanning") == "disabled")
        #expect(report.status("acme/docs", "dependabot") == "no-access")
        #expect(report.status("acme/docs", "secret-scanning") == "no-access")
        #expect(report.status("acme/lab", "code-scanning") == "ok")
        #expect(report.status("acme/gone", "dependabot") == "not-found")
        let detail = report.coverage.first { $0.target == "acme/web" && $0.kind == "dependabot" }?.detail
        #expect(detail == "Dependabot alerts are disabled for this repository.")

        let table = try await harness.run(repositories.flatMap { ["--repo", $0] })
        #expect(table.status == 0)
        let webRow = table.stdout.split(separator: "\n").first { $0.hasPrefix("acme/web ") }
        #expect(webRow?.split(separator: " ", omittingEmptySubsequences: true) == ["acme/web", "disabled", "disabled", "disabled"])
        #expect(table.stdout.contains("acme/docs secret-scanning: Resource not accessible by personal access token"))
    }

    @Test func secretLiteralsNeverReachAnyOutput() async throws {
        let harness = try await MonitorToolHarness.start(seed: #"{"repos": [\#(Self.busyRepository)]}"#)
        defer { harness.stop() }
        var outputs: [String] = []
        for arguments in [[], ["--json"], ["--format", "csv"], ["--verbose"], ["--verbose", "--json"]] {
            let result = try await harness.run(["--repo", "acme/api", "--kind", "secret-scanning"] + arguments)
            #expect(result.status == 0, "\(result.stderr)")
            outputs.append(result.stdout + result.stderr)
        }
        #expect(outputs[1].contains("npm_access_token"), "the secret alerts themselves are reported")
        for output in outputs {
            #expect(!output.contains(MonitorToolHarness.secretCanary))
            #expect(!output.contains(GitHubEmulatorProcess.token))
        }
    }

    @Test func organizationListsAreOneWalkPerKindWithTheRepositoryOfEachAlert() async throws {
        let harness = try await MonitorToolHarness.start(seed: """
            {"orgs": ["acme"], "repos": [
              {"full_name": "acme/api", "alerts": {"code_scanning": {"count": 120, "state": "open"},
                                                   "dependabot": {"count": 130, "state": "open"},
                                                   "secret_scanning": {"count": 3, "state": "open"}}},
              {"full_name": "acme/web", "alerts": {"code_scanning": {"count": 4, "state": "open"},
                                                   "dependabot": {"count": 5, "state": "open"},
                                                   "secret_scanning": {"count": 0}}}]}
            """)
        defer { harness.stop() }
        let (result, report) = try await harness.runJSON(["--org", "acme"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(report.count("code-scanning", in: "acme/api") == 120)
        #expect(report.count("code-scanning", in: "acme/web") == 4)
        #expect(report.count("dependabot", in: "acme/api") == 130)
        #expect(report.count("dependabot", in: "acme/web") == 5)
        #expect(report.count("secret-scanning") == 3)
        #expect(report.coverage.map { "\($0.target) \($0.scope) \($0.status)" } == Array(repeating: "acme organization ok", count: 3))
        let calls = try await harness.alertCalls()
        #expect(calls.allSatisfy { $0.endpoint == "org_alerts" })
        #expect(calls.count == 2 + 2 + 1)  // 124 and 135 alerts take two pages each
    }

    @Test func organizationListsRefusedToANonAdminAreNoAccessWithAHint() async throws {
        let harness = try await MonitorToolHarness.start(seed: """
            {"tokens": [{"token": "\(GitHubEmulatorProcess.token)", "login": "dev", "id": 2, "kind": "classic",
                         "scopes": ["repo", "read:org"], "org_admin": []}],
             "orgs": ["acme"], "repos": [{"full_name": "acme/api", "alerts": {"dependabot": {"count": 2, "state": "open"}}}]}
            """)
        defer { harness.stop() }
        let (result, report) = try await harness.runJSON(["--org", "acme", "--repo", "acme/api", "--kind", "dependabot"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(report.status("acme", "dependabot") == "no-access")
        #expect(report.status("acme/api", "dependabot") == "ok")
        #expect(report.count("dependabot") == 2)
        #expect(result.stderr.contains("infra-monitor: note: the organization-level alert lists of acme need an owner or security manager"))
    }

    @Test func waitsAsTheSecondaryRateLimitSaysAndResumesOnTheSamePage() async throws {
        let harness = try await MonitorToolHarness.start(seed: #"{"repos": [\#(Self.busyRepository)]}"#)
        defer { harness.stop() }
        // The second page of Dependabot is refused once, with retry-after: 2.
        try await harness.emulator.addFault(
            #"{"kind": "rate-limit-secondary", "status": 403, "retry_after": 2, "path": "/repos/*/dependabot/alerts", "skip": 1, "count": 1}"#)
        let started = ContinuousClock.now
        let (result, report) = try await harness.runJSON(["--repo", "acme/api", "--kind", "dependabot"])
        let elapsed = ContinuousClock.now - started
        #expect(result.status == 0, "\(result.stderr)")
        #expect(report.count("dependabot") == 250)
        #expect(result.stderr.contains("secondary rate limit"))
        #expect(result.stderr.contains("waiting 2 s"))
        #expect(elapsed >= .seconds(2))
        let calls = try await harness.alertCalls()
        // Page 1, the refusal, then page 2 again (from its cursor) and page 3: page 1 is not read twice.
        #expect(calls.count == 4)
        #expect(calls.filter { $0.query["after"] == nil }.count == 1)
        #expect(calls.map(\.status) == [200, 403, 200, 200])
    }

    @Test func serverErrorsAndSlowAnswersAreCoverageErrorsAndExit75() async throws {
        let harness = try await MonitorToolHarness.start(seed: """
            {"repos": [{"full_name": "acme/api", "alerts": {"dependabot": {"count": 3, "state": "open"}}}]}
            """)
        defer { harness.stop() }
        try await harness.emulator.addFault(#"{"kind": "http-error", "status": 502, "path": "/repos/*/code-scanning/alerts"}"#)
        try await harness.emulator.addFault(#"{"kind": "slow", "delay_ms": 20000, "path": "/repos/*/secret-scanning/alerts"}"#)
        let (result, report) = try await harness.runJSON(["--repo", "acme/api", "--timeout", "2"])
        #expect(result.status == 75)
        #expect(report.count("dependabot") == 3)
        #expect(report.status("acme/api", "dependabot") == "ok")
        #expect(report.status("acme/api", "code-scanning") == "error")
        #expect(report.coverage.first { $0.kind == "code-scanning" }?.detail?.contains("(HTTP 502)") == true)
        #expect(report.coverage.first { $0.kind == "secret-scanning" }?.detail == "gh did not finish in time")
        #expect(result.stderr.contains("infra-monitor: error: 2 alert lists could not be read: acme/api code-scanning, acme/api secret-scanning"))
    }

    @Test func failOnExitsOneWhenAFindingIsAtOrAboveTheLevel() async throws {
        let harness = try await MonitorToolHarness.start(seed: """
            {"repos": [{"full_name": "acme/api", "alerts": {"dependabot": [{"number": 1, "state": "open", "severity": "high"}],
              "code_scanning": {"count": 0}, "secret_scanning": {"count": 0}}}]}
            """)
        defer { harness.stop() }
        #expect(try await harness.run(["--repo", "acme/api", "--fail-on", "high"]).status == 1)
        #expect(try await harness.run(["--repo", "acme/api", "--fail-on", "critical"]).status == 0)
        // --severity only hides; the threshold still sees the high finding.
        let hidden = try await harness.run(["--repo", "acme/api", "--severity", "critical", "--fail-on", "medium"])
        #expect(hidden.status == 1)
        #expect(hidden.stdout.contains("No open findings."))
        #expect(hidden.stdout.contains("1 less severe not shown"))
    }

    @Test func missingGhOrLoginExits69WithTheFix() async throws {
        let harness = try await MonitorToolHarness.start(seed: #"{"repos": [{"full_name": "acme/api"}]}"#)
        defer { harness.stop() }
        let noGh = try await harness.run(["--repo", "acme/api"], changes: ["PATH": "/nonexistent"])
        #expect(noGh.status == 69)
        #expect(noGh.stderr.contains("infra-monitor: error: gh, the GitHub CLI, is needed"))
        #expect(noGh.stderr.contains("apt-get install gh"))

        let noToken = try await harness.run(["--repo", "acme/api"], changes: ["GH_ENTERPRISE_TOKEN": nil])
        #expect(noToken.status == 69)
        #expect(noToken.stderr.contains("gh is not logged in to GitHub (Requires authentication)"))
        #expect(noToken.stderr.contains("run gh auth login, or set GH_TOKEN"))

        let badToken = try await harness.run(["--repo", "acme/api"], changes: ["GH_ENTERPRISE_TOKEN": "ghp_wrong"])
        #expect(badToken.status == 69)
        #expect(badToken.stderr.contains("Bad credentials"))
        #expect(!badToken.stderr.contains("ghp_wrong"))

        // No host, no token, an empty gh config: gh itself refuses (its exit status 4).
        let loggedOut = try await harness.run(["--repo", "acme/api"], changes: ["GH_ENTERPRISE_TOKEN": nil, "GH_HOST": nil])
        #expect(loggedOut.status == 69)
        #expect(loggedOut.stderr.contains("gh auth login"))
    }

    @Test func interruptStopsEveryGhRun() async throws {
        let harness = try await MonitorToolHarness.start(seed: """
            {"repos": [{"full_name": "acme/a"}, {"full_name": "acme/b"}, {"full_name": "acme/c"}]}
            """)
        defer { harness.stop() }
        try await harness.emulator.addFault(#"{"kind": "slow", "delay_ms": 30000, "count": 20}"#)
        let home = harness.scratch.url.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let environment = ToolProcess.environment(home: home, overrides: harness.emulator.environment)
        let tool = try await ChildProcess.start(
            ProcessRequest(
                ToolProcess.url(of: "infra-monitor").path, ["--repo", "acme/a", "--repo", "acme/b", "--repo", "acme/c"],
                environment: environment, standardOutput: .discard, standardError: .discard, timeout: .seconds(60)))
        let configDirectory = try #require(harness.emulator.ghEnvironment["GH_CONFIG_DIR"])

        // Four gh runs (--jobs 4) hang on the slow answers.
        let deadline = ContinuousClock.now + .seconds(30)
        while GhProcesses.using(configDirectory).count < 4, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
        }
        try await Task.sleep(for: .milliseconds(500))  // their requests are on the way
        #expect(GhProcesses.using(configDirectory).count == 4)
        kill(tool.pid, SIGINT)
        let result = await tool.wait()
        // The signal cancels the scan, which ends every gh run's group; then the tool exits 130.
        #expect(result.termination == .exited(130))
        // A gh killed at the last moment may take a few milliseconds to go.
        let settled = ContinuousClock.now + .seconds(3)
        while !GhProcesses.using(configDirectory).isEmpty, ContinuousClock.now < settled {
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(GhProcesses.using(configDirectory).isEmpty)
    }

    @Test func sourcesComeFromTheCommandLineThenInfraYamlThenTheGitRemote() async throws {
        let harness = try await MonitorToolHarness.start(seed: """
            {"orgs": ["acme"], "repos": [{"full_name": "acme/api"}, {"full_name": "acme/web"}, {"full_name": "acme/cli"}]}
            """)
        defer { harness.stop() }
        func targets(_ arguments: [String], stdin: String = "") async throws -> [String] {
            let result = try await harness.run(arguments + ["--json", "--kind", "dependabot"], stdin: stdin)
            #expect(result.status == 0, "\(result.stderr)")
            let report = try JSONDecoder().decode(MonitorToolHarness.Report.self, from: Data(result.stdout.utf8))
            return report.coverage.map(\.target)
        }

        try harness.scratch.write("repos.txt", "# production\nacme/web   # the shop\n\nacme/api\n")
        #expect(try await targets(["--repos-file", "repos.txt", "--repo", "acme/cli"]) == ["acme/cli", "acme/web", "acme/api"])
        #expect(try await targets(["--repos-file", "-"], stdin: "acme/api\n") == ["acme/api"])

        try harness.scratch.write("infra.yaml", "monitoring:\n  repos: [acme/web]\n  orgs: [acme]\n")
        #expect(try await targets([]) == ["acme/web", "acme"])
        #expect(try await targets(["--repo", "acme/api"]) == ["acme/api"])
        try FileManager.default.removeItem(at: harness.scratch.url.appendingPathComponent("infra.yaml"))

        let git = try await ToolProcess.runProgram(
            URL(fileURLWithPath: "/bin/sh"),
            ["-c", "git init -q . && git remote add origin git@github.com:acme/cli.git"], currentDirectory: harness.scratch.url)
        try #require(git.status == 0, "\(git.stderr)")
        #expect(try await targets([]) == ["acme/cli"])
    }

    @Test func commandLineMistakesAreUsageOrDataErrors() async throws {
        let harness = try await MonitorToolHarness.start(seed: #"{"repos": []}"#)
        defer { harness.stop() }
        let badRepo = try await harness.run(["--repo", "acme"])
        #expect(badRepo.status == 64)
        #expect(badRepo.stderr.contains("--repo expects OWNER/NAME, got 'acme'"))
        try harness.scratch.write("repos.txt", "acme/api\nnot a repo\n")
        let badFile = try await harness.run(["--repos-file", "repos.txt"])
        #expect(badFile.status == 65)
        #expect(badFile.stderr.contains(#"repos.txt:2: expected a repository as OWNER/NAME, got "not a repo""#))
        #expect(try await harness.run(["--repos-file", "missing.txt"]).status == 66)
        let nothing = try await harness.run([])
        #expect(nothing.status == 64)
        #expect(nothing.stderr.contains("nothing to check"))
    }
}

/// gh processes still alive that were started for one emulator (found by their GH_CONFIG_DIR).
enum GhProcesses {
    static func using(_ configDirectory: String) -> [Int32] {
        let needle = Array("GH_CONFIG_DIR=\(configDirectory)".utf8)
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(Int32.init).filter { pid in
            guard let command = try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8),
                command.hasPrefix("gh"),
                let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")"), stat[stat.index(close, offsetBy: 2)] != "Z",
                let environ = FileManager.default.contents(atPath: "/proc/\(pid)/environ")
            else { return false }
            return environ.split(separator: 0).contains { Array($0) == needle }
        }
    }
}
