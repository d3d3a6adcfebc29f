/// Why a load balancer could not be planned, changed or read, apart from the API's own errors
/// (``HetznerCloudError``).
public struct LoadBalancerError: ClassifiedError, Sendable, Equatable {
    public let message: String
    public let exitStatus: ExitStatus

    public init(_ message: String, exitStatus: ExitStatus) {
        self.message = message
        self.exitStatus = exitStatus
    }

    /// infra.yaml does not say enough (78).
    public static func configuration(_ message: String) -> LoadBalancerError {
        LoadBalancerError(message, exitStatus: .configuration)
    }

    /// The project lacks something infra.yaml refers to, or holds no such load balancer (65).
    public static func missing(_ message: String) -> LoadBalancerError {
        LoadBalancerError(message, exitStatus: .dataError)
    }
}
