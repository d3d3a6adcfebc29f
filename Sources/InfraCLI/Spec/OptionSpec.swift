/// One option of a command: `--long`, optionally `-s`, with or without a value.
public struct OptionSpec: Sendable {
    /// How many times an option may appear and whether it takes a value.
    public enum Arity: Sendable, Hashable {
        /// `--yes`: present or absent.
        case flag
        /// `--zone Z`: one value; when repeated, the last one wins.
        case single
        /// `--host H --host H2`: every value is kept, in order.
        case repeatable
    }

    /// The long name without the leading dashes (`zone` for `--zone`).
    public var long: String
    /// The one-letter short name without the dash (`z` for `-z`).
    public var short: Character?
    public var arity: Arity
    /// The placeholder shown in help and man pages (`ZONE`); empty for flags.
    public var valueName: String
    /// One line saying what the option does, shown in help, man pages and completions.
    public var abstract: String
    /// The value used when the option is absent, as the user would type it.
    public var defaultValue: String?
    /// When not empty, the only values accepted; the parser rejects others with a usage error.
    public var allowedValues: [AllowedValue]
    public var completion: CompletionKind
    /// Hidden options are accepted but left out of help, man pages and completions.
    public var isHidden: Bool

    public init(
        long: String, short: Character? = nil, arity: Arity, valueName: String = "",
        abstract: String, defaultValue: String? = nil, allowedValues: [AllowedValue] = [],
        completion: CompletionKind = .none, isHidden: Bool = false
    ) {
        self.long = long
        self.short = short
        self.arity = arity
        self.valueName = valueName
        self.abstract = abstract
        self.defaultValue = defaultValue
        self.allowedValues = allowedValues
        self.completion = completion
        self.isHidden = isHidden
    }

    /// An option without a value.
    public static func flag(
        _ long: String, short: Character? = nil, abstract: String, isHidden: Bool = false
    ) -> OptionSpec {
        OptionSpec(long: long, short: short, arity: .flag, abstract: abstract, isHidden: isHidden)
    }

    /// An option that takes a value; `repeatable` keeps every occurrence.
    public static func value(
        _ long: String, short: Character? = nil, valueName: String, abstract: String,
        defaultValue: String? = nil, allowedValues: [AllowedValue] = [],
        completion: CompletionKind = .none, repeatable: Bool = false, isHidden: Bool = false
    ) -> OptionSpec {
        OptionSpec(
            long: long, short: short, arity: repeatable ? .repeatable : .single,
            valueName: valueName, abstract: abstract, defaultValue: defaultValue,
            allowedValues: allowedValues, completion: completion, isHidden: isHidden)
    }

    public var takesValue: Bool { arity != .flag }

    /// What shells should offer for the value: the allowed values when there are some.
    public var effectiveCompletion: CompletionKind {
        allowedValues.isEmpty ? completion : .list(allowedValues.map(\.value))
    }

    /// `--zone` or `-z, --zone` as written in help.
    public var displayNames: String {
        if let short { return "-\(short), --\(long)" }
        return "--\(long)"
    }
}

/// One value an option accepts, with an optional word on what it means.
public struct AllowedValue: Sendable, Hashable, ExpressibleByStringLiteral {
    public var value: String
    public var abstract: String

    public init(_ value: String, abstract: String = "") {
        self.value = value
        self.abstract = abstract
    }

    public init(stringLiteral value: String) { self.init(value) }
}
