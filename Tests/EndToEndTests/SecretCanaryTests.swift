import Foundation
import InfraCLI
import Testing
import TestSupport

/// The secret canary (issue 13): every command of every tool, run with --verbose against the
/// emulators on its success and failure paths, must never show a password or token — on stdout,
/// on stderr, or in any file it writes.
@Suite("Secret canary: the table")
struct SecretCanaryTableTests {
    static let base = SecretCanaryCases.base(certificate: ("", ""))

    @Test("every command of every tool has a successful and a failing canary run")
    func everyCommandHasACase() {
        for spec in InfraTools.all {
            for (path, command) in spec.allCommands where command.handler != nil {
                let name = ([spec.name] + path).joined(separator: " ")
                let cases = Self.base.filter { $0.tool == spec.name && $0.command == path }
                #expect(cases.contains { $0.variant == .success }, "command \(name) has no canary case")
                #expect(
                    cases.contains { !$0.providers.isEmpty || $0.variant == .misuse },
                    "command \(name) has no failing canary case")
            }
        }
    }

    @Test("every canary case names a command that exists")
    func everyCaseNamesACommand() {
        for canary in Self.base {
            let spec = InfraTools.all.first { $0.name == canary.tool }
            #expect(spec?.command(at: canary.command)?.handler != nil, "\(canary) names no command")
        }
    }

    @Test("the scan finds a secret literal, URL-, form- or JSON-encoded, and in Basic authorization")
    func scanFindsEveryForm() throws {
        let secrets = CanarySecrets()
        let value = secrets.hetznerRobot.value
        let encoded = try #require(value.addingPercentEncoding(withAllowedCharacters: .alphanumerics))
        let json = String(decoding: try JSONSerialization.data(withJSONObject: [value]), as: UTF8.self)
        let basic = Data("\(CanarySecrets.robotUser):\(value)".utf8).base64EncodedString()
        for text in [value, "password=\(encoded)&x=1", json, "Authorization: Basic \(basic)", Data(value.utf8).base64EncodedString()] {
            #expect(!CanarySecrets.leaks(of: secrets.needles, in: "… \(text) …").isEmpty, "\(text)")
        }
        #expect(CanarySecrets.leaks(of: secrets.needles, in: "auth-id=4242 password=<redacted>").isEmpty)
    }
}

@Suite("Secret canary: every command against the emulators", .serialized, .enabled(if: CanaryWorld.isAvailable), .canaryWorld)
struct SecretCanaryTests {
    var world: CanaryWorld {
        get throws { try #require(CanaryWorldScope.current) }
    }

    @Test("success, --json, *_FILE, credentials file, wrong credentials and closed ports leak nothing")
    func successAndFailurePaths() async throws {
        let world = try world
        let base = SecretCanaryCases.base(certificate: world.deployCertificate)
        var byTool: [String: [CanaryCase]] = [:]
        for canary in base {
            let fileForms = !canary.providers.isEmpty && byTool[canary.tool, default: []].allSatisfy(\.providers.isEmpty)
            byTool[canary.tool, default: []] += SecretCanaryCases.variants(of: canary, fileForms: fileForms, secrets: world.secrets)
        }
        byTool["infra-dns", default: []] += SecretCanaryCases.misuse(secrets: world.secrets)
        // Runs that may change what the emulators hold go in order, tool by tool (apply before
        // status, set before delete). Runs refused before any change go beside them: wrong
        // credentials four at a time, closed ports (mostly waiting out retries) all at once.
        let all = byTool.values.flatMap { $0 }
        let refused = all.filter { $0.variant == .wrongCredentials }
        let unreachable = all.filter { $0.variant == .unreachable }
        let ordered = byTool.values.map { $0.filter { $0.variant != .wrongCredentials && $0.variant != .unreachable } }
        let lanes = ordered + (0..<4).map { lane in refused.enumerated().filter { $0.offset % 4 == lane }.map(\.element) }
            + unreachable.map { [$0] }
        let outcomes = try await withThrowingTaskGroup(of: [(CanaryCase, CanaryOutcome)].self) { group in
            for lane in lanes {
                group.addTask {
                    var outcomes: [(CanaryCase, CanaryOutcome)] = []
                    for canary in lane { outcomes.append((canary, try await canary.run(in: world))) }
                    return outcomes
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        for (canary, outcome) in outcomes {
            expectNoLeak(canary, outcome)
            let status = outcome.result.status
            switch canary.variant {
            case .success, .json, .variableFile, .credentialsFile, .misuse:
                #expect(canary.expectedStatuses.contains(status), "\(canary) exited \(status)\n\(outcome.result.stderr)")
            case .wrongCredentials, .unreachable, .serverError:
                #expect(status != 0 && status < 128, "\(canary) exited \(status)\n\(outcome.result.stderr)")
            }
            // The --verbose trace, each request's URL with it, is part of what was scanned.
            if canary.variant != .misuse, canary.providers.contains(where: \.tracesRetries) {
                #expect(outcome.result.stderr.contains("(attempt "), "\(canary) traced no request:\n\(outcome.result.stderr)")
            }
            if canary.variant == .success {
                for file in canary.writes {
                    #expect(outcome.filesScanned.contains(file), "\(canary) wrote no \(file): \(outcome.filesScanned)")
                }
            }
        }
        #expect(outcomes.count > 100, "only \(outcomes.count) runs")
    }

    @Test("a server error the client retries (and traces, with --verbose) leaks nothing")
    func serverErrors() async throws {
        let world = try world
        // A fault waits in its emulator for whichever call comes first, so runs meeting the same
        // emulator go one at a time; runs meeting only other emulators go beside them.
        var byEmulators: [Set<String>: [CanaryCase]] = [:]
        for var canary in SecretCanaryCases.base(certificate: world.deployCertificate) where !canary.providers.isEmpty {
            canary.variant = .serverError
            byEmulators[Set(canary.providers.map(CanaryWorld.emulator(of:))), default: []].append(canary)
        }
        let alone = byEmulators.filter { $0.key.count == 1 }.values
        let mixed = byEmulators.filter { $0.key.count > 1 }.values.flatMap { $0 }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for lane in alone {
                group.addTask { for canary in lane { try await runWithServerError(canary, world) } }
            }
            try await group.waitForAll()
        }
        for canary in mixed { try await runWithServerError(canary, world) }
    }

    private func runWithServerError(_ canary: CanaryCase, _ world: CanaryWorld) async throws {
        let provider = try #require(canary.providers.first)
        let providers = Set(canary.providers)
        try await world.clearFaults(providers)
        try await world.injectServerError(provider)
        let outcome = try await canary.run(in: world)
        try await world.clearFaults(providers)
        expectNoLeak(canary, outcome)
        #expect(outcome.result.status < 128, "\(canary) exited \(outcome.result.status)")
        if provider.tracesRetries {
            #expect(outcome.result.stderr.contains("retrying in"), "\(canary) traced no retry:\n\(outcome.result.stderr)")
        }
    }

    private func expectNoLeak(_ canary: CanaryCase, _ outcome: CanaryOutcome) {
        #expect(outcome.leaks.isEmpty, "\(canary) leaked:\n\(outcome.leaks.joined(separator: "\n"))")
    }
}
