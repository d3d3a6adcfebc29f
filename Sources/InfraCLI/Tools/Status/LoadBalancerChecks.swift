import InfraKit

/// The load balancer section of `infra-status`: with `HCLOUD_TOKEN` (or `HCLOUD_TOKEN_FILE`) set and a
/// `load_balancer` in infra.yaml, each target's health per listen port from the Hetzner Cloud API,
/// as `infra-lb status` reads it. It runs while the SSH probe runs, only when the whole fleet is
/// checked (no `--host` or `--role`), and within the probe's timeout. Any failure (the API down, the
/// token refused, no such load balancer, the timeout) becomes the section's error: one unknown
/// check, never a crash.
enum LoadBalancerChecks {
    static func run(
        config: InfraConfig, environment: [String: String], userAgent: String, extraCABundlePath: String?,
        timeout: Duration, trace: @escaping TraceSink
    ) async -> LoadBalancerHealthReport? {
        guard let name = config.loadBalancer?.name, !name.isEmpty,
            HetznerCloudCredentials.isConfigured(in: environment)
        else { return nil }
        let client: HetznerCloudClient
        do {
            var options = try HetznerCloudCredentials.options(environment: environment, userAgent: userAgent)
            options.extraCABundlePath = extraCABundlePath
            options.requestTimeout = timeout
            options.retryPolicy = RetryPolicy(maxRetries: 1, initialBackoff: .milliseconds(200), maxBackoff: .seconds(1))
            // The console prints traces only with --verbose, as for every other tool's API calls.
            options.trace = trace
            client = try HetznerCloudClient(options: options)
        } catch {
            return LoadBalancerHealthReport(name: name, error: error.message)
        }
        trace("load balancer \(name): reading target health")
        return await withTaskGroup(of: LoadBalancerHealthReport?.self) { group in
            group.addTask {
                do {
                    return LoadBalancerHealthReport(try await LoadBalancerStatus.read(named: name, client: client))
                } catch let error as any ClassifiedError {
                    return LoadBalancerHealthReport(name: name, error: error.message)
                } catch {
                    return LoadBalancerHealthReport(name: name, error: "\(error)")
                }
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return Task.isCancelled ? nil : LoadBalancerHealthReport(name: name, error: "no answer within \(timeout)")
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first ?? LoadBalancerHealthReport(name: name, error: "no answer within \(timeout)")
        }
    }
}
