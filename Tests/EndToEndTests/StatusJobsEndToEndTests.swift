import Foundation
import InfraKit
import TestSupport
import Testing

extension StatusEndToEnd {
    /// `--jobs N`: at most N hosts probed at once, the same report as without a bound.
    @Suite("infra-status --jobs")
    struct JobsTests {
        @Test func twoAtATimeReportsWhatAllAtOnceReports() async throws {
            let context = StatusFleet.shared
            let all = try #require(context.wholeFleet["json"])
            let bounded = try await context.run(["--json", "--jobs", "2", "--verbose"])
            #expect(bounded.status == all.status)
            func verdicts(_ result: TimedResult) throws -> [String] {
                try result.jsonHosts().map { name, host in
                    let services = try JSONSerialization.data(withJSONObject: host["services"] ?? [], options: .sortedKeys)
                    return "\(name) \(host["state"] ?? "") \(host["detail"] ?? "") " + String(decoding: services, as: UTF8.self)
                }
            }
            #expect(try verdicts(bounded) == verdicts(all))
            let lines = bounded.stderr.split(separator: "\n")
            #expect(lines.contains { $0.hasPrefix("infra-status: probing \(context.fleet.hosts.count) hosts, ") && $0.hasSuffix(", 2 at a time") })
        }

        @Test("--jobs below one is a usage error naming the option", arguments: ["0", "-3"])
        func jobsBelowOne(value: String) async throws {
            let context = StatusFleet.shared
            let result = try await context.run(["--jobs", value])
            #expect(result.status == 64)
            #expect(result.stdout.isEmpty)
            let first = result.stderr.split(separator: "\n").first.map(String.init)
            #expect(first == "infra-status: error: --jobs must be at least 1, got \(value)")
        }
    }
}
