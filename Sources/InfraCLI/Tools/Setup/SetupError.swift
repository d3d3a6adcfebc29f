import InfraKit

/// infra-setup's own refusals.
enum SetupError: ClassifiedError {
    case robotSnapshot(String)
    case noCloudServer(String, declared: Bool)
    case pipelineOptionOutsideRun(String)

    var exitStatus: ExitStatus {
        switch self {
        case .robotSnapshot, .noCloudServer: .dataError
        case .pipelineOptionOutsideRun: .usage
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
        case .pipelineOptionOutsideRun(let option):
            "\(option) belongs to the pipeline (infra-setup [run]), not to this command"
        }
    }
}

extension SetupTool {
    /// `--dry-run`, `--step` and `--yes` are the root's options, so the parser accepts them after
    /// any command; discover and snapshot refuse them rather than ignore them (a snapshot taken
    /// despite --dry-run would surprise).
    static func refusePipelineOptions(_ invocation: Invocation) throws {
        if try invocation[Options.dryRun] { throw SetupError.pipelineOptionOutsideRun("--dry-run") }
        if try invocation[PlanConventions.yes] { throw SetupError.pipelineOptionOutsideRun("--yes") }
        if try invocation[Options.step] != .all { throw SetupError.pipelineOptionOutsideRun("--step") }
    }
}
