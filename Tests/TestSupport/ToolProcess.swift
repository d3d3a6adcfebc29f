import Foundation
import InfraKit

/// What a finished tool left behind, its output decoded as UTF-8.
public struct ToolResult: Sendable, Hashable {
    /// The exit status, or 128 plus the number of the signal that ended it.
    public let status: Int32
    public let stdout: String
    public let stderr: String
    /// From start to end of the process, as the runner's own thread measured it: unlike a clock
    /// read around `await`, it does not include waits for the concurrency pool.
    public let duration: Duration

    init(_ result: ProcessResult) {
        status = result.status
        stdout = result.stdoutText
        stderr = result.stderrText
        duration = result.duration
    }
}

/// Runs the suite's built executables (and other programs) as subprocesses for end-to-end tests,
/// through InfraKit's ``ChildProcess``: a clean environment, a temporary HOME, stdout and stderr
/// captured separately, a timeout that ends the program's whole process tree.
public enum ToolProcess {
    /// The directory holding the built executables: the test runner sits next to them.
    public static let binDirectory = URL(fileURLWithPath: CommandLine.arguments[0])
        .deletingLastPathComponent().standardizedFileURL

    /// Tests read all of a tool's output; this only keeps a runaway one from filling memory.
    static let outputLimit = 64 << 20

    /// The built executable `tool` (`infra-dns`, …).
    public static func url(of tool: String) -> URL {
        binDirectory.appendingPathComponent(tool)
    }

    /// An environment with only what a tool legitimately needs: PATH with the built tools first,
    /// a HOME of its own, no color, a UTF-8 locale; `overrides` win.
    public static func environment(home: URL, overrides: [String: String] = [:]) -> [String: String] {
        baseEnvironment(home: home.path).merging(overrides) { _, new in new }
    }

    /// The same without overrides, for ``runExactly(_:_:environment:timeout:)``.
    public static func baseEnvironment(home: String) -> [String: String] {
        ["PATH": "\(binDirectory.path):/usr/local/bin:/usr/bin:/bin", "HOME": home, "NO_COLOR": "1", "LANG": "C.UTF-8"]
    }

    /// Runs built tool `tool` with `arguments`.
    public static func run(
        _ tool: String, _ arguments: [String] = [], environment: [String: String] = [:], stdin: String = "",
        currentDirectory: URL? = nil, timeout: Duration = .seconds(60)
    ) async throws -> ToolResult {
        try await runProgram(
            url(of: tool), arguments, environment: environment, stdin: stdin,
            currentDirectory: currentDirectory, timeout: timeout)
    }

    /// Runs any program with ``environment(home:overrides:)`` and a temporary HOME, in
    /// `currentDirectory` or a temporary one.
    public static func runProgram(
        _ executable: URL, _ arguments: [String] = [], environment: [String: String] = [:], stdin: String = "",
        currentDirectory: URL? = nil, timeout: Duration = .seconds(60)
    ) async throws -> ToolResult {
        let scratch = try ScratchDirectory()
        let home = scratch.url.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let request = ProcessRequest(
            executable.path, arguments, environment: Self.environment(home: home, overrides: environment),
            workingDirectory: (currentDirectory ?? scratch.url).path, standardInput: .bytes(Array(stdin.utf8)),
            outputLimit: outputLimit, timeout: timeout)
        return ToolResult(try await ChildProcess.run(request))
    }

    /// Runs `path` with exactly `environment` and nothing of the caller's (start from
    /// ``baseEnvironment(home:)``), in the current directory.
    public static func runExactly(
        _ path: String, _ arguments: [String], environment: [String: String], timeout: Duration = .seconds(60)
    ) async throws -> ToolResult {
        ToolResult(try await ChildProcess.run(exactRequest(path, arguments, environment, timeout)))
    }

    /// The same, blocking the calling thread: for callers already on a thread of their own.
    public static func runExactlyBlocking(
        _ path: String, _ arguments: [String], environment: [String: String], timeout: Duration = .seconds(60)
    ) throws -> ToolResult {
        let child = try ChildProcess.start(exactRequest(path, arguments, environment, timeout))
        return ToolResult(child.waitBlocking())
    }

    private static func exactRequest(
        _ path: String, _ arguments: [String], _ environment: [String: String], _ timeout: Duration
    ) -> ProcessRequest {
        ProcessRequest(path, arguments, environment: environment, outputLimit: outputLimit, timeout: timeout)
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
