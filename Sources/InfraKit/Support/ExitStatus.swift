/// A process exit status from sysexits(3), as every tool in the suite uses them.
public struct ExitStatus: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }

    public static let success = ExitStatus(rawValue: 0)
    /// The checked thing failed (a host down, a plan with changes to make, …).
    public static let failure = ExitStatus(rawValue: 1)
    public static let usage = ExitStatus(rawValue: 64)
    public static let dataError = ExitStatus(rawValue: 65)
    public static let noInput = ExitStatus(rawValue: 66)
    public static let unavailable = ExitStatus(rawValue: 69)
    public static let software = ExitStatus(rawValue: 70)
    public static let temporaryFailure = ExitStatus(rawValue: 75)
    public static let noPermission = ExitStatus(rawValue: 77)
    public static let configuration = ExitStatus(rawValue: 78)

    public var description: String { String(rawValue) }
}

/// An error that knows which exit status it deserves and how to say itself in one line.
///
/// `message` must never contain a credential: the runner prints it as it is.
public protocol ClassifiedError: Error {
    var exitStatus: ExitStatus { get }
    var message: String { get }
}
