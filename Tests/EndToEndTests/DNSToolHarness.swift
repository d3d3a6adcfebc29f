import Foundation
import TestSupport

/// The built `infra-dns` pointed at a CloudNS emulator, with an infra.yaml of the test's own.
struct DNSToolHarness {
    let emulator: EmulatorProcess
    let scratch: ScratchDirectory

    static func start(_ seed: EmulatorProcess.Seed = .init(), emulatorArguments: [String] = []) async throws -> DNSToolHarness {
        let emulator = try await EmulatorProcess.start(emulatorArguments)
        try await emulator.seed(seed)
        return DNSToolHarness(emulator: emulator, scratch: try ScratchDirectory())
    }

    func stop() { emulator.stop() }

    /// Writes infra.yaml with `dns.zones` holding `zones` (YAML text indented under `zones:`).
    func writeConfig(_ zones: String) throws {
        try scratch.write("infra.yaml", "dns:\n  provider: cloudns\n  zones:\n" + zones)
    }

    /// Runs `infra-dns` in the scratch directory (so it finds infra.yaml) with the emulator's
    /// credentials, unless `environment` replaces them.
    func run(
        _ arguments: [String], environment: [String: String]? = nil, stdin: String = ""
    ) async throws -> ToolResult {
        try await ToolProcess.run(
            "infra-dns", arguments, environment: environment ?? emulator.environment, stdin: stdin,
            currentDirectory: scratch.url)
    }

    /// `host type value ttl` of every record the emulator holds in `zone`, sorted.
    func held(_ zone: String) async throws -> [String] {
        try await emulator.records(in: zone).map { "\($0.host.isEmpty ? "@" : $0.host) \($0.type) \($0.record) \($0.ttl)" }
            .sorted()
    }

    /// Calls the emulator logged, by method.
    func callCounts() async throws -> [String: Int] {
        try await emulator.calls().reduce(into: [:]) { $0[$1.method, default: 0] += 1 }
    }
}
