import Foundation
import InfraKit
import Testing
import TestSupport

/// Runs the argv `OpenSSHCommandLine` builds with the real OpenSSH client against a real sshd on
/// 127.0.0.1, in command mode.
@Suite("OpenSSH command line: real ssh against a loopback sshd", .enabled(if: LoopbackSSHD.isAvailable))
struct OpenSSHLoopbackTests {
    private struct Outcome {
        var status: Int32
        var output: String
        var errors: String
    }

    private func config(for server: LoopbackSSHD, key: String? = nil) throws -> InfraConfig {
        let key = key ?? server.clientKeyPath
        return try ConfigFixtures.decode(
            """
            hosts:
              loop:
                ip: 127.0.0.1
                ssh: {user: \(server.user), key: "\(key)", port: \(server.port)}
              behind:
                ip: \(LoopbackSSHD.secondAddress)
                ssh: {user: \(server.user), port: \(server.port), proxy_jump: keyless}
              keyless:
                ip: 127.0.0.1
                ssh: {user: \(server.user), port: \(server.port)}
              middle:
                ip: \(LoopbackSSHD.secondAddress)
                ssh: {user: \(server.user), key: "\(key)", port: \(server.port), proxy_jump: loop}
              inner:
                ip: 127.0.0.1
                ssh: {user: \(server.user), key: "\(key)", port: \(server.port), proxy_jump: middle}
            """).config
    }

    /// An ssh_config that offers no identity of its own (no IdentityFile, no agent): only the
    /// `-i` of each command line can authenticate.
    private func configWithoutIdentities(_ server: LoopbackSSHD) throws -> String {
        let path = server.directory + "/ssh_config_no_identity"
        try """
            IdentitiesOnly yes
            IdentityAgent none
            UserKnownHostsFile \(server.directory)/known_hosts
            GlobalKnownHostsFile /dev/null
            StrictHostKeyChecking accept-new
            BatchMode yes
            LogLevel ERROR

            """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    private func run(_ arguments: [String]) async throws -> Outcome {
        let result = try await ChildProcess.run(
            ProcessRequest(
                "/usr/bin/env", arguments, environment: ProcessInfo.processInfo.environment, timeout: .seconds(60)))
        return Outcome(status: result.status, output: result.stdoutText, errors: result.stderrText)
    }

    @Test func commandModeRunsTheWordsAfterTheDoubleDash() async throws {
        let server = try await onDedicatedThread { try LoopbackSSHD.start() }
        defer { server.stop() }
        let line = try OpenSSHCommandLine.forHost(
            named: "loop", in: config(for: server), command: ["echo", "-p", "42", "from-sshd"],
            extraOptions: ["-F", server.clientConfigPath])
        #expect(line.arguments.contains("-i"))
        let outcome = try await run(line.arguments)
        #expect(outcome.status == 0, "ssh failed: \(outcome.errors)")
        #expect(outcome.output == "-p 42 from-sshd\n")
    }

    @Test func remoteExitStatusComesBack() async throws {
        let server = try await onDedicatedThread { try LoopbackSSHD.start() }
        defer { server.stop() }
        let line = try OpenSSHCommandLine.forHost(
            named: "loop", in: config(for: server), command: ["exit", "3"], extraOptions: ["-F", server.clientConfigPath])
        #expect(try await run(line.arguments).status == 3)
    }

    @Test func proxyJumpHopsThroughTheJumpHost() async throws {
        let server = try await onDedicatedThread { try LoopbackSSHD.start() }
        defer { server.stop() }
        let line = try OpenSSHCommandLine.forHost(
            named: "behind", in: config(for: server), command: ["echo", "jumped"],
            extraOptions: ["-F", server.clientConfigPath])
        #expect(line.arguments.contains("-J"))
        let outcome = try await run(line.arguments)
        #expect(outcome.status == 0, "ssh failed: \(outcome.errors)")
        #expect(outcome.output == "jumped\n")
    }

    @Test func jumpHostsWithTheirOwnKeysAuthenticateWithThemThroughNestedProxyCommands() async throws {
        let server = try await onDedicatedThread { try LoopbackSSHD.start() }
        defer { server.stop() }
        // A key path with a percent sign, which ssh would otherwise read as a token.
        let keyDirectory = server.directory + "/key 100%d"
        try FileManager.default.createDirectory(atPath: keyDirectory, withIntermediateDirectories: true)
        let key = keyDirectory + "/id"
        try FileManager.default.copyItem(atPath: server.clientKeyPath, toPath: key)
        let line = try OpenSSHCommandLine.forHost(
            named: "inner", in: config(for: server, key: key), command: ["echo", "two hops"],
            extraOptions: ["-F", configWithoutIdentities(server)])
        #expect(!line.arguments.contains("-J"))
        let outcome = try await run(line.arguments)
        #expect(outcome.status == 0, "ssh failed: \(outcome.errors)")
        #expect(outcome.output == "two hops\n")
    }
}
