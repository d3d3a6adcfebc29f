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
        var pipeline = SetupPipeline(session: session, clients: try SetupClients(session, steps: steps, config: loaded), steps: steps)

        let pending = try await pipeline.plan(hosts: loaded.config.hosts)
        if dryRun {
            if session.json { try session.printJSON(pipeline.ledger.json(dryRun: true)) }
            return pending == 0 ? .success : PlanConventions.changesPending
        }
        try PlanConventions.confirm(session, pending: pending, "make these \(DNSZonePlanning.count(pending, "change"))?")
        let failure = try await pipeline.apply()
        if session.json { try session.printJSON(pipeline.ledger.json(dryRun: false)) }
        return failure?.exitStatus ?? .success
    }
}

/// One run of the pipeline: the plans of its steps, then their changes.
struct SetupPipeline {
    let session: ToolSession
    let clients: SetupClients
    private(set) var ledger: SetupLedger
    private var loadBalancer: SetupLoadBalancerStep?
    private var zones: [DNSZonePlan] = []

    init(session: ToolSession, clients: SetupClients, steps: [SetupTool.Step]) {
        self.session = session
        self.clients = clients
        ledger = SetupLedger(steps: steps)
    }

    /// Runs discover and plans lb and dns, prints it all (unless `--json`), and returns how many
    /// changes are pending.
    mutating func plan(hosts: [InfraConfig.Host]) async throws -> Int {
        var output = ""
        if ledger.steps.contains(.discover) {
            let outcome = try await SetupDiscoverCommand.discover(session, hosts: hosts)
            output += "== discover\n" + SetupDiscoverCommand.render(outcome, color: session.color)
            ledger.record(.discover, .done(SetupDiscoverCommand.summary(outcome)))
            for missing in outcome.discovery.missing {
                session.console.warning("host \(missing.host) (\(missing.declaredIP)) was not found")
            }
        }
        if ledger.steps.contains(.lb), let client = clients.cloud {
            let planned = try await SetupLoadBalancerStep.plan(session, client: client)
            output += "== lb\n" + planned.render(color: session.color)
            ledger.plan(.lb, pending: planned.pending)
            loadBalancer = planned
        }
        if ledger.steps.contains(.dns), let cloudNS = clients.cloudNS {
            // A load balancer the lb step is about to create has no addresses yet.
            let addresses: DNSTemplateResolver.LoadBalancerAddresses
            if let loadBalancer {
                addresses = loadBalancer.addresses ?? .knownAfterApply
            } else {
                addresses = try await currentLoadBalancerAddresses()
            }
            zones = try await DNSZonePlanning.plans(session, client: cloudNS, prune: false, loadBalancer: addresses)
            DNSZonePlanning.explain(zones, prune: false, force: false, console: session.console)
            output += "== dns\n" + DNSZonePlanning.render(zones, color: session.color)
            ledger.plan(.dns, pending: zones.map(\.changes.count).reduce(0, +))
        }
        output += ledger.pending == 0 ? "Nothing to do.\n" : "Setup: \(ledger.pendingSummary).\n"
        if !session.json { session.context.stdout.write(output) }
        return ledger.pending
    }

    /// Makes the planned changes, lb first; returns the failure that stopped a step (after
    /// reporting it with every step's state and how to resume), or nil.
    mutating func apply() async throws -> (any ClassifiedError)? {
        if let failure = await applyLoadBalancer() { return failure }
        return try await applyDNS()
    }

    private mutating func applyLoadBalancer() async -> (any ClassifiedError)? {
        guard let planned = loadBalancer, planned.pending > 0, let client = clients.cloud else { return nil }
        let report = await planned.apply(session, client: client)
        if let error = report.error {
            ledger.failed(.lb, made: report.made.count, error: error.message)
            LoadBalancerApplyCommand.describe(report, plan: planned.plan, session, resume: failureReport)
            return error
        }
        ledger.applied(.lb, made: report.made.count)
        say("\(planned.plan.name): \(DNSZonePlanning.count(report.made.count, "change")) made")
        return nil
    }

    private mutating func applyDNS() async throws -> (any ClassifiedError)? {
        guard let cloudNS = clients.cloudNS, ledger.pending(for: .dns) > 0 || ledger.made(in: .lb) > 0 else { return nil }
        if ledger.made(in: .lb) > 0 {
            // The load balancer may be new: its addresses are known only now.
            let addresses = try await currentLoadBalancerAddresses()
            zones = try await DNSZonePlanning.plans(session, client: cloudNS, prune: false, loadBalancer: addresses)
        }
        guard !zones.flatMap(\.changes).contains(where: { DNSTemplateResolver.isKnownAfterApply($0.record.content) }) else {
            throw SetupPipelineError.addressesStillUnknown
        }
        let reports = await DNSApplyCommand.apply(zones, client: cloudNS)
        let made = reports.map(\.made.count).reduce(0, +)
        if let failure = reports.first(where: { !$0.isComplete }), let error = failure.error {
            ledger.failed(.dns, made: made, error: error.message)
            DNSApplyCommand.describe(zones, reports: reports, session, resume: failureReport)
            return error
        }
        ledger.applied(.dns, made: made)
        for report in reports { say("\(report.zone): \(DNSZonePlanning.count(report.made.count, "change")) made") }
        return nil
    }

    /// The addresses `{{.lb_ip}}` stands for, read afresh from the Cloud API (when a template needs them).
    private func currentLoadBalancerAddresses() async throws -> DNSTemplateResolver.LoadBalancerAddresses {
        let loaded = try session.config()
        return try await session.loadBalancerAddresses(for: DNSTemplateResolver(config: loaded.config, file: loaded.path))
    }

    private var failureReport: String { ledger.failureReport(tool: session.invocation.toolName) }

    private func say(_ line: String) {
        if !session.json { session.context.stdout.write(line + "\n") }
    }
}

/// The clients the lb and dns steps need, built before the first API call so that a missing
/// credential (or a template needing one) stops the run with 78 before anything is read. (The
/// discover step, which runs first, checks its own.)
struct SetupClients {
    var cloud: HetznerCloudClient?
    var cloudNS: CloudNSClient?

    init(_ session: ToolSession, steps: [SetupTool.Step], config: LoadedConfig) throws {
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
