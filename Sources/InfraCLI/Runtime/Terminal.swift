#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// What the process knows about the terminal it runs in.
public struct TerminalInfo: Sendable, Hashable {
    public var stdinIsTerminal: Bool
    public var stdoutIsTerminal: Bool
    public var stderrIsTerminal: Bool
    /// Columns of the terminal stdout is connected to, when it is one and the size is known.
    public var width: Int?

    public init(
        stdinIsTerminal: Bool = false, stdoutIsTerminal: Bool = false,
        stderrIsTerminal: Bool = false, width: Int? = nil
    ) {
        self.stdinIsTerminal = stdinIsTerminal
        self.stdoutIsTerminal = stdoutIsTerminal
        self.stderrIsTerminal = stderrIsTerminal
        self.width = width
    }

    /// Not a terminal anywhere: what tests and pipelines see.
    public static let none = TerminalInfo()

    /// Asks the operating system about file descriptors 0, 1 and 2.
    public static func current() -> TerminalInfo {
        let stdoutIsTerminal = isatty(1) == 1
        return TerminalInfo(
            stdinIsTerminal: isatty(0) == 1, stdoutIsTerminal: stdoutIsTerminal,
            stderrIsTerminal: isatty(2) == 1,
            width: stdoutIsTerminal ? columns(of: 1) : nil)
    }

    private static func columns(of descriptor: Int32) -> Int? {
        var size = winsize()
        guard ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }
}
