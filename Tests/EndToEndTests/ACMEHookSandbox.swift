import Foundation
import Testing
import TestSupport

/// The offline ACME sandbox for a suite: pebble, pebble-challtestsrv and the CloudNS emulator on
/// loopback (Tests/Emulators/sandbox/start), started once before the suite and stopped after it.
struct ACMEHookSandbox: Sendable {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let script = repository.appendingPathComponent("Tests/Emulators/sandbox")
    static let issueCert = repository.appendingPathComponent("Tests/ACME/issue-cert")

    /// What the sandbox needs; the suite is skipped, naming them, when any is missing.
    static let missingTools: [String] = ["pebble", "pebble-challtestsrv", "openssl", "curl", "python3"].filter { tool in
        !["/usr/bin", "/usr/local/bin", "/bin"].contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(tool)") }
    }
    static var skipReason: Comment {
        "needs \(missingTools.joined(separator: ", ")) (apt-get install pebble openssl curl python3)"
    }

    @TaskLocal static var current: ACMEHookSandbox?
    static var shared: ACMEHookSandbox {
        guard let current else { preconditionFailure("this test needs the .acmeSandbox suite trait") }
        return current
    }

    let stateDirectory: String
    /// sandbox.env, as the shell would read it.
    let values: [String: String]

    var envFile: String { stateDirectory + "/sandbox.env" }
    var controlURL: String { values["CLOUDNS_EMULATOR_CONTROL_URL"] ?? "" }

    /// What the hook needs to reach the sandbox's CloudNS and DNS.
    var hookEnvironment: [String: String] {
        [
            "CLOUDNS_API_URL": values["CLOUDNS_API_URL"] ?? "", "CLOUDNS_CREDENTIALS": values["CLOUDNS_CREDENTIALS"] ?? "",
            "ACME_CLOUDNS_DNS_SERVERS": values["DNS_RESOLVER"] ?? "",
        ]
    }

