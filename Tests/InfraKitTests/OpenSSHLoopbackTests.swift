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

    private func config(for server: LoopbackSSHD) throws -> InfraConfig {
        try ConfigFixtures.decode(
            """
            hosts:
              loop:
                ip: 127.0.0.1
                ssh: {user: \(server.user), key: \(server.clientKeyPath), port: \(server.port)}
              behind:
                ip: \(LoopbackSSHD.secondAddress)
                ssh: {user: \(server.user), port: \(server.port), proxy_jump: loop}
            """).config
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
}
