import Foundation
import InfraKit

/// One executable for every tool, as the package installs it: `/usr/bin/infra` plus a link per
/// tool (`infra-dns -> infra`), so the Swift runtime and Foundation are on disk once, not once per
/// tool. The name it is called by picks the tool; `infra TOOL [ARGS…]` works too.
public enum MultiCall {
    /// The executable's own name.
    public static let name = "infra"

    /// The tool and its arguments for a command line (argv, program first), or nil when it names
    /// none of `tools`.
    public static func resolve(_ argv: [String], tools: [ToolSpec]) -> (spec: ToolSpec, arguments: [String])? {
        guard let program = argv.first else { return nil }
        let calledAs = URL(fileURLWithPath: program).lastPathComponent
        if let spec = tools.first(where: { $0.name == calledAs }) { return (spec, Array(argv.dropFirst())) }
        guard calledAs == name, argv.count > 1, let spec = tools.first(where: { $0.name == argv[1] }) else { return nil }
        return (spec, Array(argv.dropFirst(2)))
    }

    /// Runs the tool the command line names; otherwise says how to call it and exits 64.
    public static func main(tools: [ToolSpec] = InfraTools.all) -> Never {
        if let (spec, arguments) = resolve(CommandLine.arguments, tools: tools) {
            ToolRunner.main(spec, arguments: arguments)
        }
        let names = tools.map(\.name).joined(separator: ", ")
        FileDescriptorWriter.standardError.write(
            "\(name): error: call me by a tool's name (a link named \(tools.first?.name ?? "TOOL") pointing here) "
                + "or as '\(name) TOOL [ARGS...]'; the tools: \(names)\n")
        exit(ExitStatus.usage.rawValue)
    }
}
