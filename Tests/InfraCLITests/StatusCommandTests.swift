import Foundation
import InfraKit
import Testing
import TestSupport

@testable import InfraCLI

/// `infra-status`'s reading of its command line and of infra.yaml, in-process and without SSH
/// (the end-to-end suite probes a real fleet).
@Suite struct StatusCommandTests {
    static let yaml = """
        hosts:
          web1:
            ip: 192.0.2.11
            role: app
            ssh: { user: deploy, key: /keys/web, port: 2201 }
            services: [docker, traefik]
          db1:
            ip: 192.0.2.21
            role: db
            services: [galera, redis]
          web2:
            ip: 192.0.2.12
            role: app
            services: [docker]
          ci1:
            ip: 192.0.2.31
            services: [forgejo-runner]
        database:
          nodes: [{ host: db1 }, { host: db1 }]
        cache:
          sentinel: true

        """

    static func config(_ text: String = yaml) throws -> InfraConfig {
        try InfraConfig.decode(Array(text.utf8), file: "infra.yaml").config
    }

    @Test func targetsCarryTheHostsSSHSettingsAndTheClusterFacts() throws {
        let config = try Self.config()
        let web = ProbeTarget(try #require(config.host(named: "web1")), in: config)
        #expect(web == ProbeTarget(
            name: "web1", address: "192.0.2.11", port: 2201, user: "deploy", keyPath: "/keys/web", role: "app",
            services: ["docker", "traefik"], expectedClusterSize: 2, redisSentinel: true))
        let database = ProbeTarget(try #require(config.host(named: "db1")), in: config)
        #expect(database.user == "root" && database.port == 22 && database.keyPath == nil)

        let bare = try Self.config("hosts:\n  a:\n    ip: 192.0.2.1\n    services: [galera, redis]\n")
        let target = ProbeTarget(bare.hosts[0], in: bare)
        #expect(target.expectedClusterSize == nil)
        #expect(target.redisSentinel == false)
    }

    @Test("--host and --role add up, in file order", arguments: [
        ([], [], ["web1", "db1", "web2", "ci1"]),
        (["web2"], [], ["web2"]),
        (["ci1", "web1"], [], ["web1", "ci1"]),
        ([], ["app"], ["web1", "web2"]),
        (["ci1"], ["db", "app"], ["web1", "db1", "web2", "ci1"]),
        (["web1", "web1"], ["app"], ["web1", "web2"]),
    ])
    func selection(names: [String], roles: [String], expected: [String]) throws {
        let hosts = try HostSelection.hosts(in: try Self.config(), file: "infra.yaml", names: names, roles: roles)
        #expect(hosts.map(\.name) == expected)
    }

    @Test("unknown names and roles are usage errors", arguments: [
        (["web3"], [], "no host 'web3' in infra.yaml; did you mean 'web1'?"),
        (["mail"], [], "no host 'mail' in infra.yaml"),
        ([], ["ap"], "no host with role 'ap' in infra.yaml; did you mean 'app'?"),
        ([], ["cache"], "no host with role 'cache' in infra.yaml (roles: app, db)"),
    ])
    func unknownSelection(names: [String], roles: [String], message: String) throws {
        let error = #expect(throws: UsageError.self) {
            try HostSelection.hosts(in: try Self.config(), file: "infra.yaml", names: names, roles: roles)
        }
        #expect(error?.message == message)
    }

    @Test func aRelativeConfigIsReadFromTheContextsDirectoryAndItsWarningsShown() async throws {
        let scratch = try ScratchDirectory()
        try scratch.write("project/infra.yaml", Self.yaml + "color: blue\n")
        // The context's directory, not the test process's, is where a relative path starts.
        func run(_ arguments: [String]) async -> (status: InfraKit.ExitStatus, stdout: String, stderr: String) {
            let out = BufferWriter(), err = BufferWriter()
            let context = Context(stdout: out, stderr: err, currentDirectory: scratch.url.path)
            let runner = ToolRunner(spec: StatusTool.spec, completionCandidates: NoCompletionCandidates())
            let status = await runner.run(arguments, context: context)
            return (status, out.text, err.text)
        }
        let result = await run(["--config", "project/infra.yaml", "--host", "ci1", "--print-probe"])
        #expect(result.status == .success)
        #expect(result.stdout.hasPrefix("exec /bin/sh -c '"))
        #expect(result.stdout.contains("forgejo-runner"))
        let file = scratch.url.path + "/project/infra.yaml"
        #expect(result.stderr == "infra-status: warning: \(file):22:1: color: unknown key, ignored\n")

        let quiet = await run(["--config", "project/infra.yaml", "--quiet", "--host", "ci1", "--print-probe"])
        #expect(quiet.stderr.isEmpty)
    }

    @Test func printProbeHeadsEachScriptWithItsHostWhenThereAreSeveral() async throws {
        let scratch = try ScratchDirectory()
        let path = try scratch.write("infra.yaml", Self.yaml).path
        let result = await runInProcess(StatusTool.spec, ["--config", path, "--role", "app", "--print-probe"])
        let headings = result.stdout.split(separator: "\n").filter { $0.hasPrefix("# host: ") }
        #expect(headings == ["# host: web1", "# host: web2"])
        #expect(result.stdout.components(separatedBy: "exec /bin/sh -c '").count == 3)
    }

    @Test func configurationErrorsKeepTheirExitStatus() async throws {
        let scratch = try ScratchDirectory()
        let broken = try scratch.write("infra.yaml", "hosts:\n  a:\n    ip: [1]\n").path
        let invalid = await runInProcess(StatusTool.spec, ["--config", broken])
        #expect(invalid.status == .configuration)
        #expect(invalid.stderr.hasPrefix("infra-status: error: \(broken):3:"))
        let missing = await runInProcess(StatusTool.spec, ["--config", scratch.url.path + "/none.yaml"])
        #expect(missing.status == .noInput)
    }

    @Test func theTimeoutTakesFractionsOfASecond() async throws {
        let scratch = try ScratchDirectory()
        let path = try scratch.write("infra.yaml", Self.yaml).path
        let result = await runInProcess(
            StatusTool.spec, ["--config", path, "--timeout", "0.25", "--print-probe", "--host", "web1"])
        #expect(result.status == .success)
        let rejected = await runInProcess(StatusTool.spec, ["--config", path, "--timeout", "-1"])
        #expect(rejected.status == .usage)
    }
}
