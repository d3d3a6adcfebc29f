import InfraKit

/// `infra-lb`: the Hetzner Cloud load balancer declared in infra.yaml.
public enum LoadBalancerTool {
    public static let spec = ToolSpec(
        root: CommandSpec(
            "infra-lb",
            abstract: "Show and create the Hetzner Cloud load balancer of infra.yaml.",
            discussion: """
                status shows a load balancer with the health of each target; create makes the \
                load balancer that the load_balancer section of infra.yaml declares.
                """,
            subcommands: [status, create],
            examples: [ExampleSpec("Show the health of every target.", "infra-lb status")]),
        version: InfraTools.version,
        environment: [
            EnvironmentSpec("HCLOUD_TOKEN", "Hetzner Cloud API token."),
            EnvironmentSpec("HCLOUD_TOKEN_FILE", "Read HCLOUD_TOKEN from this file."),
            EnvironmentSpec("HCLOUD_API_URL", "API endpoint (default: https://api.hetzner.cloud/v1)."),
        ],
        files: [FileSpec("infra.yaml", "The topology; load_balancer declares the load balancer.")],
        exitStatuses: [
            ExitStatusSpec(.success, "Success."),
            ExitStatusSpec(.failure, "The operation failed, or a target is unhealthy."),
            ExitStatusSpec(.usage, "The command line is wrong."),
            ExitStatusSpec(.dataError, "No load balancer of that name exists."),
            ExitStatusSpec(.unavailable, "The Hetzner Cloud API could not be reached or kept failing."),
            ExitStatusSpec(.temporaryFailure, "The API asked to slow down or timed out; try again later."),
            ExitStatusSpec(.noPermission, "The API refused the token."),
            ExitStatusSpec(.configuration, "The token or infra.yaml is missing or invalid."),
        ],
        seeAlso: InfraTools.seeAlso(for: "infra-lb"),
        manualDate: InfraTools.manualDate)

    static let status = CommandSpec(
        "status", abstract: "Show a load balancer and the health of its targets.",
        arguments: [
            ArgumentSpec(
                "NAME", abstract: "The load balancer; by default the one infra.yaml declares.",
                isOptional: true, completion: .dynamic(.loadBalancer))
        ],
        handler: InfraTools.notImplemented("infra-lb status"))

    static let create = CommandSpec(
        "create", abstract: "Create the load balancer infra.yaml declares.",
        options: [.flag("dry-run", short: "n", abstract: "Show what would be created and create nothing.")],
        handler: InfraTools.notImplemented("infra-lb create"))
}
