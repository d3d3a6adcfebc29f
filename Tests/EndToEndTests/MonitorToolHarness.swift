import Foundation
import TestSupport

/// The built `infra-monitor` with the real gh pointed at a GitHub emulator, in a scratch directory
/// of the test's own (where an infra.yaml or a repository list may be written).
struct MonitorToolHarness {
    let emulator: GitHubEmulatorProcess
    let scratch: ScratchDirectory

    /// A secret literal seeded into secret scanning alerts: it must never reach any output.
    static let secretCanary = "npm_SECRETcanary0b5e4d2f"

    static func start(seed: String, emulatorArguments: [String] = []) async throws -> MonitorToolHarness {
        let emulator = try await GitHubEmulatorProcess.start(emulatorArguments)
        do {
            try await emulator.seed(seed)
        } catch {
            emulator.stop()
            throw error
        }
        return MonitorToolHarness(emulator: emulator, scratch: try ScratchDirectory())
    }

    func stop() { emulator.stop() }

    /// Runs `infra-monitor` in the scratch directory with gh's environment for the emulator, plus
    /// (or, for a key given as nil, minus) `changes`.
    func run(_ arguments: [String], changes: [String: String?] = [:], stdin: String = "") async throws -> ToolResult {
        var environment = emulator.environment
        for (name, value) in changes { environment[name] = value }
        return try await ToolProcess.run(
            "infra-monitor", arguments, environment: environment, stdin: stdin, currentDirectory: scratch.url,
            timeout: .seconds(120))
    }

    /// `--json` output, decoded.
    func runJSON(_ arguments: [String]) async throws -> (ToolResult, Report) {
        let result = try await run(arguments + ["--json"])
        let report = try JSONDecoder().decode(Report.self, from: Data(result.stdout.utf8))
        return (result, report)
    }

    /// The alert-list calls the emulator logged.
    func alertCalls() async throws -> [GitHubEmulatorProcess.Call] {
        try await emulator.calls().filter { $0.endpoint == "repo_alerts" || $0.endpoint == "org_alerts" }
    }

    struct Report: Decodable {
        struct Finding: Decodable, Hashable {
            let source: String
            let repo: String
            let number: Int
            let severity: String
            let raw_severity: String?
            let rule: String
            let location: String?
            let message: String
            let url: String
            let age_days: Int
        }
        struct Coverage: Decodable, Hashable {
            let target: String
            let scope: String
            let kind: String
            let status: String
            let detail: String?
            let findings: Int
        }
        struct Summary: Decodable {
            let total: Int
            let critical: Int
            let high: Int
            let medium: Int
            let low: Int
        }
        let findings: [Finding]
        let coverage: [Coverage]
        let summary: Summary

        func status(_ target: String, _ kind: String) -> String? {
            coverage.first { $0.target == target && $0.kind == kind }?.status
        }

        func count(_ source: String, in repo: String? = nil) -> Int {
            findings.count { $0.source == source && (repo == nil || $0.repo == repo) }
        }
    }
}
