/// After decoding: every name that should be a host is one, and proxy jumps do not loop.
struct HostReferenceCheck {
    let config: InfraConfig
    let state: ConfigDecodingState

    func run() throws(ConfigError) {
        let names = Set(config.hosts.map(\.name))
        for reference in state.hostReferences where !names.contains(reference.name) {
            var detail = "no host named \(ConfigNode.quoted(reference.name)) in hosts"
            if let suggestion = ClosestMatch.find(reference.name, in: config.hosts.map(\.name)) {
                detail += " (did you mean \"\(suggestion)\"?)"
            }
            throw ConfigError(.unknownHost, file: state.file, mark: reference.mark, path: reference.path, detail: detail)
        }
        try checkProxyJumpLoops()
    }

    private func checkProxyJumpLoops() throws(ConfigError) {
        let jumps = Dictionary(config.hosts.compactMap { host in host.ssh.proxyJump.map { (host.name, $0) } }) { first, _ in first }
        for host in config.hosts where host.ssh.proxyJump != nil {
            var chain = [host.name]
            var current = host.name
            while let next = jumps[current] {
                chain.append(next)
                if next == host.name {
                    let origin = state.proxyJumpMarks[host.name]
                    throw ConfigError(
                        .proxyJumpCycle, file: state.file, mark: origin?.mark, path: origin?.path ?? .root,
                        detail: "proxy jumps form a loop: " + chain.joined(separator: " → "))
                }
                // A loop further along the chain is reported from its own first host.
                if chain.dropLast().contains(next) { break }
                current = next
            }
        }
    }
}
