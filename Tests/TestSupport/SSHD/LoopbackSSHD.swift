import Foundation
import InfraKit

#if canImport(Glibc)
import Glibc
#endif

/// An OpenSSH `sshd` listening on 127.0.0.1 (and `secondAddress`) on a free port, with its own host key, one client
/// key allowed to log in as the current user, and a client config file that trusts nothing
/// outside the temp directory. Start it in a test (from a thread of its own: it waits for sshd to
/// listen), `stop()` it at the end.
///
/// Needs the `openssh-server` and `openssh-client` packages; Debian's sshd also needs its
/// privilege-separation directory `/run/sshd`, created here when missing (as root).
public final class LoopbackSSHD: Sendable {
    public enum Failure: Error, CustomStringConvertible {
        case missingTool(String)
        case command(String, status: Int32)
        case notListening(port: Int, log: String)

        public var description: String {
            switch self {
            case .missingTool(let path): "\(path) is not installed (apt-get install openssh-server openssh-client)"
            case .command(let line, let status): "\(line) exited with status \(status)"
            case .notListening(let port, let log): "sshd did not listen on 127.0.0.1:\(port); its log:\n\(log)"
            }
        }
    }

    public static let sshdPath = "/usr/sbin/sshd"
    /// sshd listens here too, so a test can jump through 127.0.0.1 to a "different" host
    /// (OpenSSH refuses a jump whose hop and destination are the same address and port).
    public static let secondAddress = "127.0.0.2"
    public static let keygenPath = "/usr/bin/ssh-keygen"

    /// True when sshd and ssh-keygen are installed.
    public static var isAvailable: Bool {
        FileManager.default.isExecutableFile(atPath: sshdPath) && FileManager.default.isExecutableFile(atPath: keygenPath)
    }

    public let port: Int
    public let user: String
    public let directory: String
    /// Private key accepted for `user`.
    public let clientKeyPath: String
    /// An ssh_config for the client: this identity only, known hosts kept in `directory`,
    /// never prompting, new host keys accepted. Pass it with `-F`; OpenSSH hands it on to `-J`
    /// hops too (unlike `-o` options, which apply to the last hop only).
    public let clientConfigPath: String
    private let sshd: RunningProcess

    public static func start() throws -> LoopbackSSHD {
        guard isAvailable else { throw Failure.missingTool(sshdPath) }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sshd-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        do {
            return try LoopbackSSHD(directory: directory)
        } catch {
            try? FileManager.default.removeItem(atPath: directory)
            throw error
        }
    }

    private init(directory: String) throws {
        self.directory = directory
        user = ProcessInfo.processInfo.userName
        clientKeyPath = directory + "/client_ed25519"
        clientConfigPath = directory + "/ssh_config"
        let hostKeyPath = directory + "/host_ed25519"
        try Self.run(Self.keygenPath, ["-q", "-t", "ed25519", "-N", "", "-f", hostKeyPath])
        try Self.run(Self.keygenPath, ["-q", "-t", "ed25519", "-N", "", "-f", clientKeyPath])
        try FileManager.default.copyItem(atPath: clientKeyPath + ".pub", toPath: directory + "/authorized_keys")
        if !FileManager.default.fileExists(atPath: "/run/sshd") {
            try FileManager.default.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: true)
        }

        port = Int(try RefusingLoopbackPort.released())
        try """
            ListenAddress 127.0.0.1:\(port)
            ListenAddress \(Self.secondAddress):\(port)
            HostKey \(hostKeyPath)
            AuthorizedKeysFile \(directory)/authorized_keys
            PidFile \(directory)/sshd.pid
            StrictModes no
            UsePAM no
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            PermitRootLogin prohibit-password
            LogLevel VERBOSE

            """.write(toFile: directory + "/sshd_config", atomically: true, encoding: .utf8)
        try """
            IdentityFile \(clientKeyPath)
            IdentitiesOnly yes
            UserKnownHostsFile \(directory)/known_hosts
            GlobalKnownHostsFile /dev/null
            StrictHostKeyChecking accept-new
            BatchMode yes
            LogLevel ERROR

            """.write(toFile: clientConfigPath, atomically: true, encoding: .utf8)

        let log = directory + "/sshd.log"
        sshd = try ChildProcess.start(
            ProcessRequest(
                Self.sshdPath, ["-D", "-e", "-f", directory + "/sshd_config"],
                standardOutput: .discard, standardError: .file(log)))
        guard LoopbackListener.waitUntilListening(port: UInt16(port), server: sshd) else {
            sshd.terminate()
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            throw Failure.notListening(port: port, log: text)
        }
    }

    /// Ends sshd's process group (with it any session still open) and removes the temp directory.
    /// Returns at once; the runner's thread reaps sshd.
    public func stop() {
        sshd.terminate()
        try? FileManager.default.removeItem(atPath: directory)
    }

    private static func run(_ path: String, _ arguments: [String]) throws {
        let result = try ToolProcess.runExactlyBlocking(path, arguments, environment: ProcessInfo.processInfo.environment)
        guard result.status == 0 else {
            throw Failure.command(([path] + arguments).joined(separator: " "), status: result.status)
        }
    }
}
