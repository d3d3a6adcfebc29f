import Foundation
import InfraKit

/// A fake fleet of real OpenSSH servers on loopback, started by `Tests/Fixtures/fleet/fleet-up.sh`
/// and stopped (every listener, session and hung command) by `fleet-down.sh`.
public final class FleetFixture: Sendable {
    /// One line of the fleet's spec: what the host is and which fault it has.
    public struct Host: Sendable, Hashable {
        public var name: String
        public var address: String
        public var port: Int
        public var role: String
        public var kind: String
        /// `direct`; `behind`: reachable only from inside the fleet's own network namespace (from
        /// a bastion); `bastion`: runs inside that namespace and is relayed from outside.
        public var network: String

        public init(name: String, address: String, port: Int, role: String, kind: String, network: String = "direct") {
            self.name = name
            self.address = address
            self.port = port
            self.role = role
            self.kind = kind
            self.network = network
        }

        /// The services infra.yaml would list for the role.
        public var services: [String] {
            switch role {
            case "app": ["docker", "traefik", "coolify"]
            case "db": ["galera"]
            case "cache": ["redis"]
            case "ci": ["docker", "forgejo-runner"]
            default: []
            }
        }
    }

    public let stateDirectory: String
    public let hosts: [Host]

    public var knownHostsPath: String { stateDirectory + "/known_hosts" }
    /// The ed25519 user key every host authorises.
    public var userKeyPath: String { stateDirectory + "/keys/id_ed25519" }
    /// An RSA user key every host authorises (and libssh2 1.10 cannot use).
    public var rsaKeyPath: String { stateDirectory + "/keys/id_rsa" }
    /// An ed25519 key no host authorises.
    public var strangerKeyPath: String { stateDirectory + "/keys/id_stranger" }

    static let scripts = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/fleet").path

    private init(stateDirectory: String, hosts: [Host]) {
        self.stateDirectory = stateDirectory
        self.hosts = hosts
    }

    /// The hosts of the standard test fleet: `(name suffix role, kind)` numbered from 1.
    public static let standardLayout: [(role: String, kind: String)] = [
        ("app", "healthy"), ("db", "healthy"), ("cache", "healthy"), ("ci", "healthy"),
        ("db", "galera1"), ("cache", "redis_down"), ("app", "badkey"), ("ci", "down"),
        ("db", "tarpit"), ("app", "hang"), ("app", "unknown"), ("app", "rsa_host"), ("db", "ecdsa_known"),
    ]

    /// Starts a fleet on a loopback /24 picked at random (so that a forgotten fleet from a
    /// crashed run cannot answer for this one), port 2222. Blocks for about a second.
    public static func start(layout: [(role: String, kind: String)] = standardLayout) throws -> FleetFixture {
        try start(networkLayout: layout.map { ($0.role, $0.kind, "direct") })
    }

    /// Starts a fleet whose hosts may sit behind a bastion: `network` is `direct`, `behind` (in a
    /// network namespace the test process cannot reach) or `bastion` (inside that namespace, and
    /// relayed to its address outside, so it is the only way in). A `bastion` role has no services.
    public static func start(networkLayout layout: [(role: String, kind: String, network: String)]) throws -> FleetFixture {
        sweepAbandonedFleets()
        let state = FileManager.default.temporaryDirectory
            .appendingPathComponent("infra-fleet-\(getpid())-\(UInt32.random(in: 0...UInt32.max))").path
        let subnet = "127.77.\(Int.random(in: 1...254))"
        let hosts = layout.enumerated().map { index, entry in
            let number = index + 1
            return Host(
                name: "\(entry.role)-\(number < 10 ? "0" : "")\(number)", address: "\(subnet).\(number)",
                port: 2222, role: entry.role, kind: entry.kind, network: entry.network)
        }
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        let spec = hosts.map { "\($0.name) \($0.address) \($0.port) \($0.role) \($0.kind) \($0.network)" }
            .joined(separator: "\n")
        try (spec + "\n").write(toFile: state + "/spec", atomically: true, encoding: .utf8)
        let result = try runScript("fleet-up.sh", [state, state + "/spec"])
        guard result.status == 0 else {
            throw FleetError(message: "fleet-up.sh failed (\(result.status)): \(result.output)")
        }
        return FleetFixture(stateDirectory: state, hosts: hosts)
    }

    /// Ends every process the fleet started and removes its files.
    public func stop() {
        _ = try? Self.runScript("fleet-down.sh", [stateDirectory])
        try? FileManager.default.removeItem(atPath: stateDirectory)
    }

    public func host(_ name: String) -> Host {
        guard let host = hosts.first(where: { $0.name == name }) else { preconditionFailure("no fleet host \(name)") }
        return host
    }

