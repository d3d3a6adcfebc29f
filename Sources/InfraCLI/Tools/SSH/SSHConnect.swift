import InfraKit

/// `infra-ssh HOST [-- COMMAND…]`, `--list` and `--print HOST`.
enum SSHConnect {
    static func run(_ invocation: Invocation, _ context: Context) async throws -> ExitStatus {
        let config = try ConfigLoading.load(invocation, context).config
        if try invocation[SSHTool.Options.list] {
            try list(config, invocation, context)
            return .success
        }
        let printOnly = try invocation[SSHTool.Options.print]
        guard let name = printOnly ?? invocation.argument("HOST") else {
            throw UsageError(.missingArgument("HOST"))
        }
        let command = invocation.arguments(named: "COMMAND")
        if printOnly != nil, invocation.argument("HOST") != nil || !command.isEmpty {
            throw UsageError(.invalidCombination("--print takes the host as its value and no other arguments"))
        }
        let line: OpenSSHCommandLine
        do {
            line = try OpenSSHCommandLine.forHost(named: name, in: config, command: command)
        } catch {
            let console = Console(invocation: invocation, context: context)
            console.error(error.message)
            for entry in error.availableHosts { context.stderr.write(entry + "\n") }
            return error.exitStatus
        }
        if printOnly != nil {
            context.stdout.write(line.shellQuoted + "\n")
            return .success
        }
        Console(invocation: invocation, context: context).trace("exec " + line.shellQuoted)
        throw ProcessReplacement.exec(line.arguments)
    }

    private static func list(_ config: InfraConfig, _ invocation: Invocation, _ context: Context) throws {
        if invocation.global.json {
            context.stdout.write(try JSONOutput.encode(config.hostListings))
            return
        }
        var table = TextTable(headers: HostListing.columns)
        for row in config.hostListings { table.append(row.cells) }
        context.stdout.write(table.render(maxWidth: context.outputWidth))
    }
}
