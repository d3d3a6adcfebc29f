/// The few terminal colors the suite uses.
public enum ANSIStyle: Int, Sendable {
    /// Faint text (SGR 2, not a color): for what was not looked at.
    case dim = 2
    case red = 31, green = 32, yellow = 33, blue = 34, magenta = 35, cyan = 36

    /// `text` wrapped in the escape sequences for this style.
    public func apply(to text: String, bold: Bool = false) -> String {
        "\u{1B}[\(bold ? "1;" : "")\(rawValue)m\(text)\u{1B}[0m"
    }
}
