import InfraKit

/// `infra-monitor`: GitHub security findings across repositories, through the gh CLI.
public enum MonitorTool {
    public static let spec = ToolSpec(
        root: CommandSpec(
            "infra-monitor",
            abstract: "Gather GitHub security findings across repositories.",
            discussion: """
                Reads the open code scanning, Dependabot and secret scanning alerts of each \
                repository through gh api (your gh login, GH_HOST and enterprise hosts work as gh \
                makes them work), every page of them, several repositories at once. The repositories \
                are those named with --repo, --repos-file and --org; else monitoring.repos and \
                monitoring.orgs of infra.yaml; else the GitHub repository of the current directory's \
                git remote (origin, or the only remote).

                Findings are grouped by repository, most severe first, then oldest first. Secret \
                scanning alerts always count as critical and are read without their secret. Code \
                scanning alerts without a security severity count as medium (error) or low (warning, \
                note); the alert's own value is kept in JSON and CSV as raw_severity.

                A repository where a kind of alert is switched off, or which the token may not read, \
                is not an error: the coverage table says so for each repository and kind (ok, \
                disabled, no access, not found, error). When GitHub asks to slow down, every gh run \
                waits as long as it says.
                """,
            options: [
                Options.repo.spec, Options.reposFile.spec, Options.org.spec, Options.kind.spec, Options.severity.spec,
                Options.failOn.spec, Options.format.spec, Options.jobs.spec, Options.timeout.spec,
            ],
            examples: [
                ExampleSpec("Show critical and high findings of one repository.", "infra-monitor --repo acme/shop --severity high"),
                ExampleSpec(
                    "Fail a CI job when an organisation has a critical finding.", "infra-monitor --org acme --fail-on critical"),
                ExampleSpec("Export the Dependabot findings of the repositories in infra.yaml.", "infra-monitor --kind dependabot --format csv > alerts.csv"),
            ],
            handler: MonitorCommand.handler),
        version: InfraTools.version,
        environment: GHCommand.Variables.all,
        files: [FileSpec("infra.yaml", "The topology; monitoring.repos and monitoring.orgs list what to check.")],
        exitStatuses: [
            ExitStatusSpec(.success, "Every alert list was read; with --fail-on, nothing at or above LEVEL."),
            ExitStatusSpec(.failure, "--fail-on: a finding is at or above LEVEL."),
            ExitStatusSpec(.usage, "The command line is wrong, or there is no repository to check."),
            ExitStatusSpec(.dataError, "The --repos-file has a line that is not OWNER/NAME."),
            ExitStatusSpec(.noInput, "The --repos-file or --config file cannot be read."),
            ExitStatusSpec(.unavailable, "gh is missing or not logged in."),
            ExitStatusSpec(
                .temporaryFailure, "Some alerts could not be read (network, server error, timeout, rate limit); see the coverage."),
            ExitStatusSpec(.configuration, "infra.yaml is invalid."),
            ExitStatusSpec(
                ExitStatus(rawValue: 130),
                "Interrupted (SIGINT; 129 for SIGHUP, 143 for SIGTERM): every gh run was ended first."),
        ],
        seeAlso: InfraTools.seeAlso(for: "infra-monitor", extra: [ManualReference("gh", section: 1)]),
        manualDate: InfraTools.manualDate,
        signalHandling: .cancelCommand)

    /// How the findings are printed.
    enum Format: String, Sendable, CaseIterable {
        case table, json, csv
    }

    /// Every option of infra-monitor, declared once; the handler reads them typed.
    enum Options {
        static let repo = Option.strings(
            "repo", short: "r", valueName: "OWNER/NAME", abstract: "Check this repository.",
            completion: .dynamic(.repository))
        static let reposFile = Option.string(
            "repos-file", valueName: "FILE",
            abstract: "Check the repositories listed in FILE, one OWNER/NAME a line, # starting a comment; - reads standard input.",
            completion: .file)
        static let org = Option.strings(
            "org", valueName: "ORG",
            abstract: "Check every repository of this organization at once, through the organization-level alert lists, which need an owner or security manager.",
            completion: .dynamic(.organization))
        static let kind = Option.strings(
            "kind", short: "k", valueName: "KIND", abstract: "Only read alerts of this kind.",
            allowedValues: AlertKind.allCases.map { AllowedValue($0.rawValue, abstract: "\($0.title) alerts") })
        static let severity = Option.choice(
            "severity", short: "s", valueName: "LEVEL", abstract: "Only show findings this severe or worse.",
            default: Severity.low)
        static let failOn = Option.string(
            "fail-on", valueName: "LEVEL", abstract: "Exit 1 when a finding is this severe or worse, whatever --severity shows.",
            allowedValues: Severity.descending.map { AllowedValue($0.rawValue) })
        static let format = Option.choice(
            "format", valueName: "FORMAT", abstract: "Output format.", default: Format.table,
            abstracts: [
                .table: "findings grouped by repository, coverage and a summary",
                .json: "the same as --json: findings, coverage and summary",
                .csv: "one line per finding, with a header line",
            ])
        static let jobs = Option.integer(
            "jobs", short: "j", valueName: "N", abstract: "gh runs at once.", default: 4, minimum: 1)
        static let timeout = Option.integer(
            "timeout", valueName: "SECONDS", abstract: "Longest one gh run (one alert list, every page) may take.",
            default: 300, minimum: 1)
    }
}
