import Foundation
import InfraKit
import Testing

struct TextfileWriterTests {
    @Test func theTextfileIsReplacedAtomically() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("infra-textfile-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/infra_status.prom"
        try TextfileWriter.writeAtomically("old\n", to: path)
        try TextfileWriter.writeAtomically("new\n", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["infra_status.prom"])
        #expect(throws: TextfileWriteError.self) { try TextfileWriter.writeAtomically("x", to: directory + "/missing/x.prom") }
    }
}
