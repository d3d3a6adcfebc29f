import Foundation
import Synchronization

/// Where a command writes text: the process's stdout or stderr, or a buffer in tests.
public protocol OutputWriter: Sendable {
    func write(_ text: String)
}

/// Where a command reads its standard input from.
public protocol InputReader: Sendable {
    /// The next line without its newline, or nil at end of input.
    func readLine() -> String?
    /// Everything left.
    func readAll() -> String
}

/// Writes to one of the process's file descriptors, unbuffered: every call is one write(2), so
/// output interleaves with child processes and never sits in a buffer at exit.
public struct FileDescriptorWriter: OutputWriter {
    private let handle: FileHandle

    public init(_ handle: FileHandle) { self.handle = handle }

    public static let standardOutput = FileDescriptorWriter(.standardOutput)
    public static let standardError = FileDescriptorWriter(.standardError)

    public func write(_ text: String) {
        guard !text.isEmpty else { return }
        // A closed pipe is the reader's choice (`| head`); nothing useful can be said about it.
        try? handle.write(contentsOf: Data(text.utf8))
    }
}

/// Collects everything written, for tests and for rendering into a string.
public final class BufferWriter: OutputWriter {
    private let storage = Mutex("")

    public init() {}

    public func write(_ text: String) { storage.withLock { $0 += text } }

    /// Everything written so far.
    public var text: String { storage.withLock { $0 } }
}

/// The process's standard input.
public struct StandardInputReader: InputReader {
    public init() {}
    public func readLine() -> String? { Swift.readLine(strippingNewline: true) }
    public func readAll() -> String {
        String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
    }
}

/// A fixed text served as standard input, for tests.
public final class StringInputReader: InputReader {
    private let remaining: Mutex<Substring>

    public init(_ text: String) { remaining = Mutex(Substring(text)) }

    public func readLine() -> String? {
        remaining.withLock { rest in
            guard !rest.isEmpty else { return nil }
            guard let newline = rest.firstIndex(of: "\n") else {
                defer { rest = "" }
                return String(rest)
            }
            defer { rest = rest[rest.index(after: newline)...] }
            return String(rest[..<newline])
        }
    }

    public func readAll() -> String {
        remaining.withLock { rest in
            defer { rest = "" }
            return String(rest)
        }
    }
}
