// Times loading one infra.yaml inside the process: `config-load-swift FILE ROUNDS`.
// Prints one line per phase: "<phase> median_ms min_ms" where the phases are
//   yaml: bytes already in memory → YAML node tree (libyaml events, aliases, merge keys)
//   load: InfraConfig.load(path:) — read the file, parse, decode, check host references
// Built by bench/config-load.sh with swiftc -O together with the YAML and Config sources.
import Foundation

@main
struct ConfigLoadBench {
    static func main() throws {
        let arguments = CommandLine.arguments
        guard arguments.count == 3, let rounds = Int(arguments[2]), rounds > 0 else {
            FileHandle.standardError.write(Data("usage: config-load-swift FILE ROUNDS\n".utf8))
            exit(64)
        }
        let path = arguments[1]
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        let clock = ContinuousClock()
        var yamlTimes: [Duration] = []
        var loadTimes: [Duration] = []
        var hosts = 0
        for _ in 0..<rounds {
            yamlTimes.append(try clock.measure { _ = try YAMLParser.parse(bytes) })
            loadTimes.append(try clock.measure { hosts = try InfraConfig.load(path: path, environment: ["HOME": "/root"]).config.hosts.count })
        }
        print("hosts \(hosts)")
        print("yaml \(format(median(yamlTimes))) \(format(yamlTimes.min()!))")
        print("load \(format(median(loadTimes))) \(format(loadTimes.min()!))")
    }

    static func median(_ times: [Duration]) -> Duration {
        let sorted = times.sorted()
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    static func format(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        return String(format: "%.2f", Double(seconds) * 1000 + Double(attoseconds) / 1e15)
    }
}
