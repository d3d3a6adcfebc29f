/// Missing, conflicting or unsafe credentials: a configuration error (exit 78) whose message names
/// what is wrong and where (variable, file, line), never a value.
public struct CredentialError: ClassifiedError, Sendable, Hashable, CustomStringConvertible {
    public let message: String
    public var exitStatus: ExitStatus { .configuration }
    public var description: String { message }

    public init(_ message: String) { self.message = message }
}