    static func start() async throws -> ACMEHookSandbox {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("infra-acme-e2e-\(UUID().uuidString)").path
        let result = try await ToolProcess.runExactly(
            script.appendingPathComponent("start").path, [state],
            environment: ToolProcess.baseEnvironment(home: state).merging(["SANDBOX_PROPAGATION_DELAY": "0"]) { $1 },
            timeout: .seconds(60))
        guard result.status == 0 else {
            _ = try? await ToolProcess.runExactly(
                script.appendingPathComponent("stop").path, [state, "--purge"], environment: ToolProcess.baseEnvironment(home: state))
            throw SandboxFailure("sandbox/start failed (\(result.status)): \(result.stderr)")
        }
        let dump = try await ToolProcess.runExactly(
            "/bin/bash", ["-c", #"set -a; . "$0"; env"#, state + "/sandbox.env"], environment: ToolProcess.baseEnvironment(home: state))
        var values: [String: String] = [:]
        for line in dump.stdout.split(separator: "\n") {
            guard let equals = line.firstIndex(of: "=") else { continue }
            values[String(line[..<equals])] = String(line[line.index(after: equals)...])
        }
        return ACMEHookSandbox(stateDirectory: state, values: values)
    }

    func stop() async {
        _ = try? await ToolProcess.runExactly(
            Self.script.appendingPathComponent("stop").path, [stateDirectory, "--purge"],
            environment: ToolProcess.baseEnvironment(home: stateDirectory))
    }

    // MARK: The emulator's control API

    /// `METHOD /_emulator/PATH` with an optional JSON body; the answer's body.
    @discardableResult
    func control(_ method: String, _ path: String, json: String? = nil) async throws -> Data {
        var arguments = ["-sf", "-X", method, controlURL + path]
        if let json { arguments += ["-H", "Content-Type: application/json", "-d", json] }
        let result = try await ToolProcess.runExactly("/usr/bin/curl", arguments, environment: ToolProcess.baseEnvironment(home: stateDirectory))
        guard result.status == 0 else { throw SandboxFailure("control API \(method) \(path) failed: \(result.stderr)") }
        return Data(result.stdout.utf8)
    }

    func seed(zones: [String]) async throws {
        let list = zones.map { #"{"name":"\#($0)"}"# }.joined(separator: ",")
        try await control("POST", "/seed", json: #"{"zones":[\#(list)]}"#)
    }

    func setPropagationDelay(_ seconds: Double) async throws {
        try await control("POST", "/settings", json: #"{"propagation_delay":\#(seconds)}"#)
    }

    /// Every `_acme-challenge` TXT record the emulator holds, as `zone host value`, optionally in
    /// some zones only.
    func challengeRecords(in zones: Set<String>? = nil) async throws -> [String] {
        let state = try JSONSerialization.jsonObject(with: try await control("GET", "/state")) as? [String: Any]
        var found: [String] = []
        for zone in state?["zones"] as? [[String: Any]] ?? [] {
            let name = zone["name"] as? String ?? ""
            guard zones?.contains(name) ?? true else { continue }
            let records = zone["records"] as? [[String: Any]] ?? []
            for record in records where record["type"] as? String == "TXT" {
                let host = record["host"] as? String ?? ""
                if host.split(separator: ".").first == "_acme-challenge" || host.hasPrefix("_acme-challenge") {
                    found.append("\(name) \(host) \(record["record"] as? String ?? "")")
                }
            }
        }
        return found
    }

    /// Non-poll CloudNS calls logged since `seq`, for the given zone (`domain-name`).
    func apiCalls(forZone zone: String, since seq: Int) async throws -> [String] {
        let log = try JSONSerialization.jsonObject(with: try await control("GET", "/calls?since=\(seq)")) as? [String: Any]
        return (log?["calls"] as? [[String: Any]] ?? []).compactMap { call in
            let method = call["method"] as? String ?? ""
            let params = call["params"] as? [String: Any] ?? [:]
            guard params["domain-name"] as? String == zone, method != "update-status", method != "is-updated" else { return nil }
            return method
        }
    }

    /// The next call log sequence number.
    func callLogPosition() async throws -> Int {
        let log = try JSONSerialization.jsonObject(with: try await control("GET", "/calls")) as? [String: Any]
        return log?["next_seq"] as? Int ?? 0
    }

    // MARK: Running things

    /// Tests/ACME/issue-cert CLIENT HOOK NAMES… with the built hook, `--trace` and `options`
    /// (such as `--deploy-hook COMMAND`).
    func issue(_ client: String, _ names: [String], options: [String] = [], environment: [String: String] = [:]) async throws
        -> (result: ToolResult, work: String)
    {
        let work = stateDirectory + "/acme-runs/\(client)-\(names[0])-\(UUID().uuidString.prefix(8))"
        let result = try await ToolProcess.runExactly(
            Self.issueCert.path,
            ["--env", envFile, "--work", work, "--trace", "--timeout", "120"] + options
                + [client, ToolProcess.url(of: "acme-cloudns-hook").path]
                + names, environment: ToolProcess.baseEnvironment(home: stateDirectory).merging(environment) { $1 },
            timeout: .seconds(150))
        return (result, work)
    }

    /// The built hook with the sandbox's settings (and `environment` on top).
    func hook(_ arguments: [String], environment: [String: String] = [:]) async throws -> ToolResult {
        try await ToolProcess.runExactly(
            ToolProcess.url(of: "acme-cloudns-hook").path, arguments,
            environment: ToolProcess.baseEnvironment(home: stateDirectory).merging(hookEnvironment) { $1 }.merging(environment) { $1 },
            timeout: .seconds(60))
    }
}

struct SandboxFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Starts the ACME sandbox once for a whole suite and stops it afterwards, failure or not.
struct ACMEHookSandboxScope: SuiteTrait, TestScoping {
    func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        let sandbox = try await ACMEHookSandbox.start()
        do {
            try await ACMEHookSandbox.$current.withValue(sandbox) { try await function() }
        } catch {
            await sandbox.stop()
            throw error
        }
        await sandbox.stop()
    }
}

extension Trait where Self == ACMEHookSandboxScope {
    /// Runs the suite against one offline ACME sandbox (pebble, challtestsrv, CloudNS emulator).
    static var acmeSandbox: ACMEHookSandboxScope { ACMEHookSandboxScope() }
}

extension ACMEHookSandbox {
    /// Makes challtestsrv (the DNS pebble and the hook ask) answer `name` with a CNAME to `target`.
    func setCNAME(_ name: String, to target: String) async throws {
        let url = (values["CHALLTESTSRV_URL"] ?? "") + "/set-cname"
        let result = try await ToolProcess.runExactly(
            "/usr/bin/curl", ["-sf", "-X", "POST", "-d", #"{"host":"\#(name).","target":"\#(target)."}"#, url],
            environment: ToolProcess.baseEnvironment(home: stateDirectory))
        guard result.status == 0 else { throw SandboxFailure("challtestsrv set-cname failed: \(result.stderr)") }
    }
}
