import InfraKit

/// `infra-status`: loads infra.yaml, picks the hosts, probes them all at once over SSH and prints
/// the report.
enum StatusCommand {
    static let handler: CommandHandler = { invocation, context in
        try await run(invocation, context)
    }

    static func run(_ invocation: Invocation, _ context: Context) async throws -> ExitStatus {
        let options = try StatusOptions(invocation)
        let console = Console(invocation: invocation, context: context)
        let loaded = try ConfigLoading.load(invocation, context)
        let config = loaded.config
        let hosts = try HostSelection.hosts(
            in: config, file: loaded.path, names: options.hostNames, roles: options.roles)
        let targets = hosts.map { ProbeTarget($0, in: config) }

        if options.printProbe {
            for target in targets {
                if targets.count > 1 { context.stdout.write("# host: \(target.name)\n") }
                context.stdout.write(FleetProber.command(for: target) + "\n")
            }
            return .success
        }

        if hosts.isEmpty { console.note("\(loaded.path) lists no hosts") }

        let knownHosts = knownHostsPath(options, context)
        let trace: TraceSink? = console.verbose ? console.traceSink : nil
        let probeOptions = ProbeOptions(
            timeout: options.timeout,
            knownHosts: KnownHostsPolicy(file: KnownHostsFile(path: knownHosts), acceptNew: options.acceptNew),
            agentSocket: context.environment["SSH_AUTH_SOCK"].flatMap { $0.isEmpty ? nil : $0 },
            trace: trace, concurrency: options.jobs)
        let atOnce = min(options.jobs, targets.count)
        OpenFileLimit.raise(toAtLeast: atOnce * FleetProber.descriptorsPerHost + 64)
        console.trace(
            "probing \(targets.count) host\(targets.count == 1 ? "" : "s"), timeout \(options.timeout), "
                + "known hosts \(knownHosts)\(options.acceptNew ? " (accepting new keys)" : ""), \(atOnce) at a time")

        let wholeFleet = options.hostNames.isEmpty && options.roles.isEmpty
        async let checks = externalChecks(
            wholeFleet: wholeFleet, config: config, context: context, timeout: options.timeout, console: console)
        // The prober runs every host on a thread of its own; this task only waits for the result.
        let probed = await FleetProber.probe(targets, options: probeOptions)
        let section = await checks
        let loadBalancers = section.map { [$0] } ?? []
        let report = FleetReport(hosts: probed.hosts, checks: loadBalancers.flatMap(\.checks), loadBalancers: loadBalancers)
        return try await StatusOutput.deliver(report, options: options, invocation: invocation, context: context)
    }

    /// `--known-hosts FILE`, else `~/.ssh/known_hosts` of the HOME the tool was given.
    private static func knownHostsPath(_ options: StatusOptions, _ context: Context) -> String {
        if let path = options.knownHostsPath { return context.resolvedPath(path) }
        if let home = context.environment["HOME"], !home.isEmpty {
            return (home.hasSuffix("/") ? home : home + "/") + ".ssh/known_hosts"
        }
        return KnownHostsFile.userDefault().path
    }

    private static func externalChecks(
        wholeFleet: Bool, config: InfraConfig, context: Context, timeout: Duration, console: Console
    ) async -> LoadBalancerHealthReport? {
        guard wholeFleet else { return nil }
        return await LoadBalancerChecks.run(
            config: config, environment: context.environment,
            userAgent: APIClient.Configuration.userAgent(tool: "infra-status", version: InfraTools.version),
            extraCABundlePath: ExtraCABundle.path(fromEnvironment: context.environment), timeout: timeout,
            trace: console.traceSink)
    }
}