    public func host(kind: String) -> Host {
        guard let host = hosts.first(where: { $0.kind == kind }) else { preconditionFailure("no fleet host of kind \(kind)") }
        return host
    }

    /// The probe target for a host, as the config would build it.
    public func target(_ host: Host, keyPath: String? = nil) -> ProbeTarget {
        let databaseNodes = hosts.filter { $0.role == "db" }.count
        return ProbeTarget(
            name: host.name, address: host.address, port: host.port, user: Self.currentUser,
            keyPath: keyPath ?? userKeyPath, role: host.role, services: host.services,
            expectedClusterSize: min(3, databaseNodes), redisSentinel: host.role == "cache")
    }

    /// The jump host that reaches `host` as infra.yaml would describe it.
    public func jump(_ host: Host) -> JumpHost {
        JumpHost(name: host.name, address: host.address, port: host.port, user: Self.currentUser, keyPath: userKeyPath)
    }

    /// TCP connections the relay in front of a `bastion` host has accepted so far.
    public func relayedConnections(to host: Host) -> Int {
        let text = (try? String(contentsOfFile: "\(stateDirectory)/hosts/\(host.name)/connections", encoding: .utf8)) ?? ""
        return text.split(separator: "\n").count
    }

    /// Logins the host's sshd has accepted so far (from its log).
    public func acceptedLogins(on host: Host) -> Int {
        let log = (try? String(contentsOfFile: "\(stateDirectory)/hosts/\(host.name)/sshd.log", encoding: .utf8)) ?? ""
        return log.split(separator: "\n").filter { $0.contains("Accepted publickey") }.count
    }

    /// Whether the test process itself can open a TCP connection to the host's address.
    public func answersDirectly(_ host: Host) -> Bool {
        let result = try? FleetCommand.run("/bin/bash", ["-c", "exec 3<>/dev/tcp/\(host.address)/\(host.port)"])
        return result?.status == 0
    }

    /// The fake commands a host ran, one per line (`docker ps --format …`).
    public func commandsRun(on host: Host) -> [String] {
        guard let text = try? String(contentsOfFile: "\(stateDirectory)/hosts/\(host.name)/calls", encoding: .utf8)
        else { return [] }
        return text.split(separator: "\n").map(String.init)
    }

    /// Processes of this fleet now alive: listeners, tarpits, hung commands and every
    /// descendant of those (sshd session processes, the shells they run).
    public func livePIDs() -> Set<Int32> {
        let run = stateDirectory + "/run"
        let files = (try? FileManager.default.contentsOfDirectory(atPath: run)) ?? []
        var found = Set(files.flatMap { file -> [Int32] in
            guard let text = try? String(contentsOfFile: run + "/" + file, encoding: .utf8) else { return [] }
            return text.split(separator: "\n").compactMap { Int32($0) }
        })
        let parents = Self.parentTable()
        var grew = true
        while grew {
            let children = parents.filter { found.contains($0.value) }.map(\.key)
            grew = !found.isSuperset(of: children)
            found.formUnion(children)
        }
        return found.filter { Self.isRunning($0) }
    }

    /// PID → parent PID of every process, from /proc.
    private static func parentTable() -> [Int32: Int32] {
        var table: [Int32: Int32] = [:]
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
            guard let pid = Int32(entry),
                let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { continue }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            if fields.count > 1, let parent = Int32(fields[1]) { table[pid] = parent }
        }
        return table
    }

    /// Alive and not a zombie waiting for its parent to reap it.
    private static func isRunning(_ pid: Int32) -> Bool {
        guard kill(pid, 0) == 0, let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return false }
        return stat[stat.index(after: close)...].split(separator: " ").first != "Z"
    }

    public static var currentUser: String {
        guard let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name else { return "root" }
        return String(cString: name)
    }

    /// Stops fleets left behind by test processes that no longer exist.
    private static func sweepAbandonedFleets() {
        let temporary = FileManager.default.temporaryDirectory.path
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: temporary)) ?? [] {
            guard entry.hasPrefix("infra-fleet-") else { continue }
            let owner = entry.split(separator: "-").dropFirst(2).first.flatMap { Int32($0) } ?? 0
            guard owner > 0, owner != getpid(), kill(owner, 0) != 0 else { continue }
            _ = try? runScript("fleet-down.sh", [temporary + "/" + entry])
            try? FileManager.default.removeItem(atPath: temporary + "/" + entry)
        }
    }

    private static func runScript(_ name: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        try FleetCommand.run("/bin/bash", [scripts + "/" + name] + arguments)
    }
}

public struct FleetError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
