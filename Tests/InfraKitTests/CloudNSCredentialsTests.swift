import Foundation
import InfraKit
import Testing
import TestSupport

@Suite("CloudNS credentials")
struct CloudNSCredentialsTests {
    static let secret = "hunter2-Kx9"

    @Test(arguments: [
        ("CLOUDNS_AUTH_ID", "1234", CloudNSCredentials.Identity.authID("1234")),
        ("CLOUDNS_SUB_AUTH_ID", "77", .subAuthID("77")),
        ("CLOUDNS_SUB_AUTH_USER", "acme", .subAuthUser("acme")),
    ])
    func oneIdentityFromTheEnvironment(variable: String, value: String, identity: CloudNSCredentials.Identity) throws {
        let credentials = try CloudNSCredentials.resolve(
            environment: [variable: value, "CLOUDNS_AUTH_PASSWORD": Self.secret])
        #expect(credentials.identity == identity)
        #expect(credentials.password.revealed == Self.secret)
        #expect(credentials.source == "the environment")
    }

    @Test func valuesFromNameFileVariablesLoseTheirFinalLineBreak() throws {
        let scratch = try ScratchDirectory()
        let idFile = try scratch.write("id", "1234\n")
        let passwordFile = try scratch.write("password", Self.secret + "\r\n")
        let credentials = try CloudNSCredentials.resolve(environment: [
            "CLOUDNS_AUTH_ID_FILE": idFile.path, "CLOUDNS_AUTH_PASSWORD_FILE": passwordFile.path,
        ])
        #expect(credentials.identity == .authID("1234"))
        #expect(credentials.password.revealed == Self.secret)
    }

    @Test func credentialsFileWithCommentsExportAndQuotes() throws {
        let scratch = try ScratchDirectory()
        let file = try scratch.write(
            "cloudns", "# CloudNS\n\nexport CLOUDNS_SUB_AUTH_USER=acme\nCLOUDNS_AUTH_PASSWORD='\(Self.secret)'\n",
            permissions: 0o600)
        let credentials = try CloudNSCredentials.resolve(environment: [:], credentialsFile: file.path)
        #expect(credentials.identity == .subAuthUser("acme"))
        #expect(credentials.password.revealed == Self.secret)
        #expect(credentials.source == "credentials file \(file.path)")
    }

    @Test func credentialsFileNamedByTheEnvironment() throws {
        let scratch = try ScratchDirectory()
        let file = try scratch.write(
            "cloudns", "CLOUDNS_AUTH_ID=9\nCLOUDNS_AUTH_PASSWORD=\(Self.secret)\n", permissions: 0o400)
        let credentials = try CloudNSCredentials.resolve(environment: ["CLOUDNS_CREDENTIALS": file.path])
        #expect(credentials.identity == .authID("9"))
    }

    @Test func theCommandLineFileWinsOverTheEnvironment() throws {
        let scratch = try ScratchDirectory()
        let file = try scratch.write(
            "cloudns", "CLOUDNS_AUTH_ID=9\nCLOUDNS_AUTH_PASSWORD=\(Self.secret)\n", permissions: 0o600)
        let credentials = try CloudNSCredentials.resolve(
            environment: ["CLOUDNS_SUB_AUTH_USER": "other", "CLOUDNS_AUTH_PASSWORD": "x"], credentialsFile: file.path)
        #expect(credentials.identity == .authID("9"))
    }

