import Foundation
@testable import InfraKit
import Testing
import TestSupport

@Suite("libcurl TLS and trust store")
struct CurlTLSTests {
    @Test func untrustedCertificateIsRefusedWithoutRetryAndAcceptedWithItsCA() async throws {
        let server = try await TLSTestServer.start()
        defer { server.stop() }
        let trace = TraceRecorder()

        let strict = try APIClient(.testing(server.baseURL).with { $0.trace = trace.sink })
        let error = try #require(await apiFailure { try await strict.sendRaw(HTTPRequest(.get, "/")) })
        guard case .transport(.tls, let detail) = error.reason else {
            Issue.record("expected a TLS failure, got \(error.message)")
            return
        }
        #expect(detail.lowercased().contains("certificate"))
        #expect(error.attempts == 1)
        #expect(trace.lines.count == 1)
        #expect(error.exitStatus == .unavailable)

        let trusting = try APIClient(.testing(server.baseURL).with { $0.extraCABundlePath = server.caPath })
        let body = try await trusting.send(HTTPRequest(.get, "/"), as: [String: Bool].self)
        #expect(body == ["tls": true])
    }

    @Test func extraBundleIsAppendedToTheSystemStore() throws {
        let system = Data("-----BEGIN CERTIFICATE-----\nSYSTEM\n-----END CERTIFICATE-----".utf8)
        let extra = Data("-----BEGIN CERTIFICATE-----\nEXTRA\n-----END CERTIFICATE-----\n".utf8)
        let combined = CurlCABundle.combined(system: system, extra: extra)
        #expect(combined == system + Data("\n".utf8) + extra)
        #expect(CurlCABundle.combined(system: nil, extra: extra) == extra)
    }

    @Test func loadedBundleHoldsTheSystemCertificatesAndTheExtraFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ca-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let system = directory.appendingPathComponent("system.pem").path
        let extra = directory.appendingPathComponent("extra.pem").path
        let systemPEM = "-----BEGIN CERTIFICATE-----\nA\n-----END CERTIFICATE-----\n"
        let extraPEM = "-----BEGIN CERTIFICATE-----\nB\n-----END CERTIFICATE-----\n"
        try systemPEM.write(toFile: system, atomically: true, encoding: .utf8)
        try extraPEM.write(toFile: extra, atomically: true, encoding: .utf8)
        let bundle = try CurlCABundle(extraPath: extra, systemPath: system)
        #expect(bundle.count == systemPEM.utf8.count + extraPEM.utf8.count)
    }

    @Test func unreadableOrEmptyBundleIsAConfigurationError() throws {
        let missing = "/nonexistent/infra-ca.pem"
        #expect {
            _ = try CurlTransport(extraCABundlePath: missing)
        } throws: { error in
            let error = error as? TransportSetupError
            return error?.message == "cannot read CA bundle /nonexistent/infra-ca.pem: no such file"
                && error?.exitStatus == .configuration
        }
        let notPEM = FileManager.default.temporaryDirectory.appendingPathComponent("not-pem-\(UUID().uuidString)").path
        try "hello".write(toFile: notPEM, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: notPEM) }
        #expect {
            _ = try APIClient(.testing("https://127.0.0.1").with { $0.extraCABundlePath = notPEM })
        } throws: { error in
            (error as? TransportSetupError)?.message == "CA bundle \(notPEM) holds no PEM certificate"
        }
    }

    @Test(arguments: [
        (["SSL_CERT_FILE": "/a.pem", "CURL_CA_BUNDLE": "/b.pem"], "/a.pem"),
        (["SSL_CERT_FILE": "", "CURL_CA_BUNDLE": "/b.pem"], "/b.pem"),
        (["CURL_CA_BUNDLE": "/b.pem"], "/b.pem"),
        (["HOME": "/root"], nil),
    ] as [([String: String], String?)])
    func extraBundlePathComesFromTheEnvironment(environment: [String: String], expected: String?) {
        #expect(ExtraCABundle.path(fromEnvironment: environment) == expected)
    }
}
