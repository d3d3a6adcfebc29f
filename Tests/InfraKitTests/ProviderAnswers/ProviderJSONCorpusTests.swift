import Foundation
import Testing

@testable import InfraKit

/// The fuzzer's seed corpus (Tests/Fuzz/corpus-json) through every decoder, in the normal suite: each
/// seed is a real answer that the decoder it is named after must accept, and no decoder may end in
/// anything but a value or its typed error on any seed.
@Suite("Provider answers: every decoder over the seed corpus")
struct ProviderJSONCorpusTests {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz/corpus-json")

    static let files: [String] =
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()

    static func input(_ file: String) throws -> ProviderAnswerInput {
        ProviderAnswerInput(try Data(contentsOf: directory.appendingPathComponent(file)))
    }

    static func decoder(for file: String) -> ProviderAnswerDecoder? {
        ProviderAnswerDecoder.index(forSeed: file).map { ProviderAnswerDecoder.all[$0] }
    }

    /// The error a caller of that decoder is promised: an unexpected answer (69) for the clients,
    /// an ``AlertDecodingError`` for gh's alerts.
    static func isPromisedFailure(_ error: any Error) -> Bool {
        switch error {
        case let error as CloudNSError: error.kind == .unexpectedAnswer && error.exitStatus == .unavailable
        case let error as HetznerCloudError: error.kind == .unexpectedAnswer && error.exitStatus == .unavailable
        case let error as HetznerRobotError: error.kind == .unexpectedAnswer && error.exitStatus == .unavailable
        case let error as AlertDecodingError: !error.detail.isEmpty
        default: false
        }
    }

    @Test func theCorpusCoversEveryDecoder() {
        let named = Set(Self.files.compactMap { Self.decoder(for: $0)?.name })
        #expect(named == Set(ProviderAnswerDecoder.all.map(\.name)))
    }

    @Test(arguments: files)
    func theDecoderASeedIsNamedAfterAcceptsIt(_ file: String) throws {
        let decoder = try #require(Self.decoder(for: file), "no decoder is named like \(file)")
        if case .failure(let error) = decoder.run(try Self.input(file)) {
            Issue.record("\(decoder.name) refused \(file): \(error)")
        }
    }

    @Test(arguments: files)
    func everyDecoderEndsInAValueOrItsTypedError(_ file: String) throws {
        let input = try Self.input(file)
        for decoder in ProviderAnswerDecoder.all {
            if case .failure(let error) = decoder.run(input) {
                #expect(Self.isPromisedFailure(error), "\(decoder.name) on \(file): \(type(of: error)) \(error)")
            }
        }
    }

    @Test(arguments: [
        ("cloudns-failure-blocked.json", "rateLimited"),
        ("cloudns-failure-missing-zone.json", "Missing domain-name"),
        ("cloudns-failure-success.json", "accept"),
        ("cloudns-records-keyed.json", "_acme-challenge"),
        ("cloudns-zones-empty.json", "[]"),
        ("hcloud-list-servers.json", "1 items, next page 2"),
        ("hcloud-error-rate-limit.http", "rateLimited"),
        ("hcloud-error-invalid-input.http", "name: is too long"),
        ("hcloud-error-conflict.http", "retry(serverDidNotAct: true)"),
        ("robot-error-rate-limit.http", "rateLimited"),
        ("robot-error-not-found.http", "notFound"),
        ("gh-output-two-pages.txt", "2 pages"),
        ("gh-output-rate-limited.txt", "rateLimited"),
        ("gh-output-disabled.txt", "disabled"),
    ])
    func aSeedReadsAsWhatItSays(_ file: String, _ expected: String) throws {
        let decoder = try #require(Self.decoder(for: file))
        guard case .value(let summary) = decoder.run(try Self.input(file)) else {
            Issue.record("\(decoder.name) refused \(file)")
            return
        }
        #expect(summary.contains(expected), "\(file): \(summary)")
    }
}
