import InfraKit
import Testing

@Suite("YAML parser")
struct YAMLParserTests {
    private func parse(_ text: String) throws -> YAMLNode {
        try #require(try YAMLParser.parse(text))
    }

    private func parseError(_ text: String) -> YAMLError? {
        do {
            _ = try YAMLParser.parse(text)
            return nil
        } catch {
            return error
        }
    }

    private func keys(_ node: YAMLNode?) -> [String] {
        node?.mapping?.compactMap { $0.key.scalar?.value } ?? []
    }

    @Test func blockMappingKeepsFileOrderAndPositions() throws {
        let root = try parse("zeta: 1\nalpha:\n  beta: two\n  gamma: [3, 4]\n")
        #expect(keys(root) == ["zeta", "alpha"])
        let alpha = try #require(root["alpha"])
        #expect(alpha.mark == YAMLMark(line: 3, column: 3))
        #expect(alpha["beta"]?.scalar == YAMLScalar("two"))
        #expect(alpha["beta"]?.mark == YAMLMark(line: 3, column: 9))
        let gamma = try #require(alpha["gamma"]?.sequence)
        #expect(gamma.map { $0.scalar?.value } == ["3", "4"])
        #expect(gamma.map(\.mark) == [YAMLMark(line: 4, column: 11), YAMLMark(line: 4, column: 14)])
    }

    @Test func flowCollections() throws {
        let root = try parse("{a: [1, {b: c}], d: {}}")
        #expect(keys(root) == ["a", "d"])
        #expect(root["a"]?.sequence?.count == 2)
        #expect(root["a"]?.sequence?[1]["b"]?.scalar?.value == "c")
        #expect(root["d"]?.mapping?.isEmpty == true)
    }

    @Test(arguments: [
        ("k: plain text", "plain text", YAMLScalar.Style.plain),
        ("k: 'it''s'", "it's", .singleQuoted),
        ("k: \"tab\\there\\u00e9\"", "tab\there\u{e9}", .doubleQuoted),
        ("k: |\n  line one\n  line two\n", "line one\nline two\n", .literal),
        ("k: >-\n  folded\n  text\n", "folded text", .folded),
    ])
    func scalarStyles(source: String, value: String, style: YAMLScalar.Style) throws {
        let scalar = try #require(try parse(source)["k"]?.scalar)
        #expect(scalar == YAMLScalar(value, style: style))
    }

    @Test func explicitTagsAreResolved() throws {
        let root = try parse("a: !!str 22\nb: !!int \"7\"\nc: 8\n")
        #expect(root["a"]?.tag == YAMLTag.string)
        #expect(root["b"]?.tag == YAMLTag.int)
        #expect(root["c"]?.tag == nil)
    }

    @Test func commentsAndNullsAreHandled() throws {
        let root = try parse("# header\na: 1 # trailing\n# between\nb:\nc: ~\nd: 'null'\n")
        #expect(keys(root) == ["a", "b", "c", "d"])
        #expect(root["a"]?.scalar?.value == "1")
        #expect(root["b"]?.isNull == true)
        #expect(root["c"]?.isNull == true)
        #expect(root["d"]?.isNull == false)
    }

    @Test func byteOrderMarkIsAcceptedAndNotCounted() throws {
        let root = try #require(try YAMLParser.parse([0xEF, 0xBB, 0xBF] + Array("a: {b: c}\n".utf8)))
        #expect(root["a"]?["b"]?.mark == YAMLMark(line: 1, column: 8))
    }

    @Test func columnsCountCharactersNotBytes() throws {
        let root = try parse("café: {x: y}\n")
        #expect(root["café"]?["x"]?.mark == YAMLMark(line: 1, column: 11))
    }

    @Test func emptyInputHasNoDocument() throws {
        #expect(try YAMLParser.parse("") == nil)
        #expect(try YAMLParser.parse("# only a comment\n") == nil)
    }

    @Test func aliasesShareTheAnchoredNode() throws {
        let root = try parse("base: &base {user: root, port: 22}\ncopy: *base\nlist: [&x one, *x]\n")
        #expect(keys(root["copy"]) == ["user", "port"])
        #expect(root["copy"]?["user"]?.mark == YAMLMark(line: 1, column: 20))
        #expect(root["list"]?.sequence?.map { $0.scalar?.value } == ["one", "one"])
    }

    @Test func mergeKeyTakesDefaultsAndWrittenKeysWin() throws {
        let root = try parse(
            """
            defaults: &defaults
              user: root
              port: 22
            host:
              port: 2222
              <<: *defaults
              key: id
            """)
        let host = try #require(root["host"])
        #expect(keys(host) == ["port", "user", "key"])
        #expect(host["port"]?.scalar?.value == "2222")
        #expect(host["user"]?.scalar?.value == "root")
    }

