@testable import InfraCLI
import InfraKit
import TestSupport
import Testing

private struct DeniedError: ClassifiedError {
    var exitStatus: InfraKit.ExitStatus { .noPermission }
    var message: String { "CloudNS refused the credentials for sub-user 42" }
}

private struct UnexpectedError: Error {}

/// A tool made for these tests, whose handlers do what each test needs.
private let probe = ToolSpec(
    root: CommandSpec(
        "probe", abstract: "Exercise the runner.",
        subcommands: [
            CommandSpec("ok", abstract: "Print the environment variable NAME.") { _, context in
                context.stdout.write("NAME=\(context.environment["NAME"] ?? "")\n")
                return .success
            },
            CommandSpec("fail", abstract: "Report a failed check.") { _, _ in .failure },
            CommandSpec("denied", abstract: "Throw a classified error.") { _, _ in throw DeniedError() },
            CommandSpec("crash", abstract: "Throw an unclassified error.") { _, _ in throw UnexpectedError() },
            CommandSpec(
                "combine", abstract: "Reject a combination.",
                options: [ProbeOptions.a.spec, ProbeOptions.b.spec]
            ) { invocation, _ in
                if try invocation[ProbeOptions.a] && invocation[ProbeOptions.b] {
                    throw UsageError(.invalidCombination("--a and --b exclude each other"), commandPath: invocation.commandPath)
                }
                return .success
            },
            CommandSpec("later", abstract: "Not built yet.", handler: InfraTools.notImplemented("probe later")),
            CommandSpec("warn", abstract: "Print diagnostics.") { invocation, context in
                let console = Console(invocation: invocation, context: context)
                console.warning("disk almost full")
                console.note("using defaults")
                console.trace("GET /zones 200")
                return .success
            },
        ]),
    version: "9.8.7", exitStatuses: [ExitStatusSpec(.success, "Fine.")], manualDate: "January 1, 2026")

@Suite("Runner: exit statuses and streams")
struct RunnerTests {
    @Test func usageErrorsGoToStderrWithUsageAndExit64() async {
        let result = await runInProcess(DNSTool.spec, ["set", "--zoen", "example.com", "www", "A", "1"])
        #expect(result.status == .usage)
        #expect(result.stdout.isEmpty)
        #expect(
            result.stderr == """
                infra-dns: error: unknown option '--zoen'; did you mean '--zone'?
                Usage: infra-dns set [options] HOST TYPE VALUE
                See 'infra-dns set --help'.

                """)
    }

    @Test func versionPrintsNameAndVersion() async {
        let result = await runInProcess(probe, ["--version"])
        #expect(result.status == .success)
        #expect(result.stdout == "probe 9.8.7\n")
        #expect(result.stderr.isEmpty)
    }

    @Test func unimplementedCommandsExit70() async {
        let result = await runInProcess(probe, ["later"])
        #expect(result.status == .software)
        #expect(result.stderr == "probe: error: probe later is not implemented yet\n")
    }

    @Test func handlersSeeTheInjectedContext() async {
        let result = await runInProcess(probe, ["ok"], environment: ["NAME": "value"])
        #expect(result.status == .success)
        #expect(result.stdout == "NAME=value\n")
    }

    @Test func returnedStatusIsTheExitStatus() async {
        #expect(await runInProcess(probe, ["fail"]).status == .failure)
    }

    @Test func classifiedErrorsPrintTheirMessageAndStatus() async {
        let result = await runInProcess(probe, ["denied"])
        #expect(result.status == .noPermission)
        #expect(result.stderr == "probe: error: CloudNS refused the credentials for sub-user 42\n")
        #expect(result.stdout.isEmpty)
    }

    @Test func unclassifiedErrorsExit70() async {
        let result = await runInProcess(probe, ["crash"])
        #expect(result.status == .software)
        #expect(result.stderr.hasPrefix("probe: error: internal error: "))
    }

    @Test func handlerUsageErrorsExit64WithUsage() async {
        let result = await runInProcess(probe, ["combine", "--a", "--b"])
        #expect(result.status == .usage)
        #expect(result.stderr.hasPrefix("probe: error: --a and --b exclude each other\nUsage: probe combine [options]\n"))
    }

    @Test func quietSilencesWarningsAndNotesAndVerboseAddsTraces() async {
        let normal = await runInProcess(probe, ["warn"])
        #expect(normal.stderr == "probe: warning: disk almost full\nprobe: note: using defaults\n")
        let quiet = await runInProcess(probe, ["warn", "--quiet"])
        #expect(quiet.stderr.isEmpty)
        let verbose = await runInProcess(probe, ["warn", "-v"])
        #expect(verbose.stderr.hasSuffix("probe: GET /zones 200\n"))
    }

    @Test func diagnosticsAreColoredOnlyWhenAllowed() async {
        let terminal = TerminalInfo(stdoutIsTerminal: true, stderrIsTerminal: true)
        let colored = await runInProcess(probe, ["warn"], terminal: terminal)
        #expect(colored.stderr.contains("\u{1B}[1;33mwarning:\u{1B}[0m"))
        let noColor = await runInProcess(probe, ["warn"], environment: ["NO_COLOR": "1"], terminal: terminal)
        #expect(!noColor.stderr.contains("\u{1B}["))
        let forced = await runInProcess(probe, ["warn", "--color", "always"])
        #expect(forced.stderr.contains("\u{1B}[1;33mwarning:"))
    }

    @Test func dehydratedEventsTheHookDoesNotHandleSucceedSilently() async {
        for event in [["deploy_cert", "a.org", "k", "c", "f", "ch", "1"], ["startup_hook"], ["exit_hook", "an error"]] {
            let result = await runInProcess(ACMEHookTool.spec, event)
            #expect(result.status == .success, "\(event)")
            #expect(result.stdout.isEmpty && result.stderr.isEmpty, "\(event)")
        }
    }

    @Test func docsCommandPrintsTheGeneratedFiles() async {
        for format in DocumentFormat.allCases {
            let result = await runInProcess(SSHTool.spec, ["__docs", format.rawValue])
            #expect(result.status == .success)
            #expect(result.stdout == format.render(SSHTool.spec))
        }
        #expect(await runInProcess(SSHTool.spec, ["__docs", "pdf"]).status == .usage)
    }
}

