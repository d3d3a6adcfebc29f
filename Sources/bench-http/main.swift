// Benchmark client for bench/http-throughput.sh: sequential GETs through one APIClient.
import Foundation
import InfraKit

let arguments = CommandLine.arguments
guard arguments.count == 3, let count = Int(arguments[2]), count > 0 else {
    FileHandle.standardError.write(Data("usage: bench-http <base-url> <count>\n".utf8))
    exit(64)
}

/// Runs off the main actor, as the tools' command handlers do, so no request pays a main-thread hop.
@concurrent func fetchAll(_ client: APIClient, count: Int) async throws -> Int {
    var bytes = 0
    for index in 1...count {
        let response = try await client.sendRaw(HTTPRequest(.get, "/item/\(index)"))
        bytes += response.body.count
    }
    return bytes
}

do {
    let client = try APIClient(.init(baseURL: arguments[1], errorPrefix: "bench", userAgent: "bench-http/1.0"))
    let started = ContinuousClock.now
    let bytes = try await fetchAll(client, count: count)
    let elapsed = ContinuousClock.now - started
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    print("requests=\(count) bytes=\(bytes) seconds=\(seconds) rate=\(Int(Double(count) / seconds))")
} catch let error as any ClassifiedError {
    FileHandle.standardError.write(Data("bench-http: error: \(error.message)\n".utf8))
    exit(error.exitStatus.rawValue)
}
