extension InfraConfig {
    /// The host with exactly this name (case-sensitive).
    public func host(named name: String) -> Host? {
        hosts.first { $0.name == name }
    }

    /// Hosts whose `role` is `role`, in file order.
    public func hosts(withRole role: String) -> [Host] {
        hosts.filter { $0.role == role }
    }

    /// Hosts with role `app`.
    public var appServers: [Host] { hosts(withRole: "app") }

    /// The host name nearest to a mistyped one, for "did you mean …?".
    public func closestHostName(to name: String) -> String? {
        ClosestMatch.find(name, in: hostNames)
    }

    /// The proxy-jump hosts to go through to reach `host`, farthest first (the order of `ssh -J`).
    /// Empty when the host has no `ssh.proxy_jump`. Loaded configs have no loops; a hand-built one
    /// with a loop stops at the first repeat.
    public func jumpChain(to host: Host) -> [Host] {
        var chain: [Host] = []
        var seen: Set<String> = [host.name]
        var current = host
        while let name = current.ssh.proxyJump, !seen.contains(name), let next = self.host(named: name) {
            chain.insert(next, at: 0)
            seen.insert(name)
            current = next
        }
        return chain
    }

    // MARK: Completion data

    /// Host names in file order (shell completion for a HOST argument).
    public var hostNames: [String] { hosts.map(\.name) }

    /// Distinct roles in order of first appearance.
    public var roles: [String] {
        var seen: Set<String> = []
        return hosts.compactMap(\.role).filter { seen.insert($0).inserted }
    }

    /// Zone names of `dns.zones`, in file order.
    public var dnsZoneNames: [String] { dns?.zones.map(\.name) ?? [] }
}