    @Test(arguments: [0o644, 0o640, 0o604, 0o660])
    func credentialsFileReadableByOthersIsRefused(mode: Int) throws {
        let scratch = try ScratchDirectory()
        let file = try scratch.write(
            "cloudns", "CLOUDNS_AUTH_ID=9\nCLOUDNS_AUTH_PASSWORD=\(Self.secret)\n", permissions: mode)
        let error = try #require(throws: CredentialError.self) {
            try CloudNSCredentials.resolve(environment: [:], credentialsFile: file.path)
        }
        #expect(error.exitStatus == .configuration)
        #expect(error.message == "credentials file \(file.path) has mode \(String(mode, radix: 8)); it must be readable by its owner only (chmod 600 \(file.path))")
    }

    /// Every refusal is a configuration error naming what is wrong, and none shows the password.
    @Test(arguments: [
        ([:], "no CloudNS credentials: set CLOUDNS_AUTH_ID (or CLOUDNS_SUB_AUTH_ID or CLOUDNS_SUB_AUTH_USER) and CLOUDNS_AUTH_PASSWORD, or name a credentials file with --credentials or CLOUDNS_CREDENTIALS"),
        (["CLOUDNS_AUTH_PASSWORD": secret], "no identity in the environment: set exactly one of CLOUDNS_AUTH_ID, CLOUDNS_SUB_AUTH_ID, CLOUDNS_SUB_AUTH_USER"),
        (["CLOUDNS_AUTH_ID": "1", "CLOUDNS_SUB_AUTH_USER": "acme", "CLOUDNS_AUTH_PASSWORD": secret], "CLOUDNS_AUTH_ID and CLOUDNS_SUB_AUTH_USER are both set in the environment; set exactly one identity"),
        (["CLOUDNS_AUTH_ID": "1"], "CLOUDNS_AUTH_PASSWORD is not set in the environment"),
        (["CLOUDNS_AUTH_ID": "admin", "CLOUDNS_AUTH_PASSWORD": secret], "CLOUDNS_AUTH_ID in the environment is not a number; CloudNS ids are numeric"),
        (["CLOUDNS_AUTH_ID": "1", "CLOUDNS_AUTH_PASSWORD": secret, "CLOUDNS_AUTH_PASSWORD_FILE": "/x"], "both CLOUDNS_AUTH_PASSWORD and CLOUDNS_AUTH_PASSWORD_FILE are set; set only one"),
        (["CLOUDNS_AUTH_ID": "1", "CLOUDNS_AUTH_PASSWORD_FILE": "/nonexistent/pw"], "CLOUDNS_AUTH_PASSWORD_FILE: the file /nonexistent/pw does not exist"),
        (["CLOUDNS_AUTH_ID": "1", "CLOUDNS_AUTH_PASSWORD": secret, "CLOUDNS_CREDENTIALS": "/x"], "both CLOUDNS_CREDENTIALS and CLOUDNS_AUTH_ID, CLOUDNS_AUTH_PASSWORD are set; use either the credentials file or the variables"),
        (["CLOUDNS_CREDENTIALS": "/nonexistent/file"], "credentials file /nonexistent/file (from CLOUDNS_CREDENTIALS) does not exist or cannot be examined"),
    ] as [([String: String], String)])
    func refusals(environment: [String: String], message: String) {
        let error = #expect(throws: CredentialError.self) {
            try CloudNSCredentials.resolve(environment: environment)
        }
        #expect(error?.message == message)
        #expect(error?.exitStatus == .configuration)
        #expect(error?.message.contains(Self.secret) == false)
    }

    @Test(arguments: [
        ("CLOUDNS_AUTH_ID=1\nCLOUDNS_AUTH_PASSWORD=\(secret)\nCLOUDNS_TOKEN=\(secret)\n", ":3: unknown name 'CLOUDNS_TOKEN'; expected CLOUDNS_AUTH_ID, CLOUDNS_SUB_AUTH_ID, CLOUDNS_SUB_AUTH_USER, CLOUDNS_AUTH_PASSWORD"),
        ("CLOUDNS_AUTH_ID=1\n\(secret)\n", ":2: expected NAME=value"),
        ("CLOUDNS_AUTH_ID=1\nCLOUDNS_AUTH_PASSWORD \(secret)=tail\n", ":2: expected NAME=value"),
        ("CLOUDNS_AUTH_ID=1\nczNjcmV0LXBhc3N3b3Jk==\n", ":2: expected NAME=value"),
        ("CLOUDNS_AUTH_ID=1\nCLOUDNS_AUTH_PASSWORD=\(secret)\nCLOUDNS_AUTH_PASSWORD=\(secret)\n", ":3: CLOUDNS_AUTH_PASSWORD is set twice"),
        ("CLOUDNS_AUTH_ID=1\nCLOUDNS_SUB_AUTH_ID=2\nCLOUDNS_AUTH_PASSWORD=\(secret)\n", " are both set"),
    ])
    func badCredentialsFiles(content: String, expected: String) throws {
        let scratch = try ScratchDirectory()
        let file = try scratch.write("cloudns", content, permissions: 0o600)
        let error = try #require(throws: CredentialError.self) {
            try CloudNSCredentials.resolve(environment: [:], credentialsFile: file.path)
        }
        #expect(error.message.contains(expected), "\(error.message)")
        #expect(!error.message.contains(Self.secret))
    }

    @Test func identitiesPrintButPasswordsDoNot() throws {
        let credentials = try CloudNSCredentials.resolve(
            environment: ["CLOUDNS_AUTH_ID": "1234", "CLOUDNS_AUTH_PASSWORD": Self.secret])
        let printed = "\(credentials) \(String(reflecting: credentials)) \(credentials.identity)"
        #expect(printed.contains("auth-id 1234"))
        #expect(!printed.contains(Self.secret))
    }
}
