import Foundation

extension Duration {
    /// Whole milliseconds, rounded down; saturated at the ends of `Int64`, since a server can ask
    /// for waits (`"interval": 9223372036854775807`) that do not fit.
    var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        let (whole, overflow) = seconds.multipliedReportingOverflow(by: 1000)
        let (total, carry) = whole.addingReportingOverflow(attoseconds / 1_000_000_000_000_000)
        if overflow || carry { return seconds < 0 ? .min : .max }
        return total
    }

    /// A wait of `seconds` read from a server (a rate-limit reset, a `Retry-After` date), rounded
    /// up to the millisecond, never below zero and never above `ceiling`; nil when it is not a
    /// number at all (`nan`). The cap comes before the conversion, so a reset centuries away
    /// (`1e300`, `inf`) is just `ceiling` rather than a trap.
    static func serverWait(seconds: Double, atMost ceiling: Duration) -> Duration? {
        guard !seconds.isNaN else { return nil }
        let milliseconds = min(max(0, (seconds * 1000).rounded(.up)), Double(ceiling.milliseconds))
        return .milliseconds(Int64(milliseconds))
    }
}
