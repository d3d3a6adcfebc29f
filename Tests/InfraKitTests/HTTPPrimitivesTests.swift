import Foundation
@testable import InfraKit
import Testing

@Suite("HTTP values")
struct HTTPPrimitivesTests {
    @Test(arguments: [
        (HTTPMethod.get, true), (.head, true), (.put, true), (.delete, true), (.options, true),
        (.post, false), (.patch, false), ("post", false),
    ])
    func idempotentMethods(method: HTTPMethod, idempotent: Bool) {
        #expect(method.isIdempotent == idempotent)
    }

    @Test func postMayBeRepeatedOnlyWhenMarked() {
        #expect(!HTTPRequest(.post, "/").mayBeRepeated)
        #expect(HTTPRequest(.post, "/", isRepeatable: true).mayBeRepeated)
        #expect(HTTPRequest(.delete, "/").mayBeRepeated)
    }

    @Test func headersAreCaseInsensitiveAndOrdered() {
        var headers: HTTPHeaders = ["Content-Type": "text/plain", "X-A": "1"]
        headers.add("x-a", "2")
        #expect(headers["content-type"] == "text/plain")
        #expect(headers.values(for: "X-a") == ["1", "2"])
        headers["X-A"] = "3"
        #expect(headers.values(for: "x-a") == ["3"])
        headers["CONTENT-TYPE"] = nil
        #expect(!headers.contains("Content-Type"))
        #expect(headers.count == 1)
    }

    @Test func parametersArePercentEncodedBeyondUnreservedCharacters() {
        let parameters: HTTPParameters = ["name": "a b&c=d/é", "safe": "AZaz09-._~"]
        #expect(parameters.percentEncoded == "name=a%20b%26c%3Dd%2F%C3%A9&safe=AZaz09-._~")
        #expect(HTTPParameters.percentDecode("a%20b+c%2F%zz") == "a b c/%zz")
    }

    @Test(arguments: [
        ("https://api.example/v1", "/servers", "https://api.example/v1/servers"),
        ("https://api.example/v1/", "servers", "https://api.example/v1/servers"),
        ("https://api.example", "", "https://api.example"),
    ])
    func urlJoinsBaseAndPath(base: String, path: String, expected: String) throws {
        let client = try APIClient(.init(baseURL: base, errorPrefix: "x", userAgent: "t/1"))
        #expect(client.url(for: HTTPRequest(.get, path)) == expected)
        #expect(client.url(for: HTTPRequest(.get, path, query: ["q": "1 2"])) == expected + "?q=1%202")
    }

    @Test(arguments: [
        ("https://api.hetzner.cloud/v1/servers?page=2", "/v1/servers?page=2"),
        ("https://api.hetzner.cloud", "/"), ("https://api.hetzner.cloud?x=1", "/?x=1"),
    ])
    func errorTargetIsPathAndQuery(url: String, expected: String) {
        #expect(APIClient.pathAndQuery(of: url) == expected)
    }

    @Test func secretNeverDescribesItself() {
        let secret = Secret("hunter2-very-secret")
        var dumped = ""
        dump(secret, to: &dumped)
        let texts = [
            "\(secret)", String(describing: secret), String(reflecting: secret), dumped,
            "\(Mirror(reflecting: secret).children.map { "\($0.value)" })", "\([secret])", "\(Optional(secret) as Any)",
        ]
        for text in texts { #expect(!text.contains("hunter2"), "\(text)") }
        #expect(secret.revealed == "hunter2-very-secret")
    }

    @Test func headerWithLineBreakIsRefusedBeforeSending() async throws {
        let client = try APIClient(.init(baseURL: "http://127.0.0.1:9", errorPrefix: "x", userAgent: "t/1"))
        let request = HTTPRequest(.get, "/", headers: ["X-Evil": "a\r\nInjected: yes"])
        do {
            _ = try await client.sendRaw(request)
            Issue.record("expected an error")
        } catch {
            #expect(error.exitStatus == .software)
            #expect(error.attempts == 0)
            #expect(error.message == "x: GET /: invalid request: header X-Evil contains a line break or an invalid name")
        }
    }
}
