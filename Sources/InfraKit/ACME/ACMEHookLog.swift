import Foundation

/// Where the hook reports what it does: one line per step (added, served, removed) and, for
/// `--verbose`, timings and detail. Lines carry no credentials; TXT values are public anyway.
public struct ACMEHookLog: Sendable {
    public var step: @Sendable (String) -> Void
    public var trace: @Sendable (String) -> Void

    public init(step: @escaping @Sendable (String) -> Void, trace: @escaping @Sendable (String) -> Void = { _ in }) {
        self.step = step
        self.trace = trace
    }

    public static let silent = ACMEHookLog(step: { _ in }, trace: { _ in })
}

/// `0.004 s` below a second, `1.3 s` or `180 s` above, as the step lines print durations.
func secondsText(_ duration: Duration) -> String {
    let (seconds, attoseconds) = duration.components
    let value = Double(seconds) + Double(attoseconds) / 1e18
    if value < 1 { return String(format: "%.3f s", value) }
    var text = String(format: "%.2f", value)
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text + " s"
}
