/// The hook's knobs, from the environment (ACME clients pass theirs on to the hook).
public struct ACMEHookSettings: Sendable, Hashable {
    static let defaultTTL = 60
    static let defaultPropagationTimeout = 180
    static let defaultPollInterval = 1

    public enum Variable {
        public static let ttl = EnvironmentVariable(
            "ACME_CLOUDNS_TTL", "TTL of the TXT records in seconds (default: \(defaultTTL)).")
        public static let propagationTimeout = EnvironmentVariable(
            "ACME_CLOUDNS_PROPAGATION_TIMEOUT",
            "Seconds to wait for the record to be served before failing (default: \(defaultPropagationTimeout)).")
        public static let pollInterval = EnvironmentVariable(
            "ACME_CLOUDNS_POLL_INTERVAL",
            "Seconds between CloudNS update-status polls; DNS checks start faster and slow down to it (default: \(defaultPollInterval)).")
        public static let dnsServers = EnvironmentVariable(
            "ACME_CLOUDNS_DNS_SERVERS",
            "Comma-separated host:port list of DNS servers to check (and to ask about CNAMEs) instead of the zone's authoritative ones.")
        public static let verbose = EnvironmentVariable(
            "ACME_CLOUDNS_VERBOSE", "Set to 1 for --verbose output where the client cannot pass options (lego, dehydrated).")

        public static let all = [ttl, propagationTimeout, pollInterval, dnsServers, verbose]
    }

    /// TTL of the TXT records, already one CloudNS accepts.
    public var ttl = defaultTTL
    /// The TTL asked for, when it had to be rounded up to ``ttl``.
    public var requestedTTL: Int?
    /// How long `present` may wait for the record to be served, API polls and DNS checks together.
    public var propagationTimeout: Duration = .seconds(defaultPropagationTimeout)
    /// Pause between `update-status` polls; DNS checks start faster and slow down to it.
    public var pollInterval: Duration = .seconds(defaultPollInterval)
    /// Servers to check instead of the zone's authoritative ones (and to ask about CNAMEs).
    public var dnsServers: [DNSServerAddress]?
    /// `--verbose` without a command-line flag (lego and dehydrated cannot pass one).
    public var verbose = false

    public init() {}

    /// Reads the variables; empty ones count as unset. A value that cannot be read is a
    /// configuration error (78) naming the variable.
    public static func fromEnvironment(_ environment: [String: String]) throws(ACMEHookConfigurationError) -> Self {
        func value(_ variable: EnvironmentVariable) -> String? {
            environment[variable.name].map(\.trimmingBlanks).flatMap { $0.isEmpty ? nil : $0 }
        }
        var settings = ACMEHookSettings()
        if let text = value(Variable.ttl) {
            guard let ttl = Int(text), ttl > 0 else {
                throw ACMEHookConfigurationError("\(Variable.ttl.name): expected a whole number of seconds, got '\(text)'")
            }
            settings.ttl = CloudNSTTL.accepted(atLeast: ttl)
            if settings.ttl != ttl { settings.requestedTTL = ttl }
        }
        if let text = value(Variable.propagationTimeout) {
            settings.propagationTimeout = try seconds(text, variable: Variable.propagationTimeout.name)
        }
        if let text = value(Variable.pollInterval) {
            settings.pollInterval = try seconds(text, variable: Variable.pollInterval.name)
        }
        if let text = value(Variable.dnsServers) {
            do {
                settings.dnsServers = try DNSServerAddress.list(parsing: text)
            } catch {
                throw ACMEHookConfigurationError("\(Variable.dnsServers.name): \(error.message)")
            }
        }
        if let text = value(Variable.verbose) {
            settings.verbose = !["0", "no", "false", "off"].contains(text.lowercased())
        }
        return settings
    }

    /// Seconds, possibly with a fraction (`0.5`), above zero and at most a day.
    private static func seconds(_ text: String, variable: String) throws(ACMEHookConfigurationError) -> Duration {
        guard let number = Double(text), number.isFinite, number > 0, number <= 86_400 else {
            throw ACMEHookConfigurationError("\(variable): expected seconds above 0 (such as 180 or 0.5), got '\(text)'")
        }
        return .milliseconds(Int64((number * 1000).rounded(.up)))
    }
}

/// A hook setting that cannot be used: exit 78.
public struct ACMEHookConfigurationError: ClassifiedError, Sendable, Hashable, CustomStringConvertible {
    public let message: String
    public var exitStatus: ExitStatus { .configuration }
    public var description: String { message }
    public init(_ message: String) { self.message = message }
}
