/// An option declared once: its ``OptionSpec`` (what the parser, help, the man page and the
/// completions see) together with how a handler reads it, typed. Handlers write
/// `try invocation[DNSTool.Options.ttl]`, so a misspelt option is a compile error, and a default
/// lives in one place: the typed value, from which the spec's text is made.
public struct Option<Value: Sendable>: Sendable {
    public let spec: OptionSpec
    let read: @Sendable (Invocation) throws(UsageError) -> Value

    init(_ spec: OptionSpec, read: @escaping @Sendable (Invocation) throws(UsageError) -> Value) {
        self.spec = spec
        self.read = read
    }
}

extension Option where Value == Bool {
    /// `--yes`: present or absent.
    public static func flag(_ long: String, short: Character? = nil, abstract: String, isHidden: Bool = false) -> Self {
        Option(.flag(long, short: short, abstract: abstract, isHidden: isHidden)) { $0.flag(long) }
    }
}

extension Option where Value == String? {
    /// `--zone ZONE`, nil when absent.
    public static func string(
        _ long: String, short: Character? = nil, valueName: String, abstract: String,
        allowedValues: [AllowedValue] = [], completion: CompletionKind = .none, isHidden: Bool = false
    ) -> Self {
        let spec = OptionSpec.value(
            long, short: short, valueName: valueName, abstract: abstract, allowedValues: allowedValues,
            completion: completion, isHidden: isHidden)
        return Option(spec) { $0.value(long) }
    }
}

extension Option where Value == [String] {
    /// `--host H --host H2`: every value, in order.
    public static func strings(
        _ long: String, short: Character? = nil, valueName: String, abstract: String,
        allowedValues: [AllowedValue] = [], completion: CompletionKind = .none
    ) -> Self {
        let spec = OptionSpec.value(
            long, short: short, valueName: valueName, abstract: abstract, allowedValues: allowedValues,
            completion: completion, repeatable: true)
        return Option(spec) { $0.values(long) }
    }
}

extension Option where Value == Int {
    /// `--ttl SECONDS` with a default; a value that is not a whole number, or below `minimum`, is a
    /// usage error.
    public static func integer(
        _ long: String, short: Character? = nil, valueName: String, abstract: String, default defaultValue: Int,
        minimum: Int? = nil
    ) -> Self {
        let spec = OptionSpec.value(
            long, short: short, valueName: valueName, abstract: abstract, defaultValue: String(defaultValue))
        return Option(spec) { invocation throws(UsageError) in
            let value = try invocation.integer(long) ?? defaultValue
            if let minimum, value < minimum {
                throw UsageError(
                    .invalidCombination("--\(long) must be at least \(minimum), got \(value)"),
                    commandPath: invocation.commandPath)
            }
            return value
        }
    }
}

extension Option where Value == Duration {
    /// `--timeout SECONDS`, fractions allowed: more than zero and at most a day.
    public static func seconds(
        _ long: String, short: Character? = nil, valueName: String = "SECONDS", abstract: String, default defaultValue: Int
    ) -> Self {
        let spec = OptionSpec.value(
            long, short: short, valueName: valueName, abstract: abstract, defaultValue: String(defaultValue))
        return Option(spec) { invocation throws(UsageError) in
            guard let text = invocation.value(long) else { return .seconds(defaultValue) }
            guard let seconds = Double(text), seconds.isFinite, seconds > 0, seconds <= 86_400 else {
                throw UsageError(
                    .invalidCombination("invalid value '\(text)' for '--\(long)' (expected a number of seconds, more than 0)"),
                    commandPath: invocation.commandPath)
            }
            return .seconds(seconds)
        }
    }
}

extension Option {
    /// `--format table|json|…`: one of an enumeration's cases, named by their raw values, which
    /// the parser alone accepts.
    public static func choice(
        _ long: String, short: Character? = nil, valueName: String, abstract: String, default defaultValue: Value,
        abstracts: [Value: String] = [:]
    ) -> Self where Value: RawRepresentable<String> & CaseIterable & Hashable {
        let allowed = Value.allCases.map { AllowedValue($0.rawValue, abstract: abstracts[$0] ?? "") }
        let spec = OptionSpec.value(
            long, short: short, valueName: valueName, abstract: abstract, defaultValue: defaultValue.rawValue,
            allowedValues: allowed)
        return Option(spec) { invocation in
            invocation.value(long).flatMap(Value.init(rawValue:)) ?? defaultValue
        }
    }
}

extension Invocation {
    /// The value of a declared option, typed; see ``Option``.
    public subscript<Value>(_ option: Option<Value>) -> Value {
        get throws(UsageError) { try option.read(self) }
    }

    /// Whether the option appeared on the command line (rather than taking its default).
    public func isGiven<Value>(_ option: Option<Value>) -> Bool {
        flag(option.spec.long)
    }
}

/// The lookups by name the declarations above are made of; private to this file so that handlers
/// can only read options through a typed declaration.
extension Invocation {
    fileprivate func declaration(_ long: String) -> OptionSpec {
        guard let option = declaredOptions[long] else {
            preconditionFailure("\(commandName) declares no option --\(long)")
        }
        return option
    }

    /// Whether the flag (or any option) `--long` appeared.
    fileprivate func flag(_ long: String) -> Bool {
        _ = declaration(long)
        return optionValues[long] != nil
    }

    /// The last value given for `--long`, else its declared default, else nil.
    fileprivate func value(_ long: String) -> String? {
        let option = declaration(long)
        return optionValues[long]?.last ?? option.defaultValue
    }

    /// Every value given for a repeatable option, in order (the default alone when none was given).
    fileprivate func values(_ long: String) -> [String] {
        let option = declaration(long)
        if let given = optionValues[long] { return given }
        return option.defaultValue.map { [$0] } ?? []
    }

    /// The value of `--long` as a whole number, or nil when absent without default.
    fileprivate func integer(_ long: String) throws(UsageError) -> Int? {
        guard let text = value(long) else { return nil }
        guard let number = Int(text) else {
            throw UsageError(.notAnInteger(option: "--\(long)", value: text), commandPath: commandPath)
        }
        return number
    }
}
