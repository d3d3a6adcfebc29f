import InfraKit

/// `infra-setup [run] [--dry-run] [--step STEP] [--yes]`: discover, lb, dns in one process — every
/// credential and template checked before the first API call, one plan for all steps shown up
/// front, one confirmation, then the changes step by step, stopping at the first step that fails.
enum SetupRunCommand {
    @Sendable static func run(_ invocation: Invocation, _ context: Context) async throws -> ExitStatus {
        let session = ToolSession(invocation, context)
        let dryRun = try invocation[SetupTool.Options.dryRun]
        let step = try invocation[SetupTool.Options.step]
        let loaded = try session.config()
        var steps = step.selected
        if step == .all && loaded.config.loadBalancer == nil {
            session.console.note("infra.yaml declares no load_balancer: the lb step is left out")
            steps.removeAll { $0 == .lb }
        }
        let clients = try SetupClients(session, steps: steps, config: loaded)

        var ledger = SetupLedger(steps: steps)
        var output = ""
        if steps.contains(.discover) {
            let outcome = try await SetupDiscoverCommand.discover(session, hosts: loaded.config.hosts)
            output += "== discover\n" + SetupDiscoverCommand.render(outcome, color: session.color)
            ledger.record(.discover, .done(SetupDiscoverCommand.summary(outcome)))
            for missing in outcome.discovery.missing {
                session.console.warning("host \(missing.host) (\(missing.declaredIP)) was not found")
            }
        }
        var loadBalancer: SetupLoadBalancerStep?
        if steps.contains(.lb), let client = clients.cloud {
            let planned = try await SetupLoadBalancerStep.plan(session, client: client)
            output += "== lb\n" + planned.render(color: session.color)
            ledger.plan(.lb, pending: planned.pending)
            loadBalancer = planned
        }
        var zones: [DNSZonePlan] = []
        if steps.contains(.dns), let cloudNS = clients.cloudNS {
            let addresses = try await dnsAddresses(session, loadBalancer: loadBalancer, clients: clients)
            zones = try await DNSZonePlanning.plans(session, client: cloudNS, prune: false, loadBalancer: addresses)
            DNSZonePlanning.explain(zones, prune: false, force: false, console: session.console)
            output += "== dns\n" + DNSZonePlanning.render(zones, color: session.color)
            ledger.plan(.dns, pending: zones.map(\.changes.count).reduce(0, +))
        }
        let pending = ledger.pending
        output += pending == 0 ? "Nothing to do.\n" : "Setup: \(ledger.pendingSummary).\n"
        if !session.json { context.stdout.write(output) }

        if dryRun {
            if session.json { try session.printJSON(ledger.json(dryRun: true)) }
            return pending == 0 ? .success : PlanConventions.changesPending
        }
        try PlanConventions.confirm(session, pending: pending, "make these \(DNSZonePlanning.count(pending, "change"))?")

        if let planned = loadBalancer, planned.pending > 0, let client = clients.cloud {
            let report = await planned.apply(session, client: client)
            if let error = report.error {
                ledger.failed(.lb, made: report.made.count, error: error.message)
                LoadBalancerApplyCommand.describe(report, plan: planned.plan, session, resume: ledger.failureReport(tool: invocation.toolName))
                return try finish(session, ledger, failing: error)
            }
            ledger.applied(.lb, made: report.made.count)
            if !session.json {
                context.stdout.write("\(planned.plan.name): \(DNSZonePlanning.count(report.made.count, "change")) made\n")
            }
        }
        if steps.contains(.dns), let cloudNS = clients.cloudNS, ledger.pending(for: .dns) > 0 || ledger.made(in: .lb) > 0 {
            if ledger.made(in: .lb) > 0 {
                // The load balancer may be new: its addresses are known only now.
                let addresses = try await dnsAddresses(session, loadBalancer: nil, clients: clients)
                zones = try await DNSZonePlanning.plans(session, client: cloudNS, prune: false, loadBalancer: addresses)
            }
            guard !zones.flatMap(\.changes).contains(where: { DNSTemplateResolver.isKnownAfterApply($0.record.content) }) else {
                throw SetupPipelineError.addressesStillUnknown
            }
            let reports = await DNSApplyCommand.apply(zones, client: cloudNS)
            let made = reports.map(\.made.count).reduce(0, +)
            if let failure = reports.first(where: { !$0.isComplete }), let error = failure.error {
                ledger.failed(.dns, made: made, error: error.message)
                DNSApplyCommand.describe(zones, reports: reports, session, resume: ledger.failureReport(tool: invocation.toolName))
                return try finish(session, ledger, failing: error)
            }
            ledger.applied(.dns, made: made)
            if !session.json {
                for report in reports { context.stdout.write("\(report.zone): \(DNSZonePlanning.count(report.made.count, "change")) made\n") }
            }
        }
        if session.json { try session.printJSON(ledger.json(dryRun: false)) }
        return .success
    }

