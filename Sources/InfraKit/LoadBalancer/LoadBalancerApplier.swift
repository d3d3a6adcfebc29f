/// What an apply did: the changes made, the one that failed (with its error) and those not tried.
public struct LoadBalancerApplyReport: Sendable {
    public var made: [LoadBalancerChange] = []
    public var failed: LoadBalancerChange?
    public var error: HetznerCloudError?
    /// True when the failed request may have reached the API before the connection broke.
    public var failedChangeMayHaveBeenMade = false
    public var notAttempted: [LoadBalancerChange] = []

    public var isComplete: Bool { failed == nil }
}

/// Makes a plan's changes one after the other through the client, which waits for each change's
/// action before the next is sent (the next would otherwise meet `locked`). Stops at the first
/// failure; running apply again re-plans from what is there.
public enum LoadBalancerApplier {
    public static func apply(
        _ plan: LoadBalancerPlan, client: HetznerCloudClient, progress: (@Sendable (LoadBalancerChange) -> Void)? = nil
    ) async -> LoadBalancerApplyReport {
        var report = LoadBalancerApplyReport()
        var id = plan.existing?.id
        for (index, change) in plan.changes.enumerated() {
            do {
                if let created = try await make(change, on: id, client: client) { id = created }
                report.made.append(change)
                progress?(change)
            } catch {
                report.failed = change
                report.error = error
                // Only a request lost on the way may have been acted on; an API or action error means not.
                report.failedChangeMayHaveBeenMade = error.kind == .service
                report.notAttempted = Array(plan.changes[(index + 1)...])
                break
            }
        }
        return report
    }

    /// Makes one change; returns the new load balancer's ID for a create.
    static func make(
        _ change: LoadBalancerChange, on id: Int64?, client: HetznerCloudClient
    ) async throws(HetznerCloudError) -> Int64? {
        if case .create(let request, _, _) = change {
            return try await client.createLoadBalancer(request).id
        }
        guard let id else { return nil }
        switch change {
        case .create: break
        case .changeType(_, let type): try await client.changeType(ofLoadBalancer: id, to: type)
        case .changeAlgorithm(_, let algorithm):
            try await client.changeAlgorithm(HetznerLoadBalancerAlgorithm(type: algorithm), ofLoadBalancer: id)
        case .attachToNetwork(_, let network): try await client.attachToNetwork(loadBalancer: id, network: network)
        case .deleteService(let service): try await client.deleteService(listenPort: service.listenPort, fromLoadBalancer: id)
        case .updateService(let update, _): try await client.updateService(update, onLoadBalancer: id)
        case .addService(let service): try await client.addService(service, toLoadBalancer: id)
        case .removeTarget(let target, _):
            // Already gone is what was wanted (as Terraform treats it).
            do {
                try await client.removeTarget(target, fromLoadBalancer: id)
            } catch where error.code == "load_balancer_target_not_found" {}
        case .addTarget(let target, _):
            do {
                try await client.addTarget(target, toLoadBalancer: id)
            } catch where error.code == "target_already_defined" && error.kind == .api {}
        }
        return nil
    }
}
