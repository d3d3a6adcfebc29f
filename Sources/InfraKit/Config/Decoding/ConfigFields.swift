/// The keys of one mapping, looked up by name; remembers which names were asked for so the
/// others can be reported as unknown.
struct ConfigFields {
    private let mapping: ConfigNode
    private let pairs: [YAMLPair]
    private let keys: [String]
    private var requested: [String] = []

    init(mapping: ConfigNode, pairs: [YAMLPair]) throws(ConfigError) {
        self.mapping = mapping
        self.pairs = pairs
        var keys: [String] = []
        keys.reserveCapacity(pairs.count)
        for pair in pairs {
            keys.append(try ConfigNode(node: pair.key, path: mapping.path, state: mapping.state).keyName())
        }
        self.keys = keys
    }

    /// The value under `key`; nil when the key is absent or its value is null.
    mutating func node(_ key: String) -> ConfigNode? {
        requested.append(key)
        guard let index = keys.firstIndex(of: key) else { return nil }
        let value = pairs[index].value
        if value.isNull { return nil }
        return ConfigNode(node: value, path: mapping.path.appending(key), state: mapping.state)
    }

    mutating func optional<Value>(_ key: String, _ decode: (ConfigNode) throws(ConfigError) -> Value) throws(ConfigError) -> Value? {
        guard let value = node(key) else { return nil }
        return try decode(value)
    }

    mutating func required<Value>(_ key: String, _ decode: (ConfigNode) throws(ConfigError) -> Value) throws(ConfigError) -> Value {
        guard let value = node(key) else {
            throw mapping.failure("missing required key \"\(key)\"", kind: .missingKey)
        }
        return try decode(value)
    }

    mutating func string(_ key: String) throws(ConfigError) -> String? {
        try optional(key) { value throws(ConfigError) in try value.string() }
    }

    mutating func integer(_ key: String) throws(ConfigError) -> Int? {
        try optional(key) { value throws(ConfigError) in try value.integer() }
    }

    mutating func nonNegativeInteger(_ key: String) throws(ConfigError) -> Int? {
        try optional(key) { value throws(ConfigError) in try value.nonNegativeInteger() }
    }

    mutating func port(_ key: String) throws(ConfigError) -> Int? {
        try optional(key) { value throws(ConfigError) in try value.port() }
    }

    mutating func boolean(_ key: String) throws(ConfigError) -> Bool? {
        try optional(key) { value throws(ConfigError) in try value.boolean() }
    }

    mutating func stringList(_ key: String) throws(ConfigError) -> [String] {
        try optional(key) { value throws(ConfigError) in try value.stringList() } ?? []
    }

    /// A host name that must match a key of `hosts:`; checked once all hosts are decoded.
    mutating func hostReference(_ key: String, required: Bool) throws(ConfigError) -> String? {
        let decode: (ConfigNode) throws(ConfigError) -> String = { value throws(ConfigError) in
            try value.hostReference()
        }
        return required ? try self.required(key, decode) : try optional(key, decode)
    }

    func warnAboutUnknownKeys(allowingExtensionKeys: Bool) {
        for (index, key) in keys.enumerated() where !requested.contains(key) {
            if allowingExtensionKeys, key.hasPrefix("x-") || key.hasPrefix(".") { continue }
            var detail = "unknown key, ignored"
            if let suggestion = ClosestMatch.find(key, in: requested) { detail += " (did you mean \"\(suggestion)\"?)" }
            mapping.state.warn(detail, at: pairs[index].key.mark, path: mapping.path.appending(key))
        }
    }
}

extension ConfigNode {
    /// A string naming a host, remembered for the reference check after decoding.
    func hostReference() throws(ConfigError) -> String {
        let name = try string()
        state.hostReferences.append(.init(name: name, mark: node.mark, path: path))
        return name
    }
}
