import Foundation
import InfraKit
import Testing

@Suite("OpenSSH command line: argv, quoting, unknown hosts, listing")
struct OpenSSHCommandLineTests {
    private let key = "/home/ops/.ssh/infra_ed25519"
    private let policy = ["-o", "StrictHostKeyChecking=accept-new"]

    private func argv(_ name: String, command: [String] = []) throws -> [String] {
        try OpenSSHCommandLine.forHost(named: name, in: ConfigFixtures.loadExample(), command: command).arguments
    }

    @Test func plainHost() throws {
        #expect(try argv("app1") == ["ssh", "-i", key, "-p", "22"] + policy + ["root@203.0.113.21"])
    }

    @Test func customPort() throws {
        #expect(try argv("bastion") == ["ssh", "-i", key, "-p", "2222"] + policy + ["root@203.0.113.10"])
    }

    @Test func keylessHostWithIPv6AndItsOwnUser() throws {
        #expect(try argv("builder") == ["ssh", "-p", "22"] + policy + ["deploy@2001:db8:10::5"])
    }

    @Test func aBastionWithAKeyIsAProxyCommandWithItsKeyUserAndPort() throws {
        let bastion = "ssh -i \(key) -p 2222 -o StrictHostKeyChecking=accept-new -W 198.51.100.12:22 root@203.0.113.10"
        #expect(try argv("db2") == ["ssh", "-i", key, "-p", "22"] + policy + ["-o", "ProxyCommand=" + bastion, "root@198.51.100.12"])
    }

