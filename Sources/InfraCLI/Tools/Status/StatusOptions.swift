import InfraKit

/// What `infra-status` was asked to do, decoded from its command line.
struct StatusOptions: Sendable {
    /// How the report is printed.
    enum Format: String, Sendable, Hashable {
        case table, json, prometheus, nagios
    }

    /// The formats `--format` names (Nagios has an option of its own).
    enum FormatChoice: String, Sendable, Hashable, CaseIterable {
        case table, json, prometheus
    }

    /// `--host` values, in the order given.
    var hostNames: [String]
    /// `--role` values, in the order given.
    var roles: [String]
    var timeout: Duration
    /// `--jobs`: at most this many hosts probed at once.
    var jobs: Int
    /// `--known-hosts`; nil means `~/.ssh/known_hosts`.
    var knownHostsPath: String?
    var acceptNew: Bool
    var format: Format
    /// `--output`; nil means stdout.
    var outputPath: String?
    /// `--print-probe`: print the probe scripts instead of running them.
    var printProbe: Bool

    init(_ invocation: Invocation) throws(UsageError) {
        let options = StatusTool.Options.self
        hostNames = try invocation[options.host]
        roles = try invocation[options.role]
        timeout = try invocation[options.timeout]
        jobs = try invocation[options.jobs]
        knownHostsPath = try invocation[options.knownHosts]
        acceptNew = try invocation[options.acceptNew]
        format = try Self.format(invocation)
        outputPath = try invocation[options.output]
        printProbe = try invocation[options.printProbe]
    }

    /// `--nagios`, `--json` and `--format` name one format between them; two different ones are a
    /// usage error rather than a silent choice.
    private static func format(_ invocation: Invocation) throws(UsageError) -> Format {
        var chosen: [(option: String, format: Format)] = []
        if invocation.isGiven(StatusTool.Options.format) {
            let word = try invocation[StatusTool.Options.format].rawValue
            chosen.append(("--format \(word)", Format(rawValue: word) ?? .table))
        }
        if invocation.global.json { chosen.append(("--json", .json)) }
        if try invocation[StatusTool.Options.nagios] { chosen.append(("--nagios", .nagios)) }
        guard let first = chosen.first else { return .table }
        if let clash = chosen.first(where: { $0.format != first.format }) {
            throw UsageError(.invalidCombination("\(first.option) and \(clash.option) ask for different outputs; choose one"))
        }
        return first.format
    }
}
