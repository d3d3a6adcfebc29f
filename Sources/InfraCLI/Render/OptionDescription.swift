/// The words help and man pages say about an option beyond its abstract: allowed values,
/// default, repeatability.
extension OptionSpec {
    /// `Color the output (auto, always or never; default: auto).`
    var fullAbstract: String {
        var details: [String] = []
        if !allowedValues.isEmpty { details.append(UsageError.list(allowedValues.map(\.value))) }
        if let defaultValue { details.append("default: \(defaultValue)") }
        if arity == .repeatable { details.append("repeatable") }
        guard !details.isEmpty else { return abstract }
        let base = abstract.hasSuffix(".") ? String(abstract.dropLast()) : abstract
        return "\(base) (\(details.joined(separator: "; ")))."
    }

    /// `--zone ZONE`, as in a synopsis.
    var longUsage: String { takesValue ? "--\(long) \(valueName)" : "--\(long)" }
}
