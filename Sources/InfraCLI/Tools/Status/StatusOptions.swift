import InfraKit

/// What `infra-status` was asked to do, decoded from its command line.
struct StatusOptions: Sendable {
    /// How the report is printed.
    enum Format: String, Sendable, Hashable {
        case table, json, prometheus, nagios
    }

    /// `--host` values, in the order given.
    var hostNames: [String]
    /// `--role` values, in the order given.
    var roles: [String]
    var timeout: Duration
    /// `--known-hosts`; nil means `~/.ssh/known_hosts`.
    var knownHostsPath: String?
    var acceptNew: Bool
    var format: Format
    /// `--output`; nil means stdout.
    var outputPath: String?
    /// `--print-probe`: print the probe scripts instead of running them.
    var printProbe: Bool

    init(_ invocation: Invocation) throws(UsageError) {
        hostNames = invocation.values("host")
        roles = invocation.values("role")
        timeout = try Self.timeout(invocation)
        knownHostsPath = invocation.value("known-hosts")
        acceptNew = invocation.flag("accept-new")
        format = try Self.format(invocation)
        outputPath = invocation.value("output")
        printProbe = invocation.flag("print-probe")
    }

    /// `--timeout` in seconds, fractions allowed, more than zero.
    private static func timeout(_ invocation: Invocation) throws(UsageError) -> Duration {
        let text = invocation.value("timeout") ?? "10"
        guard let seconds = Double(text), seconds.isFinite, seconds > 0, seconds <= 86_400 else {
            throw UsageError(.invalidCombination(
                "invalid value '\(text)' for '--timeout' (expected a number of seconds, more than 0)"))
        }
        return .seconds(seconds)
    }

    /// `--nagios`, `--json` and `--format` name one format between them; two different ones are a
    /// usage error rather than a silent choice.
    private static func format(_ invocation: Invocation) throws(UsageError) -> Format {
        var chosen: [(option: String, format: Format)] = []
        if invocation.flag("format"), let word = invocation.value("format"), let format = Format(rawValue: word) {
            chosen.append(("--format \(word)", format))
        }
        if invocation.global.json { chosen.append(("--json", .json)) }
        if invocation.flag("nagios") { chosen.append(("--nagios", .nagios)) }
        guard let first = chosen.first else { return .table }
        if let clash = chosen.first(where: { $0.format != first.format }) {
            throw UsageError(.invalidCombination("\(first.option) and \(clash.option) ask for different outputs; choose one"))
        }
        return first.format
    }
}
