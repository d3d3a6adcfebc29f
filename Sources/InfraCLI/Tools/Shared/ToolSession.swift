import InfraKit
import Synchronization

/// What every command of every tool works with: the parsed command line, the world it runs in, the
/// console for diagnostics, infra.yaml, and the provider clients — each built one way here (one
/// User-Agent, one TLS rule, traces and notices on the console, secrets known to the redactor).
struct ToolSession: Sendable {
    let invocation: Invocation
    let context: Context
    let console: Console
    /// infra.yaml once read, so that a command asking again (infra-setup's steps) neither reads
    /// the file twice nor prints its warnings twice.
    private let loadedConfig = LoadedConfigMemo()

    init(_ invocation: Invocation, _ context: Context) {
        self.invocation = invocation
        self.context = context
        console = Console(invocation: invocation, context: context)
    }

    var json: Bool { invocation.global.json }

    /// Whether stdout gets color.
    var color: Bool { context.usesColor(invocation.global.color) }

    /// `<tool>/<version>`, sent to every API.
    var userAgent: String { APIClient.Configuration.userAgent(tool: invocation.toolName, version: InfraTools.version) }

    /// `SSL_CERT_FILE` or `CURL_CA_BUNDLE`: trusted for every API on top of the system's store.
    var extraCABundlePath: String? { ExtraCABundle.path(fromEnvironment: context.environment) }

    // MARK: infra.yaml

    /// infra.yaml as ``ConfigLoading`` finds it, its warnings printed the first time.
    func config() throws(ConfigError) -> LoadedConfig {
        if let loaded = loadedConfig.value.withLock({ $0 }) { return loaded }
        let loaded = try ConfigLoading.load(invocation, context)
        loadedConfig.value.withLock { $0 = loaded }
        return loaded
    }

    /// The same, but nil when no infra.yaml was named or found; a file that exists and is wrong is
    /// still an error.
    func optionalConfig() throws(ConfigError) -> LoadedConfig? {
        do {
            return try config()
        } catch where error.kind == .notDiscovered {
            return nil
        }
    }

    // MARK: Providers

    /// A CloudNS client from `credentialsFile` (`--credentials`) or the `CLOUDNS_*` variables;
    /// `adjust` may change the options after the session has set its own.
    func cloudNS(
        credentialsFile: String? = nil, adjust: (inout CloudNSClient.Options) -> Void = { _ in }
    ) throws(CloudNSError) -> CloudNSClient {
        let console = console
        let bundle = extraCABundlePath
        return try CloudNSClient.fromEnvironment(context.environment, credentialsFile: credentialsFile, userAgent: userAgent) {
            options in
            options.extraCABundlePath = bundle
            options.trace = console.verbose ? console.traceSink : nil
            options.notice = { console.note($0) }
            adjust(&options)
        }
    }

    // MARK: Output

    /// Prints `value` as JSON on stdout.
    func printJSON(_ value: some Encodable) throws {
        context.stdout.write(try JSONOutput.encode(value))
    }

    /// Asks `question` on the terminal (`[y/N]`); anything but yes declines. Refuses to guess when
    /// standard input is not a terminal: the caller then needs `--yes`.
    func confirm(_ question: String) throws(ConfirmationError) {
        guard context.terminal.stdinIsTerminal else { throw ConfirmationError.notATerminal }
        context.stderr.write("\(invocation.toolName): \(question) [y/N] ")
        guard let answer = context.stdin.readLine()?.trimmingCharacters(in: .whitespaces).lowercased() else {
            context.stderr.write("\n")  // end of input: the question still needs its line ended
            throw ConfirmationError.declined
        }
        guard answer == "y" || answer == "yes" else { throw ConfirmationError.declined }
    }
}

/// A confirmation that did not come: nothing was changed.
enum ConfirmationError: ClassifiedError {
    case notATerminal
    case declined

    var exitStatus: ExitStatus {
        switch self {
        case .notATerminal: .usage
        case .declined: .failure
        }
    }

    var message: String {
        switch self {
        case .notATerminal:
            "standard input is not a terminal, so there is no one to ask; add --yes to make the changes shown"
        case .declined:
            "nothing was changed"
        }
    }
}

/// The session's infra.yaml once read (a class, so that copies of the session share it).
private final class LoadedConfigMemo: Sendable {
    let value = Mutex<LoadedConfig?>(nil)
}