    /// The addresses `{{.lb_ip}}` stands for: the load balancer's as the lb step found it, known
    /// after apply when the lb step is about to create it, else read afresh.
    private static func dnsAddresses(
        _ session: ToolSession, loadBalancer: SetupLoadBalancerStep?, clients: SetupClients
    ) async throws -> DNSTemplateResolver.LoadBalancerAddresses {
        if let loadBalancer { return loadBalancer.addresses ?? .knownAfterApply }
        let loaded = try session.config()
        return try await session.loadBalancerAddresses(for: DNSTemplateResolver(config: loaded.config, file: loaded.path))
    }

    /// After the failed step's report (which ends with ``SetupLedger/failureReport(tool:)``): the
    /// JSON, if asked for; the exit status is the failure's.
    private static func finish(_ session: ToolSession, _ ledger: SetupLedger, failing error: any ClassifiedError) throws -> ExitStatus {
        if session.json { try session.printJSON(ledger.json(dryRun: false)) }
        return error.exitStatus
    }
}

/// The clients the selected steps need, all built before the first API call so that a missing
/// credential (or a template needing one) stops the run with 78 before anything is read.
struct SetupClients {
    var cloud: HetznerCloudClient?
    var cloudNS: CloudNSClient?

    init(_ session: ToolSession, steps: [SetupTool.Step], config: LoadedConfig) throws {
        if steps.contains(.discover) {
            let robot = try session.hetznerRobotIfConfigured()
            guard HetznerCloudCredentials.isConfigured(in: session.context.environment) || robot != nil else {
                throw CredentialError(
                    "the discover step needs Hetzner Cloud or Robot credentials: set \(HetznerCloudCredentials.Variable.token.name), "
                        + "or \(HetznerRobotCredentials.Variable.user.name) and \(HetznerRobotCredentials.Variable.password.name)")
            }
        }
        if steps.contains(.lb) {
            guard config.config.loadBalancer != nil else { throw SetupPipelineError.noLoadBalancer }
            _ = try LoadBalancerNaming.declaration(session)
            cloud = try session.hetznerCloud()
        }
        if steps.contains(.dns) {
            let resolver = DNSTemplateResolver(config: config.config, file: config.path)
            try resolver.check()
            cloudNS = try session.cloudNS()
            if resolver.needsLoadBalancer && cloud == nil {
                guard let client = try session.hetznerCloudIfConfigured() else {
                    // Names the first record that needs the address, with its place in the file.
                    for zone in config.config.dns?.zones ?? [] {
                        _ = try resolver.resolve(
                            zone, loadBalancer: .unavailable("\(HetznerCloudCredentials.Variable.token.name) is not set"))
                    }
                    return
                }
                cloud = client
            }
        }
    }
}

/// Refusals of the pipeline itself.
enum SetupPipelineError: ClassifiedError {
    case noLoadBalancer
    /// A record would be written with a placeholder: a bug, never a value to send to CloudNS.
    case addressesStillUnknown

    var exitStatus: ExitStatus {
        switch self {
        case .noLoadBalancer: .configuration
        case .addressesStillUnknown: .software
        }
    }

    var message: String {
        switch self {
        case .noLoadBalancer: "the lb step needs a load_balancer section with a name in infra.yaml"
        case .addressesStillUnknown: "the load balancer's addresses are still unknown after the lb step; no record was written"
        }
    }
}
