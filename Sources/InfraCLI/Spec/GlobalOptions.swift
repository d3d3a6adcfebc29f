/// The options every tool of the suite accepts, decoded.
public struct GlobalOptions: Sendable, Hashable {
    /// `--config FILE`; nil means "find infra.yaml by walking up from the current directory".
    public var configPath: String?
    public var json: Bool
    public var color: ColorChoice
    public var verbose: Bool
    public var quiet: Bool

    public init(
        configPath: String? = nil, json: Bool = false, color: ColorChoice = .auto,
        verbose: Bool = false, quiet: Bool = false
    ) {
        self.configPath = configPath
        self.json = json
        self.color = color
        self.verbose = verbose
        self.quiet = quiet
    }

    /// Long names of the options the runner answers itself, before any handler runs.
    static let help = "help"
    static let version = "version"

    /// The declarations, shared by every tool's spec.
    public static let specs: [OptionSpec] = [
        .value(
            "config", valueName: "FILE",
            abstract:
                "Read the topology from FILE instead of the infra.yaml found by walking up from the current directory.",
            completion: .file(extensions: ["yaml", "yml"])),
        .flag("json", abstract: "Print results as JSON on stdout; progress goes to stderr."),
        .value(
            "color", valueName: "WHEN", abstract: "Color the output.", defaultValue: "auto",
            allowedValues: [
                AllowedValue("auto", abstract: "only when writing to a terminal, NO_COLOR unset and TERM not dumb"),
                AllowedValue("always"), AllowedValue("never"),
            ]),
        .flag("verbose", short: "v", abstract: "Trace what the tool does on stderr."),
        .flag("quiet", short: "q", abstract: "Print no warnings or notes on stderr, only errors."),
        .flag(help, short: "h", abstract: "Show help and exit."),
        .flag(version, abstract: "Show the version and exit."),
    ]
}

/// The `--color` setting.
public enum ColorChoice: String, Sendable, Hashable, CaseIterable {
    case auto, always, never
}
