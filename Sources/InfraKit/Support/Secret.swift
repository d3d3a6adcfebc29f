/// A credential (API token, password) that refuses to print itself.
///
/// `description`, `debugDescription`, string interpolation, `dump` and `Mirror` all show `<redacted>`;
/// only ``revealed`` hands out the value, for the one place that must put it on the wire.
public struct Secret: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    private let value: String

    public init(_ value: String) {
        self.value = value
    }

    /// The credential itself. Call this only where it is sent, never where text is produced.
    public var revealed: String { value }

    public var isEmpty: Bool { value.isEmpty }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
    public var customMirror: Mirror { Mirror(reflecting: "<redacted>") }
}