@Suite("Runner: dynamic completion")
struct DynamicCompletionTests {
    @Test func candidatesComeFromTheProviderOnePerLine() async {
        let seen = BufferWriter()
        let provider = CompletionCandidateClosure { kind, config, _ in
            seen.write("\(kind.rawValue) \(config ?? "-")\n")
            return kind == .host ? ["web1", "web2", "db1"] : []
        }
        let result = await runInProcess(SSHTool.spec, ["__complete", "host", "--config", "/srv/infra.yaml"], candidates: provider)
        #expect(result.status == .success)
        #expect(result.stdout == "web1\nweb2\ndb1\n")
        #expect(result.stderr.isEmpty)
        _ = await runInProcess(SSHTool.spec, ["__complete", "zone", "--config=/x.yaml"], candidates: provider)
        _ = await runInProcess(SSHTool.spec, ["__complete", "role"], candidates: provider)
        #expect(seen.text == "host /srv/infra.yaml\nzone /x.yaml\nrole -\n")
    }

    @Test func aFailingProviderMeansNoCandidatesAndNoNoise() async {
        struct NoConfig: Error {}
        let provider = CompletionCandidateClosure { _, _, _ in throw NoConfig() }
        let result = await runInProcess(SSHTool.spec, ["__complete", "host"], candidates: provider)
        #expect(result.status == .success)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.isEmpty)
    }

    @Test func theConfigProviderIsSilentWithoutAnInfraYAML() async {
        let result = await runInProcess(SSHTool.spec, ["__complete", "host"], candidates: InfraTools.completionCandidates)
        #expect(result.status == .success)
        #expect(result.stdout.isEmpty && result.stderr.isEmpty)
    }

    @Test(
        "the config provider offers hosts, roles, zones, repositories and organizations of infra.yaml, in file order",
        arguments: [
            ("host", "web1\ndb1\ndb2\n"), ("role", "app\ndb\n"), ("zone", "example.com\ndev.example.com\n"),
            ("repository", "acme/shop\nacme/api\n"), ("organization", "acme\n"),
        ])
    func configProviderReadsInfraYAML(kind: String, expected: String) async throws {
        let scratch = try ScratchDirectory()
        let config = try scratch.write(
            "infra.yaml",
            """
            hosts:
              web1: {ip: 192.0.2.1, role: app}
              db1: {ip: 192.0.2.2, role: db}
              db2: {ip: 192.0.2.3, role: db}
            dns:
              zones:
                example.com: {records: []}
                dev.example.com: {records: []}
            monitoring:
              repos: [acme/shop, acme/api]
              orgs: [acme]
            """)
        let result = await runInProcess(
            StatusTool.spec, ["__complete", kind, "--config", config.path], candidates: InfraTools.completionCandidates)
        #expect(result.status == .success)
        #expect(result.stdout == expected)
        #expect(result.stderr.isEmpty)
    }
}

private enum ProbeOptions {
    static let a = Option.flag("a", abstract: "A.")
    static let b = Option.flag("b", abstract: "B.")
}
