import Foundation
import InfraKit

/// `infra-monitor`: works out what to check, reads every open alert through gh, prints the
/// findings and the coverage, and exits as `--fail-on` and the coverage say.
enum MonitorCommand {
    static let handler: CommandHandler = { invocation, context in
        try await run(invocation, context, runner: nil)
    }

    /// `runner` replaces gh in tests; nil runs the real one.
    static func run(_ invocation: Invocation, _ context: Context, runner: (any GHRunner)?) async throws -> ExitStatus {
        let options = try MonitorOptions(invocation)
        let session = ToolSession(invocation, context)
        let scopes = try await MonitorSources.scopes(options, session)
        let runner = runner ?? session.gh(timeout: options.timeout)
        let console = session.console
        console.trace(
            "reading \(options.kinds.map(\.rawValue).joined(separator: ", ")) alerts of "
                + "\(scopes.map(\.description).joined(separator: ", ")), \(options.jobs) gh runs at once")

        let report: AlertReport
        do {
            report = try await AlertScan.run(
                scopes: scopes, kinds: options.kinds, runner: runner, settings: AlertScan.Settings(jobs: options.jobs),
                notice: { console.note($0) }, trace: console.traceSink)
        } catch {
            throw MonitorError(error)
        }
        console.trace("\(report.ghRuns) gh run\(report.ghRuns == 1 ? "" : "s")")

        let shown = report.findings.filter { $0.severity >= options.minimumSeverity }
        let output = MonitorOutput(
            findings: shown, coverage: report.coverage, kinds: options.kinds, hidden: report.findings.count - shown.count,
            now: Date())
        switch options.format {
        case .table: context.stdout.write(output.table(maxWidth: context.outputWidth))
        case .json: try session.printJSON(output.json)
        case .csv: context.stdout.write(output.csv)
        }

        var refusedOrganizations: [String] = []
        for entry in report.coverage where entry.status == .noAccess {
            if case .organization(let login) = entry.scope, !refusedOrganizations.contains(login) { refusedOrganizations.append(login) }
        }
        for login in refusedOrganizations {
            console.note(
                "the organization-level alert lists of \(login) need an owner or security manager of it; "
                    + "name its repositories with --repo or --repos-file instead")
        }
        let unread = report.coverage.filter { $0.status == .error }
        if !unread.isEmpty {
            console.error(
                "\(unread.count) alert list\(unread.count == 1 ? "" : "s") could not be read: "
                    + unread.map { "\($0.scope.name) \($0.kind.rawValue)" }.joined(separator: ", "))
        }
        if let failOn = options.failOn, report.findings.contains(where: { $0.severity >= failOn }) {
            return .failure
        }
        if !unread.isEmpty { return .temporaryFailure }
        return .success
    }
}

/// Why no alert list could be read at all.
struct MonitorError: ClassifiedError {
    let cause: AlertScanError

    init(_ cause: AlertScanError) { self.cause = cause }

    var exitStatus: ExitStatus {
        switch cause {
        case .ghMissing, .notLoggedIn: .unavailable
        case .cancelled: .temporaryFailure
        }
    }

    var message: String {
        switch cause {
        case .ghMissing(let detail):
            "gh, the GitHub CLI, is needed and cannot be run (\(detail)); install it (apt-get install gh, or see "
                + "https://cli.github.com) and log in with gh auth login"
        case .notLoggedIn(let detail):
            "gh is not logged in to GitHub (\(detail)); run gh auth login, or set GH_TOKEN "
                + "(GH_ENTERPRISE_TOKEN for a GitHub Enterprise host)"
        case .cancelled:
            "stopped before every alert list was read"
        }
    }
}
