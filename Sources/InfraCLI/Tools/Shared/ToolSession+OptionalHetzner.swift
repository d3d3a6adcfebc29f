import InfraKit

/// For commands that use a Hetzner API only when its credentials are set (discover, DNS templates).
extension ToolSession {
    /// ``hetznerCloud(adjust:)``, or nil when neither `HCLOUD_TOKEN` nor `HCLOUD_TOKEN_FILE` is set.
    func hetznerCloudIfConfigured() throws -> HetznerCloudClient? {
        HetznerCloudCredentials.isConfigured(in: context.environment) ? try hetznerCloud() : nil
    }

    /// ``hetznerRobot(adjust:)``, or nil when none of the Robot credential variables is set (one of
    /// the two without the other is still an error).
    func hetznerRobotIfConfigured() throws -> HetznerRobotClient? {
        HetznerRobotCredentials.source.isConfigured(in: context.environment) ? try hetznerRobot() : nil
    }
}
