import Foundation
import InfraKit

/// An HTTPS server on 127.0.0.1 (Python 3 `ssl` + `http.server`) with ``TestCertificates``.
/// Answers every GET with `{"tls":true}`.
public final class TLSTestServer: Sendable {
    public enum Failure: Error {
        case noPort
    }

    public let port: UInt16
    /// The PEM of the CA that signed the server certificate.
    public let caPath: String
    private let server: ScratchServer

    public var baseURL: String { "https://127.0.0.1:\(port)" }

    private init(port: UInt16, caPath: String, server: ScratchServer) {
        self.port = port
        self.caPath = caPath
        self.server = server
    }

    /// Ends the server; returns at once (the runner's thread reaps it).
    public func stop() {
        server.stop()
    }

    /// Makes the CA and certificate, starts the server and waits until it listens.
    public static func start() async throws -> TLSTestServer {
        try await StartGate.pythonServers.withPermit { try await launch() }
    }

    private static func launch() async throws -> TLSTestServer {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
        let certificates = try await TestCertificates.make(in: directory)
        try script.write(toFile: path("server.py"), atomically: true, encoding: .utf8)

        let server = try await ChildProcess.start(
            request("python3", [path("server.py"), certificates.certificatePath, certificates.keyPath, path("port")]))
        for _ in 0..<500 {
            if let text = try? String(contentsOfFile: path("port"), encoding: .utf8), let port = UInt16(text) {
                return TLSTestServer(
                    port: port, caPath: certificates.caPath, server: ScratchServer(process: server, directory: directory))
            }
            guard server.isRunning else { break }
            try await Task.sleep(for: .milliseconds(10))
        }
        server.terminate()
        throw Failure.noPort
    }

    static func request(_ tool: String, _ arguments: [String]) -> ProcessRequest {
        ProcessRequest(
            tool, arguments, environment: ProcessInfo.processInfo.environment,
            standardOutput: .discard, standardError: .discard)
    }

    private static let script = #"""
        import http.server, os, ssl, sys

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):
                body = b'{"tls":true}'
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(sys.argv[1], sys.argv[2])
        server.socket = context.wrap_socket(server.socket, server_side=True)
        with open(sys.argv[3] + ".tmp", "w") as port_file:
            port_file.write(str(server.server_address[1]))
        os.rename(sys.argv[3] + ".tmp", sys.argv[3])
        server.serve_forever()
        """#
}
