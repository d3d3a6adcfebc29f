import Foundation
import InfraKit

/// A throw-away CA and a server certificate it signed for `127.0.0.1`, made with `openssl` in a
/// directory the caller owns (and removes).
public struct TestCertificates: Sendable {
    public enum Failure: Error {
        case command(String)
    }

    /// The PEM of the CA: what a client must trust.
    public let caPath: String
    public let certificatePath: String
    public let keyPath: String

    public static func make(in directory: URL) async throws -> TestCertificates {
        func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
        let ecKey = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        try await openssl(["req", "-x509"] + ecKey + [
            "-keyout", path("ca.key"), "-out", path("ca.pem"), "-days", "2", "-subj", "/CN=infra test CA",
        ])
        try await openssl(["req"] + ecKey + [
            "-keyout", path("server.key"), "-out", path("server.csr"), "-subj", "/CN=127.0.0.1",
        ])
        try "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n"
            .write(toFile: path("server.ext"), atomically: true, encoding: .utf8)
        try await openssl([
            "x509", "-req", "-in", path("server.csr"), "-CA", path("ca.pem"), "-CAkey", path("ca.key"),
            "-CAcreateserial", "-out", path("server.pem"), "-days", "2", "-extfile", path("server.ext"),
        ])
        return TestCertificates(caPath: path("ca.pem"), certificatePath: path("server.pem"), keyPath: path("server.key"))
    }

    private static func openssl(_ arguments: [String]) async throws {
        let result = try await ChildProcess.run(TLSTestServer.request("openssl", arguments))
        guard result.status == 0 else { throw Failure.command("openssl \(arguments.first ?? "") failed") }
    }
}
