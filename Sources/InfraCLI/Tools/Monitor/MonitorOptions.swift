import InfraKit

/// What `infra-monitor` was asked to do, decoded from its command line.
struct MonitorOptions: Sendable {
    typealias Options = MonitorTool.Options

    /// `--repo` values, checked, in order.
    var repositories: [RepositoryName]
    /// `--repos-file`; `-` is standard input.
    var repositoriesFile: String?
    /// `--org` values, checked, in order.
    var organizations: [String]
    /// The kinds to read, in the suite's order; all of them unless `--kind` narrows it.
    var kinds: [AlertKind]
    /// `--severity`: findings below it are not shown.
    var minimumSeverity: Severity
    /// `--fail-on`.
    var failOn: Severity?
    var format: MonitorTool.Format
    var jobs: Int
    var timeout: Duration

    /// Whether the command line names anything to check (else infra.yaml or the git remote does).
    var namesSources: Bool { !repositories.isEmpty || repositoriesFile != nil || !organizations.isEmpty }

    init(_ invocation: Invocation) throws(UsageError) {
        repositories = []
        for text in try invocation[Options.repo] {
            guard let repository = RepositoryName(text) else {
                throw UsageError(.invalidCombination("--repo expects OWNER/NAME, got '\(text)'"))
            }
            if !repositories.contains(repository) { repositories.append(repository) }
        }
        repositoriesFile = try invocation[Options.reposFile]
        organizations = []
        for login in try invocation[Options.org] {
            guard RepositoryName.isValidOwner(login) else {
                throw UsageError(.invalidCombination("--org expects an organization name, got '\(login)'"))
            }
            if !organizations.contains(login) { organizations.append(login) }
        }
        let kindWords = try invocation[Options.kind]
        kinds = AlertKind.allCases.filter { kindWords.isEmpty || kindWords.contains($0.rawValue) }
        minimumSeverity = try invocation[Options.severity]
        failOn = try invocation[Options.failOn].flatMap(Severity.init(rawValue:))
        jobs = try invocation[Options.jobs]
        timeout = .seconds(try invocation[Options.timeout])
        format = try Self.format(invocation)
    }

    /// `--json` and `--format` name one format between them; two different ones are a usage error.
    private static func format(_ invocation: Invocation) throws(UsageError) -> MonitorTool.Format {
        let chosen = try invocation[Options.format]
        guard invocation.global.json else { return chosen }
        if invocation.isGiven(Options.format), chosen != .json {
            throw UsageError(.invalidCombination("--json and --format \(chosen.rawValue) ask for different outputs; choose one"))
        }
        return .json
    }
}
