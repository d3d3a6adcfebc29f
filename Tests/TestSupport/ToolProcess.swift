import Foundation
import Synchronization

/// What a finished process left behind.
public struct ProcessResult: Sendable, Hashable {
    public let status: Int32
    public let stdout: String
    public let stderr: String
}

/// Runs the suite's built executables (and other programs) as subprocesses for end-to-end tests:
/// clean environment, temporary HOME, stdout and stderr captured separately, a timeout.
public enum ToolProcess {
    /// The directory holding the built executables: the test runner sits next to them.
    public static let binDirectory = URL(fileURLWithPath: CommandLine.arguments[0])
        .deletingLastPathComponent().standardizedFileURL

    /// The built executable `tool` (`infra-dns`, …).
    public static func url(of tool: String) -> URL {
        binDirectory.appendingPathComponent(tool)
    }

    /// An environment with only what a tool legitimately needs: PATH with the built tools first,
    /// a HOME of its own, no color, a UTF-8 locale; `overrides` win.
    public static func environment(home: URL, overrides: [String: String] = [:]) -> [String: String] {
        var environment = [
            "PATH": "\(binDirectory.path):/usr/local/bin:/usr/bin:/bin",
            "HOME": home.path,
            "NO_COLOR": "1",
            "LANG": "C.UTF-8",
        ]
        environment.merge(overrides) { _, new in new }
        return environment
    }

    /// Runs built tool `tool` with `arguments`.
    public static func run(
        _ tool: String, _ arguments: [String] = [], environment: [String: String] = [:], stdin: String = "",
        currentDirectory: URL? = nil, timeout: Duration = .seconds(60)
    ) async throws -> ProcessResult {
        try await runProgram(
            url(of: tool), arguments, environment: environment, stdin: stdin,
            currentDirectory: currentDirectory, timeout: timeout)
    }

    /// Runs any program. The output goes to temporary files rather than pipes, so a chatty child
    /// can never block on a full pipe while we wait for it.
    public static func runProgram(
        _ executable: URL, _ arguments: [String] = [], environment: [String: String] = [:], stdin: String = "",
        currentDirectory: URL? = nil, timeout: Duration = .seconds(60)
    ) async throws -> ProcessResult {
        let scratch = try ScratchDirectory()
        let home = scratch.url.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let outURL = scratch.url.appendingPathComponent("stdout")
        let errURL = scratch.url.appendingPathComponent("stderr")
        let inURL = scratch.url.appendingPathComponent("stdin")
        for url in [outURL, errURL] { _ = FileManager.default.createFile(atPath: url.path, contents: nil) }
        try Data(stdin.utf8).write(to: inURL)

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = Self.environment(home: home, overrides: environment)
        process.currentDirectoryURL = currentDirectory ?? scratch.url
        let outHandle = try FileHandle(forWritingTo: outURL)
        let errHandle = try FileHandle(forWritingTo: errURL)
        let inHandle = try FileHandle(forReadingFrom: inURL)
        defer {
            try? outHandle.close()
            try? errHandle.close()
            try? inHandle.close()
        }
        process.standardOutput = outHandle
        process.standardError = errHandle
        process.standardInput = inHandle

        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { finished in continuation.resume(returning: finished.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
                return
            }
            let watchdog = Thread {
                let deadline = Date().addingTimeInterval(Double(timeout.components.seconds))
                while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
                if process.isRunning { process.terminate() }
            }
            watchdog.start()
        }
        return ProcessResult(
            status: status,
            stdout: try String(contentsOf: outURL, encoding: .utf8),
            stderr: try String(contentsOf: errURL, encoding: .utf8))
    }
}

/// A directory under the system's temporary directory, removed when the value is released.
public final class ScratchDirectory: Sendable {
    public let url: URL

    public init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("infra-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// Writes `contents` to `name` inside the directory and returns its URL.
    @discardableResult
    public func write(_ name: String, _ contents: String, permissions: Int? = nil) throws -> URL {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(
            at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(contents.utf8).write(to: file)
        if let permissions {
            try FileManager.default.setAttributes([.posixPermissions: permissions], ofItemAtPath: file.path)
        }
        return file
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}
