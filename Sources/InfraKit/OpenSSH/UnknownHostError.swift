/// A host name that `infra.yaml` does not define. `infra-ssh` prints `message`, then
/// `availableHosts` (one host per line: name, IP, role), and exits 64.
public struct UnknownHostError: ClassifiedError, Sendable, Hashable {
    public struct Entry: Sendable, Hashable {
        public var name: String
        public var ip: String
        public var role: String?
    }

    public var name: String
    /// The defined host nearest to `name`, when one is a plausible typo.
    public var suggestion: String?
    /// Every host, in file order.
    public var hosts: [Entry]

    public init(name: String, config: InfraConfig) {
        self.name = name
        self.suggestion = config.closestHostName(to: name)
        self.hosts = config.hosts.map { Entry(name: $0.name, ip: $0.ip, role: $0.role) }
    }

    public var exitStatus: ExitStatus { .usage }

    /// `unknown host "web3" (did you mean "web2"?)`.
    public var message: String {
        var text = "unknown host \"\(name)\""
        if let suggestion { text += " (did you mean \"\(suggestion)\"?)" }
        if hosts.isEmpty { text += "; infra.yaml defines no hosts" }
        return text
    }

    /// `available hosts:` followed by aligned `name  ip  role` lines; empty when there are none.
    public var availableHosts: [String] {
        guard !hosts.isEmpty else { return [] }
        let nameWidth = hosts.map(\.name.count).max() ?? 0
        let ipWidth = hosts.map(\.ip.count).max() ?? 0
        return ["available hosts:"] + hosts.map { entry in
            "  \(entry.name.padding(to: nameWidth))  \(entry.ip.padding(to: ipWidth))  \(entry.role ?? "-")"
        }
    }
}

extension String {
    fileprivate func padding(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
