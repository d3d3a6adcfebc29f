import InfraKit

/// `infra-monitor`: GitHub security findings across repositories, through the gh CLI.
public enum MonitorTool {
    public static let spec = ToolSpec(
        root: CommandSpec(
            "infra-monitor",
            abstract: "Gather GitHub security findings across repositories.",
            discussion: """
                Collects code scanning, Dependabot and secret scanning alerts through the gh \
                command, sorted by severity, most severe first. Secret scanning alerts always \
                count as critical.
                """,
            options: [
                .value(
                    "repo", short: "r", valueName: "OWNER/NAME", abstract: "Check this repository.",
                    completion: .dynamic(.repository), repeatable: true),
                .value(
                    "severity", short: "s", valueName: "LEVEL", abstract: "Only findings this severe or worse.",
                    allowedValues: ["critical", "high", "medium", "low"]),
                .value(
                    "kind", short: "k", valueName: "KIND", abstract: "Only findings of this kind.",
                    allowedValues: ["code-scanning", "dependabot", "secret-scanning"], repeatable: true),
            ],
            examples: [
                ExampleSpec("Show critical and high findings of one repository.", "infra-monitor --repo acme/shop --severity high"),
            ],
            handler: InfraTools.notImplemented("infra-monitor")),
        version: InfraTools.version,
        environment: [
            EnvironmentSpec("GH_TOKEN", "Token gh uses instead of its stored login."),
            EnvironmentSpec("GH_HOST", "GitHub host gh talks to."),
        ],
        files: [FileSpec("infra.yaml", "The topology; may list the repositories to check.")],
        exitStatuses: [
            ExitStatusSpec(.success, "No findings at or above the severity asked for."),
            ExitStatusSpec(.failure, "Findings were reported."),
            ExitStatusSpec(.usage, "The command line is wrong."),
            ExitStatusSpec(.unavailable, "gh is missing or GitHub could not be reached."),
            ExitStatusSpec(.noPermission, "gh is not logged in or lacks access to a repository."),
            ExitStatusSpec(.configuration, "infra.yaml is invalid."),
        ],
        seeAlso: InfraTools.seeAlso(for: "infra-monitor", extra: [ManualReference("gh", section: 1)]),
        manualDate: InfraTools.manualDate)
}
