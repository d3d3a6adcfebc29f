import Foundation
import InfraKit
import TestSupport
import Testing

extension StatusEndToEnd {
    /// The command line and infra.yaml handling of `infra-status`: host and role filters, output
    /// files, known_hosts, traces, color and configuration errors.
    @Suite("infra-status options")
    struct OptionTests {
        // MARK: --host and --role

        @Test func aRoleSelectsItsHostsInFileOrder() async throws {
            let context = StatusFleet.shared
            let result = try await context.run(["--json", "--role", "cache"])
            let expected = context.fleet.hosts.filter { $0.role == "cache" }.map(\.name)
            #expect(try result.jsonHosts().map(\.name) == expected)
            #expect(result.status == 1)
        }

        @Test func hostsAndRolesAddUpInFileOrder() async throws {
            let context = StatusFleet.shared
            let ci = context.healthyHosts.first { $0.role == "ci" }!
            let result = try await context.run(["--json", "--host", ci.name, "--role", "cache", "--host", ci.name])
            let expected = context.fleet.hosts.filter { $0.role == "cache" || $0.name == ci.name }.map(\.name)
            #expect(try result.jsonHosts().map(\.name) == expected)
        }

        @Test("an unknown host or role is a usage error with a hint", arguments: [
            (["--host", "ap-01"], "no host 'ap-01' in CONFIG; did you mean 'app-01'?"),
            (["--host", "zzz"], "no host 'zzz' in CONFIG"),
            (["--role", "dbb"], "no host with role 'dbb' in CONFIG; did you mean 'db'?"),
            (["--role", "web"], "no host with role 'web' in CONFIG (roles: app, db, cache, ci)"),
        ])
        func unknownSelection(arguments: [String], message: String) async throws {
            let context = StatusFleet.shared
            let result = try await context.run(arguments)
            #expect(result.status == 64)
            #expect(result.stdout.isEmpty)
            let expected = message.replacingOccurrences(of: "CONFIG", with: context.configPath)
            #expect(result.stderr.hasPrefix("infra-status: error: \(expected)\nUsage: infra-status"), "\(result.stderr)")
        }

        // MARK: --output

