/// A node being decoded, with its key path and the decode's shared state: the toolkit every
/// section decoder is written with. Each accessor throws a `ConfigError` that names the file,
/// the node's position, its key path, what was expected and what was found.
struct ConfigNode {
    let node: YAMLNode
    let path: YAMLPath
    let state: ConfigDecodingState

    func failure(_ detail: String, kind: ConfigError.Kind = .invalidValue) -> ConfigError {
        ConfigError(kind, file: state.file, mark: node.mark, path: path, detail: detail)
    }

    /// How the value is shown after "got": the scalar quoted (shortened), or its kind.
    var shownValue: String {
        if node.isNull { return "nothing (null)" }
        switch node.content {
        case .scalar(let scalar): return Self.quoted(scalar.value)
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        }
    }

    func expected(_ what: String, note: String? = nil) -> ConfigError {
        failure("expected \(what), got \(shownValue)" + (note.map { " (\($0))" } ?? ""))
    }

    func string() throws(ConfigError) -> String {
        guard let scalar = node.scalar, !node.isNull else { throw expected("a string") }
        return scalar.value
    }

    func integer() throws(ConfigError) -> Int {
        guard let scalar = node.scalar, !node.isNull else { throw expected("an integer") }
        guard node.tag == YAMLTag.int || (scalar.style == .plain && node.tag == nil) else {
            throw expected("an integer", note: notPlainNote(scalar))
        }
        switch YAMLInteger.parse(scalar.value) {
        case .value(let value): return value
        case .leadingZero:
            throw expected("an integer", note: "a leading zero means octal in YAML 1.1; write it without the zero, or as 0o…")
        case .tooLarge: throw expected("an integer", note: "too large")
        case .invalid: throw expected("an integer")
        }
    }

    func nonNegativeInteger() throws(ConfigError) -> Int {
        let value = try integer()
        guard value >= 0 else { throw expected("a non-negative integer") }
        return value
    }

    func port() throws(ConfigError) -> Int {
        let value = try integer()
        guard (1...65535).contains(value) else { throw expected("a port number from 1 to 65535") }
        return value
    }

    /// `true`/`false`, and YAML 1.1's `yes`/`no`/`on`/`off`, in lower, Title or UPPER case.
    func boolean() throws(ConfigError) -> Bool {
        let what = "a boolean (true/false, yes/no, on/off)"
        guard let scalar = node.scalar, !node.isNull else { throw expected(what) }
        guard node.tag == YAMLTag.bool || (scalar.style == .plain && node.tag == nil) else {
            throw expected(what, note: notPlainNote(scalar))
        }
        switch scalar.value {
        case "true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON": return true
        case "false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF": return false
        default: throw expected(what)
        }
    }

    /// Why a scalar that reads like a number or boolean is still a string.
    private func notPlainNote(_ scalar: YAMLScalar) -> String {
        if scalar.style != .plain { return "quoted, so a string" }
        var tag = node.tag ?? "!"
        let core = "tag:yaml.org,2002:"
        if tag.hasPrefix(core) { tag = "!!" + tag.dropFirst(core.count) }
        return "tagged \(tag), so not a plain value"
    }

    func ipAddress() throws(ConfigError) -> String {
        let text = try string()
        guard IPAddressSyntax.isIPAddress(text) else { throw expected("an IPv4 or IPv6 address") }
        return text
    }

    func cidr() throws(ConfigError) -> String {
        let text = try string()
        guard IPAddressSyntax.isCIDR(text) else { throw expected("a network in CIDR notation (like 10.0.0.0/16)") }
        return text
    }

    /// One of a fixed set of words.
    func oneOf<Value: RawRepresentable & CaseIterable>(_ type: Value.Type) throws(ConfigError) -> Value
    where Value.RawValue == String {
        let allowed = Value.allCases.map(\.rawValue)
        let what = "one of " + allowed.joined(separator: ", ")
        let text = try string()
        guard let value = Value(rawValue: text) else {
            throw expected(what, note: ClosestMatch.find(text, in: allowed).map { "did you mean \"\($0)\"?" })
        }
        return value
    }

    /// A sequence, each item decoded with `element`; an explicit null reads as an empty list.
    func list<Element>(_ element: (ConfigNode) throws(ConfigError) -> Element) throws(ConfigError) -> [Element] {
        if node.isNull { return [] }
        guard let items = node.sequence else { throw expected("a list") }
        var result: [Element] = []
        result.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            result.append(try element(ConfigNode(node: item, path: path.appending(index: index), state: state)))
        }
        return result
    }

    func stringList() throws(ConfigError) -> [String] {
        try list { item throws(ConfigError) in try item.string() }
    }

    /// A mapping from names to values (`hosts:`, `containers:`, `zones:`), in file order.
    func entries<Entry>(_ entry: (String, ConfigNode) throws(ConfigError) -> Entry) throws(ConfigError) -> [Entry] {
        if node.isNull { return [] }
        guard let pairs = node.mapping else { throw expected("a mapping of names") }
        var result: [Entry] = []
        result.reserveCapacity(pairs.count)
        for pair in pairs {
            let name = try ConfigNode(node: pair.key, path: path, state: state).keyName()
            result.append(try entry(name, ConfigNode(node: pair.value, path: path.appending(name), state: state)))
        }
        return result
    }

    /// A mapping with known keys. `body` asks for each key it knows through `ConfigFields`; keys it
    /// never asked for are reported as warnings, with the closest known key as a suggestion.
    /// An explicit null reads as an empty mapping.
    func fields<Result>(
        allowingExtensionKeys: Bool = false, _ body: (inout ConfigFields) throws(ConfigError) -> Result
    ) throws(ConfigError) -> Result {
        let pairs: [YAMLPair]
        if node.isNull {
            pairs = []
        } else if let mapping = node.mapping {
            pairs = mapping
        } else {
            throw expected("a mapping")
        }
        var fields = try ConfigFields(mapping: self, pairs: pairs)
        let result = try body(&fields)
        fields.warnAboutUnknownKeys(allowingExtensionKeys: allowingExtensionKeys)
        return result
    }

    /// This node read as a mapping key: a non-empty scalar.
    func keyName() throws(ConfigError) -> String {
        guard let scalar = node.scalar, !scalar.value.isEmpty else { throw expected("a key name") }
        return scalar.value
    }

    /// The scalar as shown after "got": quoted, escaped, cut at 60 characters.
    static func quoted(_ text: String) -> String {
        EscapedText.quoted(text.count > 60 ? String(text.prefix(57)) + "…" : text, for: .message)
    }
}
