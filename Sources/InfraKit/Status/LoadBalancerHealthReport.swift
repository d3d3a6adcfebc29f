/// The load balancer section of a fleet report: each target's health per listen port, or why the
/// API could not tell.
public struct LoadBalancerHealthReport: Sendable, Codable, Equatable {
    public var name: String
    public var targets: [LoadBalancerTargetHealth]
    /// Why the health could not be read (the API failed, the token was refused, …).
    public var error: String?

    public init(name: String, targets: [LoadBalancerTargetHealth] = [], error: String? = nil) {
        self.name = name
        self.targets = targets
        self.error = error
    }

    /// From what `infra-lb status` reads.
    public init(_ status: LoadBalancerStatus) {
        self.init(name: status.loadBalancer.name, targets: status.targets)
    }

    /// One check per target (`lb/lb-prod/app1`), up when healthy on every port; one unknown check
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
