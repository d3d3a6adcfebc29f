import Foundation
import TestSupport

/// One run of one tool for the canary: the command it exercises, its arguments and environment,
/// the input files it is given, and what it should end with.
struct CanaryCase: Sendable, CustomStringConvertible {
    /// How the run differs from a plain successful one.
    enum Variant: String, Sendable {
        case success, json
        case variableFile = "secrets from *_FILE"
        case credentialsFile = "credentials file"
        case wrongCredentials = "wrong credentials"
        case unreachable = "API port closed"
        case serverError = "server error, retried"
        case misuse = "misuse"
    }

    var tool: String
    /// Below the root: `["cert", "deploy"]`; empty for the root command.
    var command: [String]
    /// Which calling form of the command, for messages: `certbot auth`, `--print`.
    var form: String = ""
    var variant: Variant = .success
    /// `@INPUTS@` and `@WORK@` stand for the run's input and working directories.
    var arguments: [String]
    /// Added to the world's environment (which holds every provider's right credentials);
    /// ``unset`` as a value removes the variable.
    var environment: [String: String] = [:]
    /// Files the test writes before the run (name → contents), owner-only; never scanned.
    var inputs: [String: String] = [:]
    /// The APIs the command talks to; a server error goes to the first.
    var providers: [CanaryWorld.Provider] = []
    /// What the plain run exits with; failure variants must exit otherwise than 0.
    var expectedStatuses: Set<Int32> = [0]
    /// The arguments of the `--json` run; nil for none.
    var jsonArguments: [String]? = nil
    /// Whether `--verbose` is put first; the hook's certbot and dehydrated forms get
    /// ACME_CLOUDNS_VERBOSE instead, as those clients pass no options.
    var passesVerbose = true
    /// Private keys handed to the tool: their lines are secrets too.
    var privateKeys: [String] = []
    /// Files the plain run must leave (relative to the run's directory), so the scan is known to
    /// read what the tool writes.
    var writes: [String] = []
    /// Extra world changes for this run (wrong or unreachable providers).
    var wrong: Set<CanaryWorld.Provider> = []
    var unreachable: Set<CanaryWorld.Provider> = []

    /// The value that removes a variable from the run's environment.
    static let unset = "@UNSET@"

    var commandName: String { ([tool] + command).joined(separator: " ") }

    var description: String {
        let wrongOnes = wrong.isEmpty ? "" : ": " + wrong.map(\.rawValue).sorted().joined(separator: ", ")
        return "\(commandName)\(form.isEmpty ? "" : " (\(form))") [\(variant.rawValue)\(wrongOnes)]"
    }
}

/// What a canary run left behind and where a secret showed.
struct CanaryOutcome: Sendable {
    let result: ToolResult
    let leaks: [String]
    /// Files the tool wrote (or left) in the run's directories, scanned.
    let filesScanned: [String]
}

extension CanaryCase {
    /// Runs the case in a directory of its own (HOME, TMPDIR, working directory, and on PATH a fake
    /// ssh and a gh that records its arguments) and scans stdout, stderr and every file there but
    /// the inputs for the world's secrets.
    func run(in world: CanaryWorld) async throws -> CanaryOutcome {
        let directory = try ScratchDirectory()
        let root = directory.url
        let inputsDirectory = root.appendingPathComponent("inputs"), work = root.appendingPathComponent("work")
        for name in ["home", "home/gh-config", "tmp", "work", "fakebin"] {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(name), withIntermediateDirectories: true)
        }
        var inputPaths: Set<String> = [
            try directory.write("fakebin/ssh", Self.fakeSSH, permissions: 0o755).path,
            try directory.write("fakebin/gh", Self.recordingGH, permissions: 0o755).path,
        ]
        for (name, contents) in inputs {
            inputPaths.insert(try directory.write("inputs/\(name)", contents, permissions: 0o600).path)
        }
        func expand(_ text: String) -> String {
            text.replacingOccurrences(of: "@INPUTS@", with: inputsDirectory.path).replacingOccurrences(of: "@WORK@", with: work.path)
        }
        var environment = world.environment(wrong: wrong, unreachable: unreachable)
        environment.merge([
            "HOME": root.appendingPathComponent("home").path, "TMPDIR": root.appendingPathComponent("tmp").path,
            "GH_CONFIG_DIR": root.appendingPathComponent("home/gh-config").path,
            "PATH": "\(root.appendingPathComponent("fakebin").path):\(ToolProcess.binDirectory.path):/usr/local/bin:/usr/bin:/bin",
            "CANARY_SSH_ARGV": work.appendingPathComponent("ssh-argv").path,
            "CANARY_GH_ARGV": work.appendingPathComponent("gh-argv").path,
        ]) { $1 }
        for (name, value) in self.environment {
            environment[name] = value == Self.unset ? nil : expand(value)
        }
        let argv = (passesVerbose ? ["--verbose"] : []) + arguments.map(expand)
        let result = try await ToolProcess.run(
            tool, argv, environment: environment, currentDirectory: work, timeout: .seconds(60))

        let needles = world.secrets.needles + privateKeys.flatMap(CanarySecrets.needles(forPrivateKey:))
        var leaks = CanarySecrets.leaks(of: needles, in: result.stdout).map { "stdout: \($0)" }
        leaks += CanarySecrets.leaks(of: needles, in: result.stderr).map { "stderr: \($0)" }
        var scanned: [String] = []
        for file in Self.files(under: root) where !inputPaths.contains(file) {
            scanned.append(String(file.dropFirst(root.path.count + 1)))
            let text = String(decoding: FileManager.default.contents(atPath: file) ?? Data(), as: UTF8.self)
            leaks += CanarySecrets.leaks(of: needles, in: text).map { "file \(scanned.last ?? file): \($0)" }
        }
        return CanaryOutcome(result: result, leaks: leaks, filesScanned: scanned)
    }

    /// Every regular file below `directory`, symbolic links not followed.
    static func files(under directory: URL) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: directory.path) else { return [] }
        var files: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let path = directory.appendingPathComponent(relative).path
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files.append(path)
            }
        }
        return files.sorted()
    }

    /// The ssh infra-ssh runs in place of itself: it writes the arguments it got to a file of the
    /// run (scanned like any other) and exits with CANARY_SSH_STATUS. The environment it inherits
    /// holds every secret by construction, so it is not recorded.
    static let fakeSSH = """
        #!/bin/sh
        printf '%s\\n' "$@" > "$CANARY_SSH_ARGV"
        exit "${CANARY_SSH_STATUS:-0}"

        """

    /// The real gh behind a script that first appends the arguments infra-monitor gave it to a file
    /// of the run: a token on gh's command line would show to every user of the machine.
    static var recordingGH: String {
        let gh = ["/usr/bin/gh", "/usr/local/bin/gh"].first { FileManager.default.isExecutableFile(atPath: $0) } ?? "gh"
        return """
            #!/bin/sh
            printf '%s\\n' "$@" >> "$CANARY_GH_ARGV"
            exec \(gh) "$@"

            """
    }
}
