import Foundation
import InfraKit
import Testing

@Suite("Config: loading and discovery")
struct ConfigLoadingTests {
    private let minimal = "hosts:\n  web1: {ip: 192.0.2.1}\n"

    private func write(_ text: String, to path: String) throws {
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    @Test func discoverWalksUpFromANestedDirectory() throws {
        let root = try ConfigFixtures.makeTemporaryDirectory()
        defer { ConfigFixtures.removeTemporaryDirectory(root) }
        try write(minimal, to: root + "/project/infra.yaml")
        try FileManager.default.createDirectory(atPath: root + "/project/a/b/c", withIntermediateDirectories: true)

        let loaded = try InfraConfig.discover(from: root + "/project/a/b/c", environment: [:])
        #expect(loaded.path == root + "/project/infra.yaml")
        #expect(loaded.config.hostNames == ["web1"])
    }

    @Test func discoverTakesTheNearestFile() throws {
        let root = try ConfigFixtures.makeTemporaryDirectory()
        defer { ConfigFixtures.removeTemporaryDirectory(root) }
        try write(minimal, to: root + "/infra.yaml")
        try write("hosts:\n  inner: {ip: 192.0.2.2}\n", to: root + "/sub/infra.yaml")
        try FileManager.default.createDirectory(atPath: root + "/sub/deeper", withIntermediateDirectories: true)

        let loaded = try InfraConfig.discover(from: root + "/sub/./deeper/../deeper", environment: [:])
        #expect(loaded.path == root + "/sub/infra.yaml")
        #expect(loaded.config.hostNames == ["inner"])
    }

    @Test func discoverIgnoresADirectoryNamedInfraYAML() throws {
        let root = try ConfigFixtures.makeTemporaryDirectory()
        defer { ConfigFixtures.removeTemporaryDirectory(root) }
        try write(minimal, to: root + "/infra.yaml")
        try FileManager.default.createDirectory(atPath: root + "/sub/infra.yaml", withIntermediateDirectories: true)

        #expect(try InfraConfig.discover(from: root + "/sub", environment: [:]).path == root + "/infra.yaml")
    }

    @Test func discoverSaysWhereItSearched() throws {
        try #require(!FileManager.default.fileExists(atPath: "/infra.yaml"), "a stray /infra.yaml would be found")
        let root = try ConfigFixtures.makeTemporaryDirectory()
        defer { ConfigFixtures.removeTemporaryDirectory(root) }
        try #require(!FileManager.default.fileExists(atPath: (root as NSString).deletingLastPathComponent + "/infra.yaml"))

        let error = #expect(throws: ConfigError.self) { try InfraConfig.discover(from: root + "/", environment: [:]) }
        #expect(error?.kind == .notDiscovered)
        #expect(error?.message == "infra.yaml: not found in \(root) or any directory above it")
        #expect(error?.exitStatus == .configuration)
    }

    @Test func loadingAMissingFileIsNoInput() {
        let error = #expect(throws: ConfigError.self) {
            try InfraConfig.load(path: "/nonexistent/dir/infra.yaml", environment: [:])
        }
        #expect(error?.message == "/nonexistent/dir/infra.yaml: no such file")
        #expect(error?.exitStatus == .noInput)
    }

    @Test func loadingADirectoryIsNoInput() throws {
        let root = try ConfigFixtures.makeTemporaryDirectory()
        defer { ConfigFixtures.removeTemporaryDirectory(root) }
        let error = #expect(throws: ConfigError.self) { try InfraConfig.load(path: root, environment: [:]) }
        #expect(error?.kind == .unreadable)
        #expect(error?.exitStatus == .noInput)
    }

    @Test func errorsNameTheFileAsGiven() throws {
        let root = try ConfigFixtures.makeTemporaryDirectory()
        defer { ConfigFixtures.removeTemporaryDirectory(root) }
        try write("hosts:\n  web1: {ip: nope}\n", to: root + "/infra.yaml")
        let error = #expect(throws: ConfigError.self) { try InfraConfig.load(path: root + "/infra.yaml", environment: [:]) }
        #expect(error?.message == "\(root)/infra.yaml:2:14: hosts.web1.ip: expected an IPv4 or IPv6 address, got \"nope\"")
    }

    @Test(arguments: [
        ("~/.ssh/id_ed25519", "/home/ops" as String?, "/home/ops/.ssh/id_ed25519"),
        ("~", "/home/ops", "/home/ops"),
        ("~/key", "/home/ops/", "/home/ops/key"),
        ("~other/key", "/home/ops", "~other/key"),
        ("/etc/keys/id", "/home/ops", "/etc/keys/id"),
        ("keys/~/id", "/home/ops", "keys/~/id"),
        ("~/key", nil, "~/key"),
    ])
    func tildeInSSHKeyExpandsToHOME(key: String, home: String?, expected: String) throws {
        let environment = home.map { ["HOME": $0] } ?? [:]
        let loaded = try InfraConfig.decode(
            Array("hosts:\n  web1:\n    ip: 192.0.2.1\n    ssh: {key: '\(key)'}\n".utf8), file: "infra.yaml",
            environment: environment)
        #expect(loaded.config.host(named: "web1")?.ssh.key == expected)
    }

    @Test func sshDefaultsArePort22AndRoot() throws {
        let loaded = try ConfigFixtures.decode(minimal)
        let ssh = try #require(loaded.config.host(named: "web1")?.ssh)
        #expect(ssh.port == 22)
        #expect(ssh.user == "root")
        #expect(ssh.key == nil)
        #expect(ssh.proxyJump == nil)
    }
}
