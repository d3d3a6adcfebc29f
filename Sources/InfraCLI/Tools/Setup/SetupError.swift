import InfraKit

/// infra-setup's own refusals.
enum SetupError: ClassifiedError {
    case robotSnapshot(String)
    case noCloudServer(String, declared: Bool)

    var exitStatus: ExitStatus {
        switch self {
        case .robotSnapshot, .noCloudServer: .dataError
        }
    }

    var message: String {
        switch self {
        case .robotSnapshot(let host):
            "\(host) is a Robot (dedicated) server, and Robot has no snapshots; back it up from the server itself"
        case .noCloudServer(let host, let declared):
            declared
                ? "no Hetzner Cloud server has the IP or the name of host \(host)"
                : "\(host) is neither a host of infra.yaml nor the name of a Hetzner Cloud server"
        }
    }
}