    @Test func commandFollowsADoubleDash() throws {
        #expect(try argv("app2", command: ["docker", "ps", "-a"])
            == ["ssh", "-i", key, "-p", "22"] + policy + ["root@203.0.113.22", "--", "docker", "ps", "-a"])
    }

    @Test func jumpChainsListTheFarthestHopFirstAndBracketIPv6() throws {
        let config = try ConfigFixtures.decode(
            """
            hosts:
              edge: {ip: "2001:db8::1", ssh: {user: jump, port: 2200}}
              middle: {ip: 10.0.0.2, ssh: {proxy_jump: edge}}
              inner: {ip: 10.0.1.3, ssh: {user: app, proxy_jump: middle}}
            """).config
        let line = try OpenSSHCommandLine.forHost(named: "inner", in: config, command: ["uptime"])
        #expect(line.arguments == ["ssh", "-p", "22"] + policy + ["-J", "jump@[2001:db8::1]:2200,root@10.0.0.2:22", "app@10.0.1.3", "--", "uptime"])
        #expect(line.shellQuoted
            == "ssh -p 22 -o StrictHostKeyChecking=accept-new -J 'jump@[2001:db8::1]:2200,root@10.0.0.2:22' app@10.0.1.3 -- uptime")
    }

    @Test func aJumpHostWithAKeyBecomesAProxyCommandAndPercentSignsStayLiteral() throws {
        let config = try ConfigFixtures.decode(
            """
            hosts:
              edge: {ip: 203.0.113.1, ssh: {user: jump, key: "/keys/100%/edge", port: 2200}}
              inner: {ip: 10.0.1.3, ssh: {user: app, key: /keys/50%, proxy_jump: edge}}
            """).config
        let line = try OpenSSHCommandLine.forHost(named: "inner", in: config, command: ["uptime"])
        #expect(line.arguments == ["ssh", "-o", #"IdentityFile="/keys/50%%""#, "-p", "22"] + policy + [
            "-o", #"ProxyCommand=ssh -o 'IdentityFile="/keys/100%%%%/edge"' -p 2200 -o StrictHostKeyChecking=accept-new "#
                + "-W 10.0.1.3:22 jump@203.0.113.1",
            "app@10.0.1.3", "--", "uptime",
        ])
    }

    @Test func printedCommandLines() throws {
        let config = try ConfigFixtures.loadExample()
        let printed = try ["app1", "bastion", "builder", "db1"].map { name in
            try OpenSSHCommandLine.forHost(named: name, in: config).shellQuoted
        }
        #expect(printed == [
            "ssh -i /home/ops/.ssh/infra_ed25519 -p 22 -o StrictHostKeyChecking=accept-new root@203.0.113.21",
            "ssh -i /home/ops/.ssh/infra_ed25519 -p 2222 -o StrictHostKeyChecking=accept-new root@203.0.113.10",
            "ssh -p 22 -o StrictHostKeyChecking=accept-new deploy@2001:db8:10::5",
            "ssh -i /home/ops/.ssh/infra_ed25519 -p 22 -o StrictHostKeyChecking=accept-new "
                + "-o 'ProxyCommand=ssh -i /home/ops/.ssh/infra_ed25519 -p 2222 -o StrictHostKeyChecking=accept-new "
                + "-W 198.51.100.11:22 root@203.0.113.10' root@198.51.100.11",
        ])
        let withCommand = try OpenSSHCommandLine.forHost(named: "app1", in: config, command: ["sh", "-c", "echo $HOME's"])
        #expect(withCommand.shellQuoted.hasSuffix(#"root@203.0.113.21 -- sh -c 'echo $HOME'\''s'"#))
    }

    @Test(arguments: [
        ("plain", "plain"), ("", "''"), ("a b", "'a b'"), ("it's", #"'it'\''s'"#), ("$HOME", "'$HOME'"),
        ("*.log", "'*.log'"), ("~/key", "'~/key'"), ("-o", "-o"), ("user@host:22", "user@host:22"),
        ("a=b,c+d%e", "a=b,c+d%e"), ("[::1]", "'[::1]'"), ("semi;colon", "'semi;colon'"), ("new\nline", "'new\nline'"),
        ("café", "'café'"),
    ])
    func shellQuoting(word: String, quoted: String) {
        #expect(ShellQuoting.quote(word) == quoted)
    }

    @Test func quotedWordsSurviveARealShell() async throws {
        let words = ["plain", "", "two words", "it's", "$HOME", "*", "~", "back\\slash", "\"dq\"", "new\nline", "'", "!x"]
        let script = "for word in " + ShellQuoting.join(words) + "; do printf '<%s>' \"$word\"; done"
        let result = try await ChildProcess.run(ProcessRequest("/bin/sh", ["-c", script], environment: ["HOME": "/root"]))
        #expect(result.stdoutText == words.map { "<\($0)>" }.joined())
    }

    @Test func unknownHostSuggestsAndListsTheHosts() throws {
        let config = try ConfigFixtures.loadExample()
        let error = #expect(throws: UnknownHostError.self) { try OpenSSHCommandLine.forHost(named: "db4", in: config) }
        #expect(error?.message == #"unknown host "db4" (did you mean "db1"?)"#)
        #expect(error?.exitStatus == .usage)
        #expect(error?.availableHosts == [
            "available hosts:",
            "  bastion  203.0.113.10    bastion",
            "  app1     203.0.113.21    app",
            "  app2     203.0.113.22    app",
            "  builder  2001:db8:10::5  builder",
            "  db1      198.51.100.11   db",
            "  db2      198.51.100.12   db",
            "  db3      198.51.100.13   db",
        ])
    }

    @Test func unknownHostInAnEmptyConfig() {
        let error = UnknownHostError(name: "web", config: InfraConfig())
        #expect(error.message == #"unknown host "web"; infra.yaml defines no hosts"#)
        #expect(error.availableHosts.isEmpty)
    }

    @Test func hostNamesAreCaseSensitive() throws {
        let error = #expect(throws: UnknownHostError.self) {
            try OpenSSHCommandLine.forHost(named: "Bastion", in: ConfigFixtures.loadExample())
        }
        #expect(error?.suggestion == "bastion")
    }

    @Test func listingRowsAndJSON() throws {
        let listings = try ConfigFixtures.loadExample().hostListings
        #expect(listings.map(\.name) == ["bastion", "app1", "app2", "builder", "db1", "db2", "db3"])
        #expect(listings[1].cells == ["app1", "app1.example.com", "203.0.113.21", "app", "hcloud", "docker,traefik,coolify"])
        #expect(listings[0].cells.last == "-")

        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let bare = HostListing(InfraConfig.Host(name: "x", ip: "192.0.2.1"))
        let json = String(decoding: try encoder.encode([bare]), as: UTF8.self)
        #expect(json == #"[{"fqdn":null,"ip":"192.0.2.1","name":"x","role":null,"services":[],"type":null}]"#)
    }

    @Test func execOfAMissingProgramReturnsTheReason() {
        let error = ProcessReplacement.exec(["/nonexistent/bin/ssh", "-V"])
        #expect(error.code == ENOENT)
        #expect(error.message == "cannot run /nonexistent/bin/ssh: No such file or directory")
        #expect(error.exitStatus == .unavailable)
    }
}
