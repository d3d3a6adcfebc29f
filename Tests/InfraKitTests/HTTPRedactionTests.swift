import Foundation
@testable import InfraKit
import Testing
import TestSupport

@Suite("redaction")
struct HTTPRedactionTests {
    @Test(arguments: [
        ("https://api.cloudns.net/dns/records.json?auth-id=1&auth-password=hunter22&domain-name=x.com",
         "https://api.cloudns.net/dns/records.json?auth-id=1&auth-password=REDACTED&domain-name=x.com"),
        ("https://h/x?token=abc%2Fdef#frag", "https://h/x?token=REDACTED#frag"),
        ("https://h/x?access_token=a&client_secret=b&Password=c&page=2",
         "https://h/x?access_token=REDACTED&client_secret=REDACTED&Password=REDACTED&page=2"),
        ("https://robot:s3cr3t-pw@robot-ws.example/server", "https://robot:REDACTED@robot-ws.example/server"),
        ("https://h/x?auth%2Dpassword=p%40ss", "https://h/x?auth%2Dpassword=REDACTED"),
        ("https://h/plain/path", "https://h/plain/path"),
    ])
    func urlsLoseTheirCredentials(url: String, expected: String) {
        #expect(Redactor().redactURL(url) == expected)
    }

    @Test func formBodiesLoseSensitiveFields() {
        let body = "auth-id=123&auth-password=p%26ss&sub-auth-password=x&record=1.2.3.4&api_key=k"
        #expect(Redactor().redactForm(body)
            == "auth-id=123&auth-password=REDACTED&sub-auth-password=REDACTED&record=1.2.3.4&api_key=REDACTED")
    }

    @Test func headersLoseCredentials() {
        let headers: HTTPHeaders = ["Authorization": "Bearer abc", "X-Auth-Token": "t", "Cookie": "s=1", "Accept": "*/*"]
        let redacted = Redactor().redactHeaders(headers)
        #expect(redacted["authorization"] == "REDACTED")
        #expect(redacted["x-auth-token"] == "REDACTED")
        #expect(redacted["cookie"] == "REDACTED")
        #expect(redacted["accept"] == "*/*")
    }

    @Test(arguments: [
        (#"{"user":"a","password":"p\"w","nested":{"api_token":"t1"}}"#,
         #"{"user":"a","password":"REDACTED","nested":{"api_token":"REDACTED"}}"#),
        ("Authorization: Basic cm9ib3Q6cHc=\r\nAccept: */*", "Authorization: REDACTED\r\nAccept: */*"),
        ("got header authorization: Bearer xyz.abc", "got header authorization: REDACTED"),
        ("use Bearer abc.DEF-123 next time", "use Bearer REDACTED next time"),
        ("Basic cm9ib3Q6c2VjcmV0 was rejected", "Basic REDACTED was rejected"),
        ("This endpoint needs Basic authentication", "This endpoint needs Basic authentication"),
        ("X-Api-Key: 12345\nother: fine", "X-Api-Key: REDACTED\nother: fine"),
        ("password=abc token=def", "password=REDACTED token=REDACTED"),
        ("nothing to see here", "nothing to see here"),
        (#"{"name":"c","private_key":"-----BEGIN\nabc"}"#, #"{"name":"c","private_key":"REDACTED"}"#),
        ("key -----BEGIN PRIVATE KEY-----\nMIIEvQ\n-----END PRIVATE KEY----- end", "key REDACTED end"),
        ("a -----BEGIN EC PRIVATE KEY-----\nMHcCAQEE cut off", "a REDACTED"),
        ("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----"),
    ])
    func freeTextLosesCredentialsRecognisedByName(text: String, expected: String) {
        #expect(Redactor().redact(text) == expected)
    }

    @Test func knownSecretsAreScrubbedInEveryEncoding() {
        let secret = "p@ss w/rd\"x"
        let redactor = Redactor(secrets: [Secret(secret)])
        for text in [secret, "p%40ss%20w%2Frd%22x", "p%40ss+w%2Frd%22x", #"p@ss w/rd\"x"#, #"p@ss w\/rd\"x"#] {
            #expect(redactor.redact("before \(text) after") == "before REDACTED after")
        }
    }

    @Test func veryShortSecretsAreLeftToTheNameBasedNets() {
        let redactor = Redactor(secrets: [Secret("ab")])
        #expect(redactor.redact("table abc") == "table abc")
        #expect(redactor.redact("password=ab") == "password=REDACTED")
    }

    @Test func excerptRedactsBeforeCutting() {
        let secret = "SECRET-VALUE-1234567890"
        let body = String(repeating: ".", count: 250) + secret
        let excerpt = Redactor(secrets: [Secret(secret)]).excerpt(of: Data(body.utf8))
        #expect(!excerpt.contains("SECRE"))
        #expect(excerpt.utf8.count == 256)
        #expect(excerpt.hasSuffix("REDACT"))
    }

    @Test func excerptCutsOnCharacterBoundariesAndFoldsWhitespace() {
        let body = "a\n\n\tb" + String(repeating: "é", count: 300)
        let excerpt = Redactor().excerpt(of: Data(body.utf8))
        #expect(excerpt.hasPrefix("a b"))
        #expect(excerpt.utf8.count <= 256)
        #expect(excerpt.utf8.count >= 255)
    }
}
