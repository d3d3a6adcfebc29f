import InfraKit

/// Nagios/Icinga plugin states and their exit codes.
enum NagiosStatus: Int32, Sendable, CaseIterable {
    case ok = 0, warning = 1, critical = 2, unknown = 3

    var label: String {
        switch self {
        case .ok: "OK"
        case .warning: "WARNING"
        case .critical: "CRITICAL"
        case .unknown: "UNKNOWN"
        }
    }

    /// The plugin exit status to return.
    var exitStatus: ExitStatus { ExitStatus(rawValue: rawValue) }
}
