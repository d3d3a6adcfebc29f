import InfraKit

/// Placeholder until the command runtime lands.
public enum Placeholder {
    public static func run(_ tool: String) -> Int32 { ExitStatus.software.rawValue }
}
