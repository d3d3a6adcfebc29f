import Foundation
import Synchronization
import InfraKit
import Testing
import TestSupport

/// Runs the argv `OpenSSHCommandLine` builds with the real OpenSSH client against a real sshd on
/// 127.0.0.1, in command mode.
@Suite("OpenSSH command line: real ssh against a loopback sshd", .serialized, .enabled(if: LoopbackSSHD.isAvailable))
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

    private func run(_ arguments: [String]) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Both pipes are read to the end before waiting, so a chatty ssh cannot block on a full pipe.
        let errorData = Mutex(Data())
        let reader = Thread { errorData.withLock { $0 = errors.fileHandleForReading.readDataToEndOfFile() } }
        reader.start()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while reader.isExecuting || !reader.isFinished { usleep(1_000) }
        return Outcome(
            status: process.terminationStatus, output: String(decoding: outputData, as: UTF8.self),
            errors: errorData.withLock { String(decoding: $0, as: UTF8.self) })
    }

    @Test func commandModeRunsTheWordsAfterTheDoubleDash() throws {
        let server = try LoopbackSSHD.start()
        defer { server.stop() }
        let line = try OpenSSHCommandLine.forHost(
            named: "loop", in: config(for: server), command: ["echo", "-p", "42", "from-sshd"],
            extraOptions: ["-F", server.clientConfigPath])
        #expect(line.arguments.contains("-i"))
        let outcome = try run(line.arguments)
        #expect(outcome.status == 0, "ssh failed: \(outcome.errors)")
        #expect(outcome.output == "-p 42 from-sshd\n")
    }

    @Test func remoteExitStatusComesBack() throws {
        let server = try LoopbackSSHD.start()
        defer { server.stop() }
        let line = try OpenSSHCommandLine.forHost(
            named: "loop", in: config(for: server), command: ["exit", "3"], extraOptions: ["-F", server.clientConfigPath])
        #expect(try run(line.arguments).status == 3)
    }

    @Test func proxyJumpHopsThroughTheJumpHost() throws {
        let server = try LoopbackSSHD.start()
        defer { server.stop() }
        let line = try OpenSSHCommandLine.forHost(
            named: "behind", in: config(for: server), command: ["echo", "jumped"],
            extraOptions: ["-F", server.clientConfigPath])
        #expect(line.arguments.contains("-J"))
        let outcome = try run(line.arguments)
        #expect(outcome.status == 0, "ssh failed: \(outcome.errors)")
        #expect(outcome.output == "jumped\n")
    }
}
