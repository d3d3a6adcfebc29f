import InfraKit

/// The Hetzner clients, built like every provider client of the session: one User-Agent, the
/// extra CA bundle, `--verbose` traces and notices on the console.
extension ToolSession {
    /// A Hetzner Cloud client from `HCLOUD_TOKEN` (or `HCLOUD_TOKEN_FILE`) and `HCLOUD_ENDPOINT`;
    /// `adjust` may change the options after the session has set its own.
    func hetznerCloud(
        adjust: (inout HetznerCloudClient.Options) -> Void = { _ in }
    ) throws(HetznerCloudError) -> HetznerCloudClient {
        var options = try HetznerCloudCredentials.options(environment: context.environment, userAgent: userAgent)
        let console = console
        options.extraCABundlePath = extraCABundlePath
        options.trace = console.verbose ? console.traceSink : nil
        options.notice = { console.note($0) }
        adjust(&options)
        return try HetznerCloudClient(options: options)
    }

    /// A Hetzner Robot client from `HETZNER_ROBOT_USER`, `HETZNER_ROBOT_PASSWORD` (each also as
    /// `_FILE`) and `HETZNER_ROBOT_URL`.
    func hetznerRobot(
        adjust: (inout HetznerRobotClient.Options) -> Void = { _ in }
    ) throws(HetznerRobotError) -> HetznerRobotClient {
        var options = try HetznerRobotCredentials.options(environment: context.environment, userAgent: userAgent)
        let console = console
        options.extraCABundlePath = extraCABundlePath
        options.trace = console.verbose ? console.traceSink : nil
        adjust(&options)
        return try HetznerRobotClient(options: options)
    }
}
