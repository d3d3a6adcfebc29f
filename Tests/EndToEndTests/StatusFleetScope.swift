import Foundation
import InfraKit
import TestSupport
import Testing

/// `infra-status` end to end: its suites share one fleet.
@Suite(.statusFleet)
enum StatusEndToEnd {}

/// The fake fleet the `infra-status` end-to-end suite runs against, with an infra.yaml that
/// describes it, and a way to run the built tool on it.
struct StatusFleet: Sendable {
    let fleet: FleetFixture
    let scratch: ScratchDirectory
    /// infra.yaml listing every host of the fleet, in fleet order.
    let configPath: String
    /// One run over the whole fleet per output format (`table`, `json`, `prometheus` written to
    /// `wholeFleetMetricsPath`, `nagios`), all four started together before any test.
    var wholeFleet: [String: TimedResult] = [:]
    var wholeFleetMetricsPath: String { scratch.url.appendingPathComponent("whole-fleet.prom").path }

    static let formats = ["table", "json", "prometheus", "nagios"]

    /// The arguments choosing `format`.
    static func formatArguments(_ format: String) -> [String] {
        format == "nagios" ? ["--nagios"] : ["--format", format]
    }

    /// The per-host deadline every run uses, and the most a whole run may take beyond it:
    /// process start and exit on two cores shared with the other suites and agents. Whole-fleet
    /// runs measured 3.1–3.3 s with this suite alone, up to 3.9 s next to the others, and 4.3 s
    /// in a parallel test run at a load average of 25; a host costing a second deadline would take
    /// 6 s or more. Each host's own probe time is held to the deadline more tightly (from the JSON
    /// report).
    static let timeoutSeconds = 3.0
    static let slackSeconds = 2.5

    /// The Galera nodes infra.yaml lists: three, as many as the healthy nodes report.
    static let databaseNodeCount = 3

    @TaskLocal static var current: StatusFleet?

    static var shared: StatusFleet {
        guard let current else { preconditionFailure("this test needs the .statusFleet suite trait") }
        return current
    }

    /// The hosts that answer and are healthy.
    var healthyHosts: [FleetFixture.Host] {
        fleet.hosts.filter { $0.kind == "healthy" || $0.kind == "ecdsa_known" }
    }

    /// Writes an infra.yaml for `hosts` (all of the fleet by default) and returns its path.
    func writeConfig(
        _ name: String, hosts: [FleetFixture.Host]? = nil, keyPath: String? = nil, databaseNodes: Int? = nil,
        sentinel: Bool = true, extra: String = ""
    ) throws -> String {
        try Self.writeConfig(
            in: scratch, name, fleet: fleet, hosts: hosts ?? fleet.hosts, keyPath: keyPath ?? fleet.userKeyPath,
            databaseNodes: databaseNodes ?? Self.databaseNodeCount, sentinel: sentinel, extra: extra)
    }

    static func writeConfig(
        in scratch: ScratchDirectory, _ name: String, fleet: FleetFixture, hosts: [FleetFixture.Host], keyPath: String,
        databaseNodes: Int, sentinel: Bool, extra: String
    ) throws -> String {
        var yaml = "# The fake fleet of Tests/Fixtures/fleet, as infra-status reads it.\nhosts:\n"
        for host in hosts {
            yaml += """
                  \(host.name):
                    ip: \(host.address)
                    role: \(host.role)
                    ssh: { user: \(FleetFixture.currentUser), key: "\(keyPath)", port: \(host.port) }
                    services: [\(host.services.joined(separator: ", "))]

                """
        }
        // Nodes must be hosts of the file; a file without database hosts gets no database section.
        let dbHosts = hosts.filter { $0.role == "db" }.map(\.name)
        if !dbHosts.isEmpty {
            let nodes = (0..<databaseNodes).map { "    - { host: \(dbHosts[$0 % dbHosts.count]), port: 3306 }\n" }
            yaml += "database:\n  engine: mariadb\n  nodes:\n" + nodes.joined()
        }
        yaml += "cache:\n  engine: redis\n  sentinel: \(sentinel)\n" + extra
        return try scratch.write(name, yaml).path
    }

