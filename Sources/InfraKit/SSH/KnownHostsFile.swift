import Foundation
import Synchronization

/// How host keys are checked: which known_hosts file, and whether an unknown host may be
/// trusted on first use.
public struct KnownHostsPolicy: Sendable {
    /// The known_hosts file, shared by every host of a run.
    public var file: KnownHostsFile
    /// Like OpenSSH's `StrictHostKeyChecking accept-new`: a host with no key in the file
    /// is trusted and its key appended (as a plain, unhashed `[host]:port` line); a host
    /// whose key differs is still refused.
    public var acceptNew: Bool

    public init(file: KnownHostsFile, acceptNew: Bool = false) {
        self.file = file
        self.acceptNew = acceptNew
    }
}

/// One known_hosts file: read once per run, shared by all host threads, appended to
/// (under a lock) when a new host key is accepted.
public final class KnownHostsFile: Sendable {
    /// The file's path.
    public let path: String
    private let state = Mutex<[String]?>(nil)

    public init(path: String) {
        self.path = path
    }

    /// `~/.ssh/known_hosts` of the user running the tool.
    public static func userDefault() -> KnownHostsFile {
        let home = ProcessInfo.processInfo.environment["HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? NSHomeDirectory()
        return KnownHostsFile(path: home + "/.ssh/known_hosts")
    }

    /// The file's lines that could concern `names` (a known_hosts name such as `[10.0.0.5]:2222`).
    ///
    /// Hashed lines are always kept (only an HMAC tells whom they name); plain lines are kept
    /// when their host field mentions one of the names. Marker lines (`@cert-authority`,
    /// `@revoked`) are left out: libssh2 1.10 cannot use them.
    func candidateLines(for names: [String]) throws(SSHError) -> [String] {
        let lines = try allLines()
        return lines.filter { line in
            guard let first = line.first, first != "#", first != "@" else { return false }
            if line.hasPrefix("|1|") { return true }
            let hosts = line.prefix { $0 != " " && $0 != "\t" }
            return names.contains { hosts.contains($0) }
        }
    }

    /// Appends one line (ending in a newline), creating the file (and its directory) if needed.
    func append(_ line: String) throws(SSHError) {
        let result: Result<Void, SSHError> = state.withLock { cached in
            let directory = (path as NSString).deletingLastPathComponent
            if !directory.isEmpty && !FileManager.default.fileExists(atPath: directory) {
                try? FileManager.default.createDirectory(
                    atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            }
            let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else {
                return .failure(SSHError(.localFile, phase: .hostKey, "\(path): cannot open for writing: \(systemMessage(errno))"))
            }
            defer { close(descriptor) }
            let bytes = Array(line.utf8)
            let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            guard written == bytes.count else {
                return .failure(SSHError(.localFile, phase: .hostKey, "\(path): cannot append: \(systemMessage(errno))"))
            }
            cached?.append(line.trimmingCharacters(in: .newlines))
            return .success(())
        }
        try result.get()
    }

    private func allLines() throws(SSHError) -> [String] {
        let result: Result<[String], SSHError> = state.withLock { cached in
            if let cached { return .success(cached) }
            let lines: [String]
            if let data = FileManager.default.contents(atPath: path) {
                lines = String(decoding: data, as: UTF8.self)
                    .split(whereSeparator: \.isNewline)
                    .map { $0.trimmingCharacters(in: .whitespaces) }
                    .filter { !$0.isEmpty }
            } else if FileManager.default.fileExists(atPath: path) {
                return .failure(SSHError(.localFile, phase: .hostKey, "\(path): cannot read the known_hosts file"))
            } else {
                lines = []
            }
            cached = lines
            return .success(lines)
        }
        return try result.get()
    }
}