        @Test func theOutputFileIsReplacedAtomically() async throws {
            let context = StatusFleet.shared
            let directory = try ScratchDirectory()
            let file = try directory.write("infra.prom", "# an older report\n")
            let oldInode = try #require(try FileManager.default.attributesOfItem(atPath: file.path)[.systemFileNumber] as? Int)
            let host = context.healthyHosts[0]
            let result = try await context.run(["--format", "prometheus", "--output", file.path, "--host", host.name])
            #expect(result.status == 0)
            #expect(result.stdout.isEmpty)
            let written = try String(contentsOf: file, encoding: .utf8)
            #expect(written.hasPrefix("# HELP infra_host_up "))
            #expect(written.contains("infra_host_state{host=\"\(host.name)\",state=\"ok\"} 1\n"))
            // A new file renamed over the old one, not the old one rewritten in place, and no
            // temporary file left beside it.
            let newInode = try #require(try FileManager.default.attributesOfItem(atPath: file.path)[.systemFileNumber] as? Int)
            #expect(newInode != oldInode)
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path) == ["infra.prom"])
        }

        @Test func anOutputFileThatCannotBeCreatedExits73() async throws {
            let context = StatusFleet.shared
            let path = context.scratch.url.appendingPathComponent("missing/infra.prom").path
            let result = try await context.run(["--format", "prometheus", "--output", path, "--host", context.healthyHosts[0].name])
            #expect(result.status == 73)
            #expect(result.stderr.hasPrefix("infra-status: error: \(path): cannot create "))
        }

        // MARK: known_hosts

        @Test func anUnknownHostIsRefusedUntilAcceptNewRecordsIt() async throws {
            let context = StatusFleet.shared
            let host = context.fleet.host(kind: "unknown")
            let copy = context.scratch.url.appendingPathComponent("known_hosts.accept-new").path
            try? FileManager.default.removeItem(atPath: copy)
            try FileManager.default.copyItem(atPath: context.fleet.knownHostsPath, toPath: copy)
            let before = try String(contentsOfFile: copy, encoding: .utf8)

            let refused = try await context.run(["--host", host.name], knownHosts: copy)
            #expect(refused.status == 77)
            #expect(refused.stdout.contains("--accept-new"))
            #expect(try String(contentsOfFile: copy, encoding: .utf8) == before)

            let accepted = try await context.run(["--json", "--host", host.name, "--accept-new"], knownHosts: copy)
            #expect(accepted.status == 0)
            #expect(try accepted.jsonHosts().first?.host["host_key_recorded"] as? Bool == true)
            let after = try String(contentsOfFile: copy, encoding: .utf8)
            #expect(after.hasPrefix(before))
            #expect(after.dropFirst(before.count).hasPrefix("[\(host.address)]:2222 ssh-ed25519 "))

            let again = try await context.run(["--host", host.name], knownHosts: copy)
            #expect(again.status == 0)
        }

        @Test func knownHostsDefaultsToTheUsersFile() async throws {
            let context = StatusFleet.shared
            let home = try ScratchDirectory()
            try home.write(".ssh/known_hosts", try String(contentsOfFile: context.fleet.knownHostsPath, encoding: .utf8))
            let host = context.healthyHosts[0]
            let result = try await StatusFleet.runTool(
                ["--config", context.configPath, "--host", host.name], environment: ["HOME": home.url.path])
            #expect(result.status == 0, "\(result.stdout)")
            let empty = try ScratchDirectory()
            let unknown = try await StatusFleet.runTool(
                ["--config", context.configPath, "--host", host.name], environment: ["HOME": empty.url.path])
            #expect(unknown.status == 77)
            #expect(unknown.stdout.contains("unknown host"))
        }

        // MARK: Streams, traces and color

        @Test func verboseTracesGoToStandardError() async throws {
            let context = StatusFleet.shared
            let host = context.healthyHosts[0]
            let result = try await context.run(["--verbose", "--host", host.name])
            #expect(result.status == 0)
            #expect(result.stdout.hasPrefix("HOST "))
            let lines = result.stderr.split(separator: "\n")
            #expect(lines.contains("infra-status: configuration: \(context.configPath)"))
            #expect(lines.contains { $0.hasPrefix("infra-status: probing 1 host, timeout 3.0 seconds, known hosts ") })
            #expect(lines.contains { $0.hasPrefix("infra-status: \(host.name): ok; tcp ") })
            let quiet = try await context.run(["--host", host.name])
            #expect(quiet.stderr.isEmpty)
        }

        @Test func theTableIsColoredOnlyWhenAsked() async throws {
            let context = StatusFleet.shared
            let host = context.fleet.host(kind: "galera1")
            let colored = try await context.run(["--color", "always", "--host", host.name])
            #expect(colored.stdout.contains("\u{1B}[33mdegraded"))
            let plain = try await context.run(["--host", host.name], environment: ["NO_COLOR": ""])
            #expect(!plain.stdout.contains("\u{1B}["))
        }

        @Test func printProbeShowsTheCommandAndConnectsNowhere() async throws {
            let context = StatusFleet.shared
            let listener = try LoopbackListener()
            let yaml = """
                hosts:
                  db-x:
                    ip: 127.0.0.1
                    role: db
                    ssh: { user: probe, key: /keys/db, port: \(listener.port) }
                    services: [galera, redis]
                database:
                  nodes: [{ host: db-x }, { host: db-x }]

                """
            let config = try context.scratch.write("print-probe.yaml", yaml).path
            let result = try await StatusFleet.runTool(["--config", config, "--print-probe"])
            #expect(result.status == 0)
            let target = ProbeTarget(
                name: "db-x", address: "127.0.0.1", port: listener.port, user: "probe", keyPath: "/keys/db",
                role: "db", services: ["galera", "redis"], expectedClusterSize: 2, redisSentinel: false)
            #expect(result.stdout == FleetProber.command(for: target) + "\n")
            #expect(!listener.hasPendingConnection)
        }

        // MARK: Command line and infra.yaml errors

        @Test("contradictory or malformed options are usage errors", arguments: [
            (["--json", "--nagios"], "--json and --nagios ask for different outputs; choose one"),
            (["--format", "prometheus", "--json"], "--format prometheus and --json ask for different outputs; choose one"),
            (["--timeout", "soon"], "invalid value 'soon' for '--timeout' (expected a number of seconds, more than 0)"),
            (["--timeout", "0"], "invalid value '0' for '--timeout' (expected a number of seconds, more than 0)"),
        ])
        func usageErrors(arguments: [String], message: String) async throws {
            let result = try await StatusFleet.runTool(arguments + ["--config", StatusFleet.shared.configPath])
            #expect(result.status == 64)
            #expect(result.stderr.hasPrefix("infra-status: error: \(message)\n"), "\(result.stderr)")
        }

        @Test func infraYamlIsFoundFromTheCurrentDirectory() async throws {
            let context = StatusFleet.shared
            let project = try ScratchDirectory()
            try project.write("infra.yaml", try String(contentsOfFile: context.configPath, encoding: .utf8))
            let nested = project.url.appendingPathComponent("deploy/app")
            try FileManager.default.createDirectory(at: nested, withIntermediateDirectories: true)
            let host = context.healthyHosts[0]
            let result = try await StatusFleet.runTool(
                ["--known-hosts", context.fleet.knownHostsPath, "--host", host.name, "--verbose"], currentDirectory: nested)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stderr.contains("configuration: \(project.url.path)/infra.yaml\n"))
        }

        @Test func aMissingConfigurationExits78AndAMissingConfigFile66() async throws {
            let empty = try ScratchDirectory()
            let undiscovered = try await StatusFleet.runTool([], currentDirectory: empty.url)
            #expect(undiscovered.status == 78)
            #expect(undiscovered.stderr.hasPrefix("infra-status: error: infra.yaml: not found in "))
            let missing = try await StatusFleet.runTool(["--config", empty.url.path + "/nope.yaml"])
            #expect(missing.status == 66)
            #expect(missing.stderr == "infra-status: error: \(empty.url.path)/nope.yaml: no such file\n")
        }

        @Test func configurationWarningsAreShownUnlessQuiet() async throws {
            let context = StatusFleet.shared
            let host = context.healthyHosts[0]
            let config = try context.writeConfig("warning.yaml", hosts: [host], extra: "monitorng: {}\n")
            let warned = try await context.run([], config: config)
            #expect(warned.status == 0)
            #expect(warned.stderr.hasPrefix("infra-status: warning: \(config):"))
            #expect(warned.stderr.contains("monitorng: unknown key"))
            let quiet = try await context.run(["--quiet"], config: config)
            #expect(quiet.stderr.isEmpty)
        }

        @Test func aProxyJumpIsFollowedWithoutAWarning() async throws {
            let context = StatusFleet.shared
            let (first, second) = (context.healthyHosts[0], context.healthyHosts[1])
            let yaml = """
                hosts:
                  \(first.name):
                    ip: \(first.address)
                    role: \(first.role)
                    ssh: { user: \(FleetFixture.currentUser), key: "\(context.fleet.userKeyPath)", port: 2222, proxy_jump: \(second.name) }
                    services: [\(first.services.joined(separator: ", "))]
                  \(second.name):
                    ip: \(second.address)
                    ssh: { user: \(FleetFixture.currentUser), key: "\(context.fleet.userKeyPath)", port: 2222 }

                """
            let config = try context.scratch.write("jump.yaml", yaml).path
            let result = try await context.run(["--host", first.name, "--verbose"], config: config)
            #expect(result.status == 0, "\(result.stdout)")
            #expect(!result.stderr.contains("warning"), "\(result.stderr)")
            #expect(result.stderr.contains("infra-status: \(first.name) via \(second.name): ok; "), "\(result.stderr)")
        }
    }
}

/// A TCP socket listening on 127.0.0.1 that never accepts, to tell whether anyone connected.
private final class LoopbackListener {
    struct ListenError: Error {}

    let port: Int
    private let descriptor: Int32

    init() throws {
        let listening = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bind(listening, socketAddress, length) == 0 && listen(listening, 8) == 0
                    && getsockname(listening, socketAddress, &length) == 0
            }
        }
        guard listening >= 0, bound else {
            if listening >= 0 { close(listening) }
            throw ListenError()
        }
        _ = fcntl(listening, F_SETFL, O_NONBLOCK)
        descriptor = listening
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    /// True when a connection is waiting in the backlog.
    var hasPendingConnection: Bool {
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        return poll(&poller, 1, 0) > 0
    }

    deinit { close(descriptor) }
}