    /// Runs the built `infra-status` with `--config`, `--known-hosts` and `--timeout` set for the
    /// fleet, then `arguments`; timed from spawn to exit.
    func run(
        _ arguments: [String], config: String? = nil, knownHosts: String? = nil, environment: [String: String] = [:],
        currentDirectory: URL? = nil
    ) async throws -> TimedResult {
        let fixed = [
            "--config", config ?? configPath, "--known-hosts", knownHosts ?? fleet.knownHostsPath,
            "--timeout", String(Self.timeoutSeconds),
        ]
        return try await Self.runTool(fixed + arguments, environment: environment, currentDirectory: currentDirectory)
    }

    /// Runs the built `infra-status` with exactly `arguments`.
    static func runTool(
        _ arguments: [String], environment: [String: String] = [:], currentDirectory: URL? = nil
    ) async throws -> TimedResult {
        let result = try await ToolProcess.run(
            "infra-status", arguments, environment: environment, currentDirectory: currentDirectory,
            timeout: .seconds(30))
        let elapsed = result.duration.components
        return TimedResult(
            status: result.status, stdout: result.stdout, stderr: result.stderr,
            seconds: Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18)
    }
}

/// What a run of the tool left behind, and how long it took.
struct TimedResult: Sendable {
    let status: Int32
    let stdout: String
    let stderr: String
    let seconds: Double

    /// The `--json` document.
    func json() throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(stdout.utf8))
        return try #require(object as? [String: Any], "not a JSON object: \(stdout)")
    }

    /// The hosts of the `--json` document, by name.
    func jsonHosts() throws -> [(name: String, host: [String: Any])] {
        let hosts = try #require(try json()["hosts"] as? [[String: Any]])
        return hosts.map { ($0["name"] as? String ?? "", $0) }
    }
}

/// Starts the fake fleet once for the suite, writes its infra.yaml, and stops it afterwards.
struct StatusFleetScope: SuiteTrait, TestScoping {
    func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        let fleet = try await onDedicatedThread { try FleetFixture.start() }
        do {
            let scratch = try ScratchDirectory()
            let config = try StatusFleet.writeConfig(
                in: scratch, "infra.yaml", fleet: fleet, hosts: fleet.hosts, keyPath: fleet.userKeyPath,
                databaseNodes: StatusFleet.databaseNodeCount, sentinel: true, extra: "")
            var context = StatusFleet(fleet: fleet, scratch: scratch, configPath: config)
            context.wholeFleet = try await Self.runWholeFleet(context)
            try await StatusFleet.$current.withValue(context) { try await function() }
        } catch {
            await onDedicatedThread { fleet.stop() }
            throw error
        }
        await onDedicatedThread { fleet.stop() }
    }

    /// The whole-fleet runs go first and alone, so that their wall times measure the tool rather
    /// than the dozens of other test runs sharing two cores.
    private static func runWholeFleet(_ context: StatusFleet) async throws -> [String: TimedResult] {
        try await withThrowingTaskGroup(of: (String, TimedResult).self) { group in
            for format in StatusFleet.formats {
                var arguments = StatusFleet.formatArguments(format)
                if format == "prometheus" { arguments += ["--output", context.wholeFleetMetricsPath] }
                group.addTask { [arguments] in (format, try await context.run(arguments)) }
            }
            var results: [String: TimedResult] = [:]
            for try await (format, result) in group { results[format] = result }
            return results
        }
    }
}

extension Trait where Self == StatusFleetScope {
    /// Runs the suite against a fake fleet of real sshd servers on loopback.
    static var statusFleet: StatusFleetScope { StatusFleetScope() }
}
