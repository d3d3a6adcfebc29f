import InfraCLI
import InfraKit

/// What an in-process run of a tool printed and returned.
struct InProcessResult {
    let status: ExitStatus
    let stdout: String
    let stderr: String
}

/// Runs `spec` with `arguments` inside the test process, with captured streams.
func runInProcess(
    _ spec: ToolSpec, _ arguments: [String], environment: [String: String] = [:],
    candidates: any CompletionCandidateProvider = NoCompletionCandidates(), terminal: TerminalInfo = .none,
    stdin: String = ""
) async -> InProcessResult {
    let out = BufferWriter(), err = BufferWriter()
    let context = Context(
        stdout: out, stderr: err, stdin: StringInputReader(stdin), environment: environment,
        currentDirectory: "/tmp", terminal: terminal)
    let status = await ToolRunner(spec: spec, completionCandidates: candidates).run(arguments, context: context)
    return InProcessResult(status: status, stdout: out.text, stderr: err.text)
}

/// A compact, comparable picture of a parse: `set [zone=example.com] (www A 192.0.2.1)`, or
/// `help set`, `version`.
func summary(_ outcome: ParseOutcome) -> String {
    switch outcome {
    case .version: return "version"
    case .help(let path): return (["help"] + path).joined(separator: " ")
    case .run(let invocation):
        let options = invocation.givenOptions.map { $0.value.isEmpty ? $0.name : "\($0.name)=\($0.value)" }
        let path = invocation.commandPath.joined(separator: " ")
        return "\(path) [\(options.joined(separator: " "))] (\(invocation.arguments.joined(separator: " ")))"
    }
}
