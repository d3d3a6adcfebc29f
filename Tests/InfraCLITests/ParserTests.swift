@testable import InfraCLI
import Testing

@Suite("Command-line parser")
struct ParserTests {
    static func tool(_ name: String) -> ToolSpec {
        InfraTools.all.first { $0.name == name }!
    }

    static let accepted: [(String, [String], String)] = [
        ("infra-dns", ["zones"], "zones [] ()"),
        ("infra-dns", ["set", "www", "A", "192.0.2.1", "--zone", "example.com"], "set [zone=example.com] (www A 192.0.2.1)"),
        ("infra-dns", ["set", "--zone=example.com", "www", "A", "192.0.2.1"], "set [zone=example.com] (www A 192.0.2.1)"),
        ("infra-dns", ["set", "-z", "example.com", "www", "A", "192.0.2.1"], "set [zone=example.com] (www A 192.0.2.1)"),
        ("infra-dns", ["set", "-zexample.com", "www", "A", "192.0.2.1"], "set [zone=example.com] (www A 192.0.2.1)"),
        ("infra-dns", ["--config", "x.yaml", "--json", "set", "www", "A", "1"], "set [config=x.yaml json] (www A 1)"),
        ("infra-dns", ["--credentials", "c", "list"], "list [credentials=c] ()"),
        ("infra-dns", ["list", "example.com", "--credentials=c", "-t", "MX"], "list [credentials=c type=MX] (example.com)"),
        ("infra-dns", ["delete", "www", "TXT", "--", "-starts-with-dash"], "delete [] (www TXT -starts-with-dash)"),
        ("infra-dns", ["set", "www", "A", "1", "--ttl", "60", "--ttl", "120"], "set [ttl=60 ttl=120] (www A 1)"),
        ("infra-dns", ["apply", "-y", "--prune", "--color", "never"], "apply [color=never prune yes] ()"),
        ("infra-dns", ["--help"], "help"),
        ("infra-dns", ["-h"], "help"),
        ("infra-dns", ["help"], "help"),
        ("infra-dns", ["help", "set"], "help set"),
        ("infra-dns", ["set", "--help"], "help set"),
        ("infra-dns", ["set", "--bogus", "--help"], "help set"),
        ("infra-dns", ["--version"], "version"),
        ("infra-status", [], " [] ()"),
        ("infra-status", ["--host", "a", "--host", "b", "--role", "r", "-vq"], " [host=a host=b quiet role=r verbose] ()"),
        ("infra-status", ["--format", "prometheus", "-o", "/tmp/x.prom"], " [format=prometheus output=/tmp/x.prom] ()"),
        ("infra-ssh", ["web1"], " [] (web1)"),
        ("infra-ssh", ["web1", "--", "ls", "-la"], " [] (web1 ls -la)"),
        ("infra-ssh", ["--print", "web1"], " [print=web1] ()"),
        ("infra-ssh", ["help"], " [] (help)"),
        ("infra-monitor", ["--repo", "a/b", "--kind", "dependabot", "--kind", "code-scanning"], " [kind=dependabot kind=code-scanning repo=a/b] ()"),
        ("acme-cloudns-hook", [], " [] ()"),
        ("acme-cloudns-hook", ["present", "_acme-challenge.example.com.", "-value-with-dash"], "present [] (_acme-challenge.example.com. -value-with-dash)"),
        ("acme-cloudns-hook", ["present", "--", "example.com", "tok", "key"], "present [] (-- example.com tok key)"),
        ("acme-cloudns-hook", ["cleanup", "--", "example.com", "tok", "key"], "cleanup [] (-- example.com tok key)"),
        ("acme-cloudns-hook", ["deploy_challenge", "a.org", "t1", "v1", "b.org", "t2", "v2"], "deploy_challenge [] (a.org t1 v1 b.org t2 v2)"),
        ("acme-cloudns-hook", ["deploy_cert", "a.org", "/k", "/c", "/f", "/ch", "1"], " [] (deploy_cert a.org /k /c /f /ch 1)"),
        ("acme-cloudns-hook", ["this_hookscript_is_broken__dehydrated_is_working_fine__please_ignore_unknown_hooks_in_your_script"], " [] (this_hookscript_is_broken__dehydrated_is_working_fine__please_ignore_unknown_hooks_in_your_script)"),
        ("acme-cloudns-hook", ["exit_hook", "--some error"], " [] (exit_hook --some error)"),
        ("acme-cloudns-hook", ["--verbose", "check"], "check [verbose] ()"),
        ("acme-cloudns-hook", ["present", "--help"], "help present"),
        ("infra-setup", ["--dry-run", "--step", "dns"], " [dry-run step=dns] ()"),
        ("infra-setup", ["run", "-n", "--yes"], "run [dry-run yes] ()"),
        ("infra-setup", ["--json", "discover"], "discover [json] ()"),
        ("infra-setup", ["snapshot", "app1", "--description", "x"], "snapshot [description=x] (app1)"),
    ]

    @Test("accepted command lines", arguments: accepted)
    func accepts(tool: String, arguments: [String], expected: String) throws {
        let outcome = try CommandLineParser(spec: Self.tool(tool)).parse(arguments)
        #expect(summary(outcome) == expected)
    }

