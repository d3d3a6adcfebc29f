import Foundation
import InfraKit

/// An HTTPS server on 127.0.0.1 (Python 3 `ssl` + `http.server`) whose certificate is signed by a
/// throw-away CA made with `openssl` in a temporary directory. Answers every GET with `{"tls":true}`.
public final class TLSTestServer: Sendable {
    public enum Failure: Error {
        case command(String)
        case noPort
    }

    public let port: UInt16
    /// The PEM of the CA that signed the server certificate.
    public let caPath: String
    private let directory: URL
    private let server: RunningProcess

    public var baseURL: String { "https://127.0.0.1:\(port)" }

    private init(port: UInt16, caPath: String, directory: URL, server: RunningProcess) {
        self.port = port
        self.caPath = caPath
        self.directory = directory
        self.server = server
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Ends the server; returns at once (the runner's thread reaps it).
    public func stop() {
        server.terminate()
    }

    /// Makes the CA and certificate, starts the server and waits until it listens.
    public static func start() async throws -> TLSTestServer {
        try await StartGate.pythonServers.withPermit { try await launch() }
    }

    private static func launch() async throws -> TLSTestServer {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
        let ecKey = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        try await run("openssl", ["req", "-x509"] + ecKey + [
            "-keyout", path("ca.key"), "-out", path("ca.pem"), "-days", "2", "-subj", "/CN=infra test CA",
        ])
        try await run("openssl", ["req"] + ecKey + [
            "-keyout", path("server.key"), "-out", path("server.csr"), "-subj", "/CN=127.0.0.1",
        ])
        try "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n"
            .write(toFile: path("server.ext"), atomically: true, encoding: .utf8)
        try await run("openssl", [
            "x509", "-req", "-in", path("server.csr"), "-CA", path("ca.pem"), "-CAkey", path("ca.key"),
            "-CAcreateserial", "-out", path("server.pem"), "-days", "2", "-extfile", path("server.ext"),
        ])
        try script.write(toFile: path("server.py"), atomically: true, encoding: .utf8)

        let server = try await ChildProcess.start(
            request("python3", [path("server.py"), path("server.pem"), path("server.key"), path("port")]))
        for _ in 0..<500 {
            if let text = try? String(contentsOfFile: path("port"), encoding: .utf8), let port = UInt16(text) {
                return TLSTestServer(port: port, caPath: path("ca.pem"), directory: directory, server: server)
            }
            guard server.isRunning else { break }
            try await Task.sleep(for: .milliseconds(10))
        }
        server.terminate()
        throw Failure.noPort
    }

    private static func run(_ tool: String, _ arguments: [String]) async throws {
        let result = try await ChildProcess.run(request(tool, arguments))
        guard result.status == 0 else { throw Failure.command("\(tool) \(arguments.first ?? "") failed") }
    }

    private static func request(_ tool: String, _ arguments: [String]) -> ProcessRequest {
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