    @Test func mergeListGivesPrecedenceToTheEarlierMapping() throws {
        let root = try parse(
            """
            a: &a {x: from-a, y: from-a}
            b: &b {y: from-b, z: from-b}
            c:
              <<: [*a, *b]
              z: own
            """)
        let merged = try #require(root["c"])
        #expect(keys(merged) == ["x", "y", "z"])
        #expect(merged["x"]?.scalar?.value == "from-a")
        #expect(merged["y"]?.scalar?.value == "from-a")
        #expect(merged["z"]?.scalar?.value == "own")
    }

    @Test func quotedDoubleLessThanIsAnOrdinaryKey() throws {
        let root = try parse("m: {'<<': not-a-merge, a: b}\n")
        #expect(keys(root["m"]) == ["<<", "a"])
    }

    @Test func mergeOfAScalarIsRefused() {
        let error = parseError("a: {<<: text}\n")
        #expect(error?.kind == .invalidMerge)
        #expect(error?.description == "1:9: a[\"<<\"]: a merge key (<<) expects a mapping or a list of mappings, got a scalar")
    }

    @Test func duplicateKeysAreRefusedWithBothPositions() {
        let error = parseError("hosts:\n  web1:\n    ip: 1.2.3.4\n    ip: 1.2.3.5\n")
        #expect(error?.kind == .duplicateKey)
        #expect(error?.description == "4:5: hosts.web1.ip: duplicate key (first defined at 3:5)")
    }

    @Test func duplicateKeysInALargeMappingAreFound() {
        let lines = (0..<100).map { "k\($0): v" } + ["k42: again"]
        let error = parseError(lines.joined(separator: "\n"))
        #expect(error?.description == "101:1: k42: duplicate key (first defined at 43:1)")
    }

    @Test func aSecondDocumentIsRefused() {
        let error = parseError("a: 1\n---\nb: 2\n")
        #expect(error?.kind == .multipleDocuments)
        #expect(error?.mark == YAMLMark(line: 2, column: 1))
        #expect(error?.problem == "a second YAML document starts here; the file must hold exactly one document")
    }

    @Test func anExplicitSingleDocumentIsFine() throws {
        let root = try parse("---\na: 1\n...\n")
        #expect(keys(root) == ["a"])
    }

    @Test func billionLaughsIsRefused() {
        var lines = ["l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        for level in 1...9 {
            let refs = Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ", ")
            lines.append("l\(level): &l\(level) [\(refs)]")
        }
        let error = parseError(lines.joined(separator: "\n"))
        #expect(error?.kind == .aliasExpansionTooLarge)
        #expect(error?.mark.line == 4)
    }

    @Test func moderateAliasUseIsAllowed() throws {
        let hosts = (0..<2000).map { "  h\($0): {ssh: *ssh}" }
        let root = try parse((["ssh: &ssh {user: root, key: k, port: 22}", "hosts:"] + hosts).joined(separator: "\n"))
        #expect(root["hosts"]?.mapping?.count == 2000)
    }

    @Test func deepNestingIsRefused() {
        let error = parseError(String(repeating: "[", count: 300) + String(repeating: "]", count: 300))
        #expect(error?.kind == .nestingTooDeep)
        #expect(error?.mark == YAMLMark(line: 1, column: 257))
    }

    @Test func undefinedAndRecursiveAliasesAreRefused() {
        #expect(parseError("a: *nowhere\n")?.description == "1:4: a: alias *nowhere names no anchor defined before it")
        let recursive = parseError("a: &x [1, *x]\n")
        #expect(recursive?.kind == .recursiveAlias)
        #expect(recursive?.mark == YAMLMark(line: 1, column: 11))
    }

    @Test(arguments: [
        ("a:\n  b: c\n d: e\n", "3:2: did not find expected key (while parsing a block mapping at 1:1)"),
        ("a: {b: c\n", "2:1: a: did not find expected ',' or '}' (while parsing a flow mapping at 1:4)"),
        ("a: \"open\n", "2:1: a: found unexpected end of stream (while scanning a quoted scalar at 1:4)"),
        ("a: b: c\n", "1:5: mapping values are not allowed in this context"),
        ("a:\n\tb: c\n", "2:1: a: found character that cannot start any token (while scanning for the next token at 2:1)"),
        ("a: \u{7}\n", "1:4: control characters are not allowed (byte 0x7)"),
    ])
    func syntaxErrorsCarryLibyamlPositions(source: String, expected: String) {
        let error = parseError(source)
        #expect(error?.kind == .syntax)
        #expect(error?.description == expected)
    }

    @Test func invalidUTF8IsASyntaxErrorAtTheByte() {
        do {
            _ = try YAMLParser.parse(Array("hosts:\n  wé: ".utf8) + [0xFF])
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .syntax)
            #expect(error.mark == YAMLMark(line: 2, column: 7))
            #expect(error.problem == "invalid leading UTF-8 octet (byte 0xFF)")
        }
    }

    @Test func pathsQuoteKeysThatAreNotPlainWords() {
        let path = YAMLPath().appending("dns").appending("zones").appending("example.com").appending("records").appending(index: 2)
        #expect(path.description == "dns.zones[\"example.com\"].records[2]")
    }
}
