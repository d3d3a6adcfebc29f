import InfraCLI
import Testing

@Suite("Output helpers")
struct OutputTests {
    static let colorCases: [(ColorChoice, [String: String], Bool, Bool)] = [
        (.always, ["NO_COLOR": "1", "TERM": "dumb"], false, true),
        (.never, [:], true, false),
        (.auto, [:], true, true),
        (.auto, [:], false, false),
        (.auto, ["NO_COLOR": "1"], true, false),
        (.auto, ["NO_COLOR": ""], true, true),
        (.auto, ["TERM": "dumb"], true, false),
        (.auto, ["TERM": "xterm-256color"], true, true),
    ]

    @Test("color policy: flag, then NO_COLOR, then TERM=dumb, then TTY", arguments: colorCases)
    func colorPolicy(choice: ColorChoice, environment: [String: String], isTerminal: Bool, expected: Bool) {
        #expect(ColorPolicy.enabled(choice: choice, environment: environment, streamIsTerminal: isTerminal) == expected)
    }

    static func sample() -> TextTable {
        var table = TextTable(headers: ["HOST", "TYPE", "TTL", "VALUE"], alignments: [.left, .left, .right])
        table.append(["www", "A", "300", "192.0.2.10"])
        table.append(["_acme-challenge", "TXT", "60", "a-rather-long-validation-value-of-43-characters"])
        return table
    }

    @Test func tablesAlignColumnsWithoutTrailingBlanks() {
        #expect(
            Self.sample().render() == """
                HOST             TYPE  TTL  VALUE
                www              A     300  192.0.2.10
                _acme-challenge  TXT    60  a-rather-long-validation-value-of-43-characters

                """)
    }

    @Test func tablesAreCutOnlyWhenAWidthIsGiven() {
        let narrow = Self.sample().render(maxWidth: 50)
        #expect(narrow.split(separator: "\n").allSatisfy { $0.count <= 50 })
        #expect(narrow.contains("…"))
        #expect(!Self.sample().render().contains("…"))
    }

    @Test func coloredCellsKeepTheColumnsAligned() {
        var table = TextTable(headers: ["HOST", "TTL", "STATE"], alignments: [.left, .right])
        table.append(["www", "300", "ok"], styles: [TextTable.CellStyle(.cyan), TextTable.CellStyle(.yellow), TextTable.CellStyle(.green)])
        table.append(["mail", "60", "down"], styles: [nil, nil, TextTable.CellStyle(.red, bold: true)])
        #expect(table.render() == "HOST  TTL  STATE\nwww   300  ok\nmail   60  down\n")
        #expect(
            table.render(color: true) == "HOST  TTL  STATE\n\u{1B}[36mwww\u{1B}[0m   \u{1B}[33m300\u{1B}[0m  \u{1B}[32mok\u{1B}[0m\n"
                + "mail   60  \u{1B}[1;31mdown\u{1B}[0m\n")
        #expect(table.lines() == ["HOST  TTL  STATE", "www   300  ok", "mail   60  down"])
    }

    @Test func contextWidthIsUnlimitedWhenStdoutIsNotATerminal() {
        var context = Context(stdout: BufferWriter(), stderr: BufferWriter(), environment: ["COLUMNS": "60"])
        #expect(context.outputWidth == nil)
        context.terminal = TerminalInfo(stdoutIsTerminal: true)
        #expect(context.outputWidth == 60)
        context.terminal = TerminalInfo(stdoutIsTerminal: true, width: 132)
        #expect(context.outputWidth == 132)
    }

    struct Record: Encodable {
        let zone: String
        let host: String
        let ttl: Int
        let url: String
    }

    @Test func jsonHasSortedKeysAndEndsWithANewline() throws {
        let record = Record(zone: "example.com", host: "www", ttl: 300, url: "https://example.com/a")
        #expect(
            try JSONOutput.encode(record, style: .compact)
                == #"{"host":"www","ttl":300,"url":"https://example.com/a","zone":"example.com"}"# + "\n")
        let pretty = try JSONOutput.encode([record])
        #expect(pretty.hasPrefix("[\n"))
        #expect(pretty.hasSuffix("]\n"))
        #expect(pretty.contains(#""host" : "www""#))
    }
}
