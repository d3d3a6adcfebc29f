import Foundation
import InfraKit

/// Paths of the example configurations under `Tests/Fixtures/config`, and small helpers.
enum ConfigFixtures {
    static let directory: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/config").path

    /// The real-world-sized example with every section.
    static var infraYAML: String { directory + "/infra.yaml" }

    static let environment = ["HOME": "/home/ops"]

    static func decode(_ yaml: String) throws(ConfigError) -> LoadedConfig {
        try InfraConfig.decode(Array(yaml.utf8), file: "infra.yaml", environment: environment)
    }

    static func loadExample() throws -> InfraConfig {
        try InfraConfig.load(path: infraYAML, environment: environment).config
    }

    /// A fresh directory under the system temp dir; removed by `removeTemporaryDirectory`.
    static func makeTemporaryDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("infra-config-tests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func removeTemporaryDirectory(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }
}
