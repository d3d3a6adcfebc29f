/// The jump gateways one fleet run needs: one per distinct chain of bastions, shared by every
/// host behind it, so that N hosts behind a bastion cost one session to it rather than N.
///
/// A longer chain is built hop by hop: the gateway for `[a, b]` reaches `b` through the gateway
/// for `[a]`, which other hosts behind `a` share too.
struct JumpRoutes: Sendable {
    private var gateways: [[JumpHost]: JumpGateway] = [:]
    /// In creation order, parents before children.
    private var order: [JumpGateway] = []

    init(for targets: [ProbeTarget]) {
        for target in targets where !target.jumps.isEmpty {
            gateway(forChain: target.jumps[...]).addClient()
        }
    }

    /// The gateway that opens `target`'s channel; nil for a host reached directly.
    func gateway(for target: ProbeTarget) -> JumpGateway? {
        gateways[target.jumps]
    }

    /// Starts every gateway's thread; each logs in to its bastion within the run's timeout.
    func start(options: ProbeOptions) {
        for gateway in order {
            gateway.start(
                timeout: options.timeout, knownHosts: options.knownHosts, agentSocket: options.agentSocket,
                trace: options.trace)
        }
    }

    /// Blocks until every gateway's thread has ended (after all their clients released them).
    func waitUntilStopped() {
        for gateway in order { gateway.waitUntilStopped() }
    }

    private mutating func gateway(forChain chain: ArraySlice<JumpHost>) -> JumpGateway {
        if let existing = gateways[Array(chain)] { return existing }
        let parent = chain.count > 1 ? gateway(forChain: chain.dropLast()) : nil
        parent?.addClient()
        let created = JumpGateway(hop: chain[chain.endIndex - 1], parent: parent)
        gateways[Array(chain)] = created
        order.append(created)
        return created
    }
}
