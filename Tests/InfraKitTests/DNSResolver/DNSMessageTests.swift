import InfraKit
import Testing
import TestSupport

@Suite("DNS messages")
struct DNSMessageTests {
    @Test func queryBytes() throws {
        let bytes = try DNSQuery(id: 0xBEEF, name: "_acme-challenge.Example.test.", type: .txt).encoded()
        let name: [UInt8] = [15] + Array("_acme-challenge".utf8) + [7] + Array("Example".utf8) + [4] + Array("test".utf8) + [0]
        let expected: [UInt8] =
            [0xBE, 0xEF, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 1] + name + [0, 16, 0, 1]
            + [0, 0, 41, 0x04, 0xD0, 0, 0, 0, 0, 0, 0]
        #expect(bytes == expected)
        let plain = try DNSQuery(id: 1, name: "a.b", type: .cname, usesEDNS: false).encoded()
        #expect(plain == [0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 97, 1, 98, 0, 0, 5, 0, 1])
    }

    @Test(
        "names DNS cannot carry",
        arguments: ["a..b", String(repeating: "x", count: 64) + ".example", Array(repeating: "abcdefghi", count: 30).joined(separator: ".")])
    func invalidNames(name: String) {
        #expect(throws: DNSLookupError.self) { try DNSQuery(id: 1, name: name, type: .txt).encoded() }
    }

    static func query(_ name: String, _ type: DNSQueryType, id: UInt16 = 7) throws -> ([UInt8], DNSQuery) {
        let query = DNSQuery(id: id, name: name, type: type)
        return (try query.encoded(), query)
    }

    @Test func txtAnswerWithSeveralStrings() throws {
        let (bytes, query) = try Self.query("_acme-challenge.example.test", .txt)
        let answer = DNSAnswerBuilder.response(
            to: bytes,
            answers: [
                .txt("_acme-challenge.example.test", "first-value"),
                .txt("_acme-challenge.example.test", String(repeating: "a", count: 255), "bc"),
                .txt("other.example.test", "not mine"),
            ])
        let response = try DNSResponse.decode(answer)
        #expect(response.answers(query))
        #expect(response.code == .noError)
        #expect(!response.isTruncated)
        let values = response.records(.txt, named: "_ACME-challenge.example.test.").compactMap(\.txtValue)
        #expect(values == ["first-value", String(repeating: "a", count: 255) + "bc"])
    }

    @Test func compressedNamesAreFollowed() throws {
        let (bytes, query) = try Self.query("_acme-challenge.example.test", .cname)
        // Answer: owner = pointer to the question name (offset 12), CNAME target = "acme." + pointer
        // to "example.test" inside the question name (offset 12 + 16).
        var answer = DNSAnswerBuilder.response(to: bytes)
        answer[7] = 1
        answer += [0xC0, 12, 0, 5, 0, 1, 0, 0, 0, 60, 0, 7, 4] + Array("acme".utf8) + [0xC0, 12 + 16]
        let response = try DNSResponse.decode(answer)
        #expect(response.answers(query))
        #expect(response.records(.cname, named: "_acme-challenge.example.test").map(\.data) == [.cname("acme.example.test")])
    }

    @Test func mismatchedAnswersAreNotTaken() throws {
        let (bytes, query) = try Self.query("_acme-challenge.example.test", .txt, id: 99)
        let otherID = try DNSResponse.decode(DNSAnswerBuilder.response(to: bytes, id: 100))
        #expect(!otherID.answers(query))
        let (otherBytes, _) = try Self.query("_acme-challenge.other.test", .txt, id: 99)
        #expect(!(try DNSResponse.decode(DNSAnswerBuilder.response(to: otherBytes))).answers(query))
    }

    @Test func rcodeAndTruncation() throws {
        let (bytes, _) = try Self.query("missing.example.test", .txt)
        let nxdomain = try DNSResponse.decode(DNSAnswerBuilder.response(to: bytes, rcode: 3))
        #expect(nxdomain.code == .nameError)
        #expect(nxdomain.answers.isEmpty)
        // Truncated: the header announces two answers, only one and a half arrive.
        var cut = DNSAnswerBuilder.response(
            to: bytes, answers: [.txt("missing.example.test", "one"), .txt("missing.example.test", "two")], truncated: true)
        cut.removeLast(3)
        let truncated = try DNSResponse.decode(cut)
        #expect(truncated.isTruncated)
        #expect(truncated.answers.compactMap(\.txtValue) == ["one"])
    }

    @Test(
        "malformed messages are refused, not crashed on",
        arguments: [
            [UInt8](), [0, 1, 0x81], [0, 7, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 16, 0, 1],  // a query, not a response
            [0, 7, 0x81, 0x80, 0, 1, 0, 1, 0, 0, 0, 0, 0xC0, 12, 0, 16, 0, 1],  // question name points at itself
            [0, 7, 0x81, 0x80, 0, 1, 0, 1, 0, 0, 0, 0, 1, 97, 0, 0, 16, 0, 1, 0, 0, 16, 0, 1, 0, 0, 0, 60, 0, 9, 3],
        ])
    func malformed(bytes: [UInt8]) {
        #expect(throws: DNSLookupError.self) { try DNSResponse.decode(bytes) }
    }

    @Test(
        "server addresses",
        arguments: [
            ("127.0.0.1:8053", "127.0.0.1", 8053), ("127.0.0.1", "127.0.0.1", 53), ("[::1]:5353", "::1", 5353),
            ("::1", "::1", 53), ("[2001:db8::1]", "2001:db8::1", 53), ("ns1.example.com:53", "ns1.example.com", 53),
        ] as [(String, String, UInt16)])
    func serverAddress(text: String, host: String, port: UInt16) throws {
        let address = try DNSServerAddress(parsing: text)
        #expect(address == DNSServerAddress(host: host, port: port))
        #expect(try DNSServerAddress(parsing: address.description) == address)
    }

    @Test(arguments: ["", "127.0.0.1:0", "127.0.0.1:port", "[::1", "[::1]x", "a b:53"])
    func invalidServerAddress(text: String) {
        #expect(throws: DNSLookupError.self) { try DNSServerAddress(parsing: text) }
    }

    @Test func resolvConf() {
        let text = """
            # generated
            search example.com
            nameserver 10.0.0.2
            nameserver   2001:db8::53 # comment
            options edns0
            nameserver 10.0.0.2
            ; nameserver 10.9.9.9
            nameserver
            """
        #expect(
            ResolvConf.nameservers(in: text) == [
                DNSServerAddress(host: "10.0.0.2", port: 53), DNSServerAddress(host: "2001:db8::53", port: 53),
            ])
    }
}
