import Foundation
import InfraCLI
import Testing
import TestSupport

/// The man pages as mandoc and groff see them. Needs the Debian packages mandoc and groff.
@Suite("Man pages")
struct ManPageLintTests {
    static let tools = InfraTools.all.map(\.name)

    static func page(_ tool: String) throws -> (ScratchDirectory, URL) {
        let scratch = try ScratchDirectory()
        let spec = InfraTools.all.first { $0.name == tool }!
        let file = try scratch.write("\(tool).1", DocumentFormat.man.render(spec))
        return (scratch, file)
    }

    @Test("mandoc -T lint finds nothing", arguments: tools)
    func mandocLint(tool: String) async throws {
        let (scratch, file) = try Self.page(tool)
        let result = try await ToolProcess.runProgram(
            URL(fileURLWithPath: "/usr/bin/mandoc"), ["-T", "lint", file.path], currentDirectory: scratch.url)
        // Cross references resolve only against installed pages (mandoc's database), so "not
        // found" for the suite's own, not yet installed pages says nothing about this page.
        let messages = (result.stdout + result.stderr).split(separator: "\n").filter {
            !$0.contains("STYLE: referenced manual not found") && !$0.contains("outdated mandoc.db")
        }
        #expect(messages == [])
    }

    @Test("groff -mdoc -ww -z finds nothing", arguments: tools)
    func groffWarnings(tool: String) async throws {
        let (scratch, file) = try Self.page(tool)
        let result = try await ToolProcess.runProgram(
            URL(fileURLWithPath: "/usr/bin/groff"), ["-mdoc", "-ww", "-z", file.path], currentDirectory: scratch.url)
        #expect(result.status == 0)
        #expect(result.stderr == "")
    }

    @Test func pagesHaveTheSectionsOfTheSpec() async throws {
        let (scratch, file) = try Self.page("infra-dns")
        let result = try await ToolProcess.runProgram(
            URL(fileURLWithPath: "/usr/bin/mandoc"), ["-T", "ascii", "-O", "width=200", file.path],
            environment: ["MANWIDTH": "200"], currentDirectory: scratch.url)
        let text = result.stdout.replacing(/.\u{8}/, with: "")
        for heading in ["NAME", "SYNOPSIS", "DESCRIPTION", "COMMANDS", "OPTIONS", "ENVIRONMENT", "FILES", "EXIT STATUS", "EXAMPLES", "SEE ALSO"] {
            #expect(text.contains("\n\(heading)\n"), "missing \(heading)")
        }
        #expect(text.contains("infra-dns set [-z ZONE] [--ttl SECONDS] [--replace] HOST TYPE VALUE"))
        #expect(text.contains("77      CloudNS refused the credentials."))
        #expect(text.contains("CLOUDNS_AUTH_PASSWORD_FILE"))
        #expect(text.contains("acme-cloudns-hook(1), infra-lb(1)"))
    }

    @Test func escapingKeepsRoffControlCharactersInert() {
        let spec = ToolSpec(
            root: CommandSpec(
                "escape-test", abstract: "Check escaping.",
                discussion: ".starts with a dot. 'starts with a quote. A back\\slash and --double-dash, non-hyphen.",
                handler: { _, _ in .success }),
            version: "1", exitStatuses: [ExitStatusSpec(.success, "Fine.")], manualDate: "January 1, 2026")
        let page = DocumentFormat.man.render(spec)
        #expect(page.contains("\n\\&.starts with a dot.\n"))
        #expect(page.contains("\n\\&'starts with a quote.\n"))
        #expect(page.contains("A back\\eslash and \\-\\-double-dash, non-hyphen."))
    }
}
