import Foundation
import InfraCLI
import Testing
import TestSupport

/// The built executables as a user runs them: exit status, stdout and stderr.
@Suite("Executables")
struct CLIEndToEndTests {
    @Test("--version", arguments: InfraTools.names)
    func version(tool: String) async throws {
        let result = try await ToolProcess.run(tool, ["--version"])
        #expect(result.status == 0)
        #expect(result.stdout == "\(tool) \(InfraTools.version)\n")
        #expect(result.stderr.isEmpty)
    }

    @Test("--help goes to stdout and exits 0", arguments: InfraTools.names)
    func help(tool: String) async throws {
        let result = try await ToolProcess.run(tool, ["--help"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("Usage: \(tool)"))
        #expect(result.stderr.isEmpty)
    }

    @Test func usageErrorExits64WithHintOnStderr() async throws {
        let result = try await ToolProcess.run("infra-dns", ["list", "--tpye", "A"])
        #expect(result.status == 64)
        #expect(result.stdout.isEmpty)
        #expect(
            result.stderr == """
                infra-dns: error: unknown option '--tpye'; did you mean '--type'?
                Usage: infra-dns list [options] [ZONE]
                See 'infra-dns list --help'.

                """)
    }

    @Test func missingCommandIsAUsageError() async throws {
        let result = try await ToolProcess.run("infra-lb")
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("infra-lb: error: missing command (one of: status, plan, apply, delete, cert)\n"))
    }

    @Test func commandWithoutItsConfigurationExits78() async throws {
        let result = try await ToolProcess.run("infra-lb", ["status"])
        #expect(result.status == 78)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("infra-lb: error: infra.yaml: not found in "), "\(result.stderr)")
    }

    @Test func hookIgnoresUnknownDehydratedEvents() async throws {
        let probe = "this_hookscript_is_broken__dehydrated_is_working_fine__please_ignore_unknown_hooks_in_your_script"
        let result = try await ToolProcess.run("acme-cloudns-hook", [probe])
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.isEmpty)
    }

    @Test func completionCallbackIsSilentWithoutConfiguration() async throws {
        let result = try await ToolProcess.run("infra-ssh", ["__complete", "host", "--config", "/nonexistent/infra.yaml"])
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.isEmpty)
    }

    @Test func colorIsOffWhenNotATerminal() async throws {
        let result = try await ToolProcess.run("infra-dns", ["zones"], environment: ["NO_COLOR": ""])
        #expect(!result.stderr.contains("\u{1B}["))
        let forced = try await ToolProcess.run("infra-dns", ["zones", "--color", "always"])
        #expect(forced.stderr.contains("\u{1B}[1;31merror:\u{1B}[0m"))
    }

    @Test("__docs prints the committed files", arguments: InfraTools.names)
    func docsMatchCommittedFiles(tool: String) async throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        for format in DocumentFormat.allCases {
            let result = try await ToolProcess.run(tool, ["__docs", format.rawValue])
            let committed = try String(contentsOf: root.appendingPathComponent(format.path(for: tool)), encoding: .utf8)
            #expect(result.stdout == committed, "\(format.path(for: tool)): run scripts/regenerate-docs")
        }
    }

    /// Package.swift is the one list the build, `make install` and the package use
    /// (scripts/tool-names reads it back); the specs must name the same tools in the same order.
    /// The list is read from the manifest's text: `swift package` cannot run while `swift test`
    /// holds the build folder's lock.
    @Test func theToolsAreThePackagesExecutables() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let manifest = try String(contentsOf: root.appendingPathComponent("Package.swift"), encoding: .utf8)
        let start = try #require(manifest.range(of: "let tools = ["))
        let end = try #require(manifest[start.upperBound...].firstIndex(of: "]"))
        let tools = manifest[start.upperBound..<end].split(separator: ",").map {
            $0.trimmingCharacters(in: CharacterSet(charactersIn: " \n\""))
        }.filter { !$0.isEmpty }
        #expect(tools == InfraTools.names)
        #expect(InfraTools.all.map(\.name) == InfraTools.names)
    }
}
