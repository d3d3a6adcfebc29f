import Foundation

/// A private `ssh-agent` holding one key, for tests of agent authentication.
public final class SSHAgentFixture: Sendable {
    public let socketPath: String
    private let pid: Int32

    private init(socketPath: String, pid: Int32) {
        self.socketPath = socketPath
        self.pid = pid
    }

    /// Starts `ssh-agent -a SOCKET` and adds the key with `ssh-add`. Blocks briefly.
    public static func start(adding keyPath: String) throws -> SSHAgentFixture {
        let socket = FileManager.default.temporaryDirectory
            .appendingPathComponent("infra-agent-\(getpid())-\(UInt32.random(in: 0...UInt32.max))").path
        let started = try run("/usr/bin/ssh-agent", ["-s", "-a", socket], environment: [:])
        // Output: SSH_AGENT_PID=1234; export SSH_AGENT_PID;
        guard let range = started.range(of: "SSH_AGENT_PID="),
            let pid = Int32(started[range.upperBound...].prefix { $0.isNumber })
        else { throw FleetError(message: "ssh-agent did not say its PID: \(started)") }
        let agent = SSHAgentFixture(socketPath: socket, pid: pid)
        do {
            _ = try run("/usr/bin/ssh-add", ["-q", keyPath], environment: ["SSH_AUTH_SOCK": socket])
        } catch {
            agent.stop()
            throw error
        }
        return agent
    }

    public func stop() {
        kill(pid, SIGTERM)
        try? FileManager.default.removeItem(atPath: socketPath)
    }

    private static func run(_ path: String, _ arguments: [String], environment: [String: String]) throws -> String {
        let result = try FleetCommand.run(path, arguments, environment: environment)
        guard result.status == 0 else {
            throw FleetError(message: "\(path) failed (\(result.status)): \(result.output)")
        }
        return result.output
    }
}
