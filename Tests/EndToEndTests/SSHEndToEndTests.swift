import Foundation
import Testing
import TestSupport

/// `infra-ssh` as a user runs it: the built binary, a real infra.yaml, a real OpenSSH.
@Suite("infra-ssh end to end")
struct SSHEndToEndTests {
    static let exampleConfig = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/config/infra.yaml").path

    @Test(
        "--print gives the exact ssh command line",
        arguments: [
            ("app1", "ssh -i /home/ops/.ssh/infra_ed25519 -p 22 -o StrictHostKeyChecking=accept-new root@203.0.113.21"),
            ("bastion", "ssh -i /home/ops/.ssh/infra_ed25519 -p 2222 -o StrictHostKeyChecking=accept-new root@203.0.113.10"),
            ("builder", "ssh -p 22 -o StrictHostKeyChecking=accept-new deploy@2001:db8:10::5"),
            ("db1", "ssh -i /home/ops/.ssh/infra_ed25519 -p 22 -o StrictHostKeyChecking=accept-new "
                + "-o 'ProxyCommand=ssh -i /home/ops/.ssh/infra_ed25519 -p 2222 -o StrictHostKeyChecking=accept-new "
                + "-W 198.51.100.11:22 root@203.0.113.10' root@198.51.100.11"),
        ])
    func printCommandLine(host: String, expected: String) async throws {
        let result = try await ToolProcess.run(
            "infra-ssh", ["--config", Self.exampleConfig, "--print", host], environment: ["HOME": "/home/ops"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == expected + "\n")
        #expect(result.stderr.isEmpty)
    }

    @Test("an unknown host lists the hosts with the closest match and exits 64")
    func unknownHost() async throws {
        let result = try await ToolProcess.run("infra-ssh", ["--config", Self.exampleConfig, "app3"])
        #expect(result.status == 64)
        #expect(result.stdout.isEmpty)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.first == "infra-ssh: error: unknown host \"app3\" (did you mean \"app1\"?)")
        #expect(lines.contains("available hosts:"))
        #expect(lines.contains { $0.contains("db2") && $0.contains("198.51.100.12") && $0.hasSuffix("db") })
    }

    @Test("--list --json has every host in file order with all keys")
    func listJSON() async throws {
        let result = try await ToolProcess.run("infra-ssh", ["--config", Self.exampleConfig, "--list", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(rows.map { $0["name"] as? String } == ["bastion", "app1", "app2", "builder", "db1", "db2", "db3"])
        #expect(rows.allSatisfy { Set($0.keys) == ["name", "fqdn", "ip", "role", "type", "services"] })
        #expect(rows[3]["services"] as? [String] == ["docker", "forgejo-runner"])
    }

    @Test("a broken infra.yaml exits 78 naming file, line and column")
    func brokenConfig() async throws {
        let scratch = try ScratchDirectory()
        let config = try scratch.write("infra.yaml", "hosts:\n  web1:\n    ip: 192.0.2.1\n    ssh:\n      port: twenty-two\n")
        let result = try await ToolProcess.run("infra-ssh", ["--print", "web1"], currentDirectory: scratch.url)
        #expect(result.status == 78)
        #expect(result.stderr.hasPrefix("infra-ssh: error: \(config.path):5:13: hosts.web1.ssh.port: expected"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test(
        "runs a command on a real sshd and passes its exit status on",
        .enabled(if: LoopbackSSHD.isAvailable && getuid() == 0))
    func execIntoSSH() async throws {
        let sshd = try LoopbackSSHD.start()
        defer { sshd.stop() }
        let scratch = try ScratchDirectory()
        let config = try scratch.write(
            "infra.yaml",
            """
            hosts:
              loop:
                ip: 127.0.0.1
                role: app
                ssh:
                  user: \(sshd.user)
                  key: \(sshd.clientKeyPath)
                  port: \(sshd.port)
            """)
        // OpenSSH reads ~/.ssh from the password database, not $HOME; a wrapper first on PATH
        // points it at the test's own known_hosts through -F.
        _ = try scratch.write(
            "bin/ssh", "#!/bin/sh\nexec /usr/bin/ssh -F '\(sshd.clientConfigPath)' \"$@\"\n", permissions: 0o755)
        let path = "\(scratch.url.path)/bin:\(ToolProcess.binDirectory.path):/usr/bin:/bin"

        let hello = try await ToolProcess.run(
            "infra-ssh", ["--config", config.path, "loop", "--", "echo", "hello from", "$(hostname)"],
            environment: ["PATH": path])
        #expect(hello.status == 0, "\(hello.stderr)")
        #expect(hello.stdout.hasPrefix("hello from "))

        let failing = try await ToolProcess.run(
            "infra-ssh", ["--config", config.path, "loop", "--", "exit", "3"], environment: ["PATH": path])
        #expect(failing.status == 3)
    }
}
