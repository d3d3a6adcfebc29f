import Foundation
import InfraKit

/// nghttp2's `nghttpd` on 127.0.0.1 with ``TestCertificates``: an HTTP/2-only server (TLS with ALPN
/// `h2`; a client that does not negotiate HTTP/2 gets nothing) serving the files it was given.
/// Its verbose log numbers every connection, which tells how many connections the requests took.
public final class HTTP2TestServer: Sendable {
    public enum Failure: Error {
        case notListening(log: String)
    }

    public let port: UInt16
    public let caPath: String
    private let logPath: String
    private let server: ScratchServer

    public static let serverPath = "/usr/sbin/nghttpd"
    public static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: serverPath) }

    public var baseURL: String { "https://127.0.0.1:\(port)" }

    private init(port: UInt16, caPath: String, logPath: String, server: ScratchServer) {
        self.port = port
        self.caPath = caPath
        self.logPath = logPath
        self.server = server
    }

    /// Ends the server; returns at once (the runner's thread reaps it).
    public func stop() {
        server.stop()
    }

    /// Serves `files` (path below the root → contents) over HTTP/2; any other path is a 404.
    public static func start(serving files: [String: String]) async throws -> HTTP2TestServer {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("h2-\(UUID().uuidString)")
        let root = directory.appendingPathComponent("htdocs")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for (path, contents) in files {
            try contents.write(to: root.appendingPathComponent(path), atomically: true, encoding: .utf8)
        }
        let certificates = try await TestCertificates.make(in: directory)
        let logPath = directory.appendingPathComponent("nghttpd.log").path
        let port = try RefusingLoopbackPort.released()
        let server = try await ChildProcess.start(
            ProcessRequest(
                serverPath,
                ["--verbose", "--address=127.0.0.1", "--htdocs=\(root.path)", String(port),
                 certificates.keyPath, certificates.certificatePath],
                standardOutput: .file(logPath), standardError: .discard))
        let listening = await onDedicatedThread { LoopbackListener.waitUntilListening(port: port, server: server) }
        guard listening else {
            server.terminate()
            throw Failure.notListening(log: (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "")
        }
        return HTTP2TestServer(
            port: port, caPath: certificates.caPath, logPath: logPath,
            server: ScratchServer(process: server, directory: directory))
    }

    /// How many HTTP/2 connections the server has seen: log ids (`[id=N]`, one per TCP connection)
    /// that received the client's SETTINGS frame, which leaves out the readiness probe's bare connect.
    public func connectionCount() -> Int {
        let log = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        var ids: Set<Substring> = []
        for line in log.split(separator: "\n") where line.hasPrefix("[id=") && line.contains("recv SETTINGS frame") {
            if let close = line.firstIndex(of: "]") { ids.insert(line[..<close]) }
        }
        return ids.count
    }

    /// How many requests the server has answered (one `:path` header received per stream).
    public func requestCount() -> Int {
        let log = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        return log.components(separatedBy: ":path:").count - 1
    }
}
