/// The load balancer section of a fleet report: each target's health per listen port, or why the
/// API could not tell.
public struct LoadBalancerHealthReport: Sendable, Codable, Equatable {
    public struct Target: Sendable, Codable, Equatable {
        public struct Port: Sendable, Codable, Equatable {
            public var listenPort: Int
            /// `healthy`, `unhealthy` or `unknown`.
            public var status: String

            public init(listenPort: Int, status: String) {
                self.listenPort = listenPort
                self.status = status
            }

            enum CodingKeys: String, CodingKey {
                case status
                case listenPort = "listen_port"
            }
        }

        /// The server's name, or the IP.
        public var name: String
        public var type: String
        public var ports: [Port]

        public init(name: String, type: String, ports: [Port]) {
            self.name = name
            self.type = type
            self.ports = ports
        }

        public var isHealthy: Bool { !ports.isEmpty && ports.allSatisfy { $0.status == "healthy" } }
    }

    public var name: String
    public var targets: [Target]
    /// Why the health could not be read (the API failed, the token was refused, …).
    public var error: String?

    public init(name: String, targets: [Target] = [], error: String? = nil) {
        self.name = name
        self.targets = targets
        self.error = error
    }

    /// From what `infra-lb status` reads.
    public init(_ status: LoadBalancerStatus) {
        name = status.loadBalancer.name
        targets = status.targets.map { target in
            Target(
                name: target.name, type: target.type,
                ports: target.ports.map { Target.Port(listenPort: $0.listenPort, status: $0.status) })
        }
        error = nil
    }

    /// One check per target (`lb-prod/app1`), up when healthy on every port; one unknown check
    /// when the health could not be read.
    public var checks: [CheckResult] {
        if let error { return [CheckResult(name: "lb/\(name)", state: .unknown, detail: error)] }
        return targets.map { target in
            let detail = target.ports.isEmpty
                ? "no health reported" : target.ports.map { "\($0.listenPort) \($0.status)" }.joined(separator: ", ")
            return CheckResult(name: "lb/\(name)/\(target.name)", state: target.isHealthy ? .up : .down, detail: detail)
        }
    }
}