    static let rejected: [(String, [String], String)] = [
        ("infra-dns", ["set", "--zoen", "x"], "unknown option '--zoen'; did you mean '--zone'?"),
        ("infra-dns", ["apply", "--prunee"], "unknown option '--prunee'; did you mean '--prune'?"),
        ("infra-dns", ["--zone", "x", "set"], "unknown option '--zone'"),
        ("infra-dns", ["lst"], "unknown command 'lst'; did you mean 'list'?"),
        ("infra-dns", ["frobnicate"], "unknown command 'frobnicate'"),
        ("infra-dns", [], "missing command (one of: zones, list, set, delete, plan, apply, export)"),
        ("infra-dns", ["set", "www", "A"], "missing argument VALUE"),
        ("infra-dns", ["export"], "missing argument ZONE"),
        ("infra-dns", ["set", "www", "A", "1", "extra"], "unexpected argument 'extra'"),
        ("infra-dns", ["zones", "extra"], "unexpected argument 'extra'"),
        ("infra-dns", ["set", "www", "A", "1", "--ttl"], "option '--ttl' needs a value (SECONDS)"),
        ("infra-dns", ["set", "www", "A", "1", "-z"], "option '-z' needs a value (ZONE)"),
        ("infra-dns", ["--color", "sometimes", "zones"], "invalid value 'sometimes' for '--color' (expected auto, always or never)"),
        ("infra-dns", ["plan", "--exit-code=yes"], "option '--exit-code' takes no value"),
        ("infra-dns", ["help", "nosuch"], "unknown command 'nosuch'"),
        ("infra-status", ["-x"], "unknown option '-x'"),
        ("infra-status", ["extra"], "unexpected argument 'extra'"),
        ("infra-status", ["--format", "xml"], "invalid value 'xml' for '--format' (expected table, json or prometheus)"),
        ("infra-monitor", ["--severity", "urgent"], "invalid value 'urgent' for '--severity' (expected critical, high, medium or low)"),
        ("infra-monitor", ["--kind", "dependabot", "--kind", "issues"], "invalid value 'issues' for '--kind' (expected code-scanning, dependabot or secret-scanning)"),
        ("acme-cloudns-hook", ["--bogus"], "unknown option '--bogus'"),
        ("acme-cloudns-hook", ["check", "extra"], "unexpected argument 'extra'"),
        ("infra-setup", ["--step", "certs"], "invalid value 'certs' for '--step' (expected all, discover, lb or dns)"),
        ("infra-setup", ["discover", "--dry-run"], "unknown option '--dry-run'"),
        ("infra-setup", ["--yes", "snapshot", "app1"], "unknown option '--yes'"),
    ]

    @Test("rejected command lines name what was wrong", arguments: rejected)
    func rejects(tool: String, arguments: [String], message: String) {
        #expect(throws: UsageError.self) { try CommandLineParser(spec: Self.tool(tool)).parse(arguments) }
        do {
            _ = try CommandLineParser(spec: Self.tool(tool)).parse(arguments)
        } catch {
            #expect(error.message == message)
            #expect(error.exitStatus.rawValue == 64)
        }
    }

    @Test func optionValuesDecodeWithDefaults() throws {
        guard case .run(let invocation) = try CommandLineParser(spec: DNSTool.spec).parse(["set", "www", "A", "1"]) else {
            Issue.record("expected a run")
            return
        }
        #expect(try invocation[DNSTool.Options.ttl] == 300)
        #expect(try invocation[DNSTool.Options.zone] == nil)
        #expect(try invocation[DNSTool.Options.replace] == false)
        #expect(invocation.argument("HOST") == "www")
        #expect(invocation.argument("VALUE") == "1")
        #expect(invocation.global == GlobalOptions())
    }

    @Test func globalOptionsDecode() throws {
        let arguments = ["--config", "/etc/infra.yaml", "--json", "--color=always", "-v", "zones"]
        guard case .run(let invocation) = try CommandLineParser(spec: DNSTool.spec).parse(arguments) else {
            Issue.record("expected a run")
            return
        }
        #expect(invocation.global == GlobalOptions(configPath: "/etc/infra.yaml", json: true, color: .always, verbose: true))
    }

    @Test func repeatingArgumentTakesTheRest() throws {
        guard case .run(let invocation) = try CommandLineParser(spec: SSHTool.spec).parse(["db1", "--", "sh", "-c", "echo hi"]) else {
            Issue.record("expected a run")
            return
        }
        #expect(invocation.argument("HOST") == "db1")
        #expect(invocation.arguments(named: "COMMAND") == ["sh", "-c", "echo hi"])
    }

    @Test func wholeNumbersAreChecked() throws {
        guard case .run(let invocation) = try CommandLineParser(spec: DNSTool.spec).parse(["set", "www", "A", "1", "--ttl", "soon"]) else {
            Issue.record("expected a run")
            return
        }
        #expect(throws: UsageError(.notAnInteger(option: "--ttl", value: "soon"), commandPath: ["set"])) {
            try invocation[DNSTool.Options.ttl]
        }
    }
}
