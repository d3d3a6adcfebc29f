import Foundation

/// Runs a fleet helper program to completion with the caller's environment plus `environment`,
/// stdout and stderr returned together.
///
/// Blocks the calling thread: call it from `onDedicatedThread`.
public enum FleetCommand {
    public static func run(
        _ path: String, _ arguments: [String], environment: [String: String] = [:]
    ) throws -> (status: Int32, output: String) {
        let result = try ToolProcess.runExactlyBlocking(
            path, arguments, environment: ProcessInfo.processInfo.environment.merging(environment) { $1 },
            timeout: .seconds(300))
        return (result.status, result.stdout + result.stderr)
    }
}
