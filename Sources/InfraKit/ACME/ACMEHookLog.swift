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

/// `1.3 s`, `0.25 s`, `12 s`: seconds with up to two decimals, as the step lines print them.
func secondsText(_ duration: Duration) -> String {
    let hundredths = (duration.milliseconds + 5) / 10
    if hundredths % 100 == 0 { return "\(hundredths / 100) s" }
    let text = String(format: "%.2f", Double(hundredths) / 100)
    return (text.hasSuffix("0") ? String(text.dropLast()) : text) + " s"
}
