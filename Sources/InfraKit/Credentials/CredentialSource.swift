import Foundation

/// Where one provider's credentials come from, the same way for every provider of the suite:
/// 1. a credentials file given on the command line (`--credentials FILE`), when there is one;
/// 2. otherwise the variables themselves, each also as `NAME_FILE` naming a file holding the value;
/// 3. otherwise the credentials file named by ``credentialsFileVariable`` (`CLOUDNS_CREDENTIALS`).
///
/// A credentials file holds `NAME=value` lines with the source's variable names and must be
/// readable by its owner only. Empty variables count as unset. Which combinations of values make a
/// usable identity is the provider's business; the source only gathers them.
public struct CredentialSource: Sendable {
    /// For messages: `CloudNS`, `Hetzner Cloud`.
    public let provider: String
    public let variables: [EnvironmentVariable]
    /// The variable naming a credentials file; nil for providers without one.
    public let credentialsFileVariable: EnvironmentVariable?

    public init(provider: String, variables: [EnvironmentVariable], credentialsFileVariable: EnvironmentVariable? = nil) {
        self.provider = provider
        self.variables = variables
        self.credentialsFileVariable = credentialsFileVariable
    }

    /// The values found, by variable name, and where they came from.
    public struct Values: Sendable {
        public let values: [String: String]
        /// `the environment` or `credentials file PATH`.
        public let source: String

        public subscript(_ variable: EnvironmentVariable) -> String? { values[variable.name] }
        public var isEmpty: Bool { values.isEmpty }
        /// The names that were set, sorted.
        public var names: [String] { values.keys.sorted() }
    }

    /// Whether any of the variables (or its `NAME_FILE` form, or the credentials file variable) is
    /// set: a command that uses the provider only when it is configured asks this first.
    public func isConfigured(in environment: [String: String]) -> Bool {
        let set = { (name: String) in environment[name].map { !$0.isEmpty } == true }
        return variables.contains { set($0.name) || ($0.allowsFile && set($0.fileVariable)) }
            || credentialsFileVariable.map { set($0.name) } == true
    }

    /// Every variable the source reads, `NAME_FILE` forms and the credentials file included, in
    /// the order help and man pages list them.
    public var documentedVariables: [EnvironmentVariable] {
        let fileForms = variables.filter(\.allowsFile).map { variable in
            EnvironmentVariable(variable.fileVariable, "Read \(variable.name) from this file.", allowsFile: false)
        }
        let file = credentialsFileVariable.map { [$0] } ?? []
        return variables + fileForms + file
    }

    /// The values from `credentialsFile`, else the environment, else the file
    /// ``credentialsFileVariable`` names. Nothing set at all gives empty values, not an error.
    public func read(environment: [String: String], credentialsFile: String? = nil) throws(CredentialError) -> Values {
        if let credentialsFile {
            return try fromFile(credentialsFile, via: "--credentials")
        }
        var values: [String: String] = [:]
        for variable in variables {
            let direct = variable.value(in: environment)
            let file = variable.allowsFile ? environment[variable.fileVariable].flatMap { $0.isEmpty ? nil : $0 } : nil
            switch (direct, file) {
            case (.some, .some):
                throw CredentialError("both \(variable.name) and \(variable.fileVariable) are set; set only one")
            case (.some(let value), nil):
                values[variable.name] = value
            case (nil, .some(let path)):
                values[variable.name] = try Self.readValueFile(path, variable: variable.fileVariable)
            case (nil, nil):
                break
            }
        }
        if let fileVariable = credentialsFileVariable,
            let path = fileVariable.value(in: environment)
        {
            guard values.isEmpty else {
                let names = values.keys.sorted().joined(separator: ", ")
                throw CredentialError(
                    "both \(fileVariable.name) and \(names) are set; use either the credentials file or the variables")
            }
            return try fromFile(path, via: fileVariable.name)
        }
        return Values(values: values, source: "the environment")
    }

    /// Reads and parses a credentials file; `via` says how it was named, for messages.
    func fromFile(_ path: String, via: String) throws(CredentialError) -> Values {
        let text = try CredentialsFile.read(path, via: via)
        let values = try CredentialsFile.parse(text, path: path, allowedNames: variables.map(\.name))
        return Values(values: values, source: "credentials file \(path)")
    }

    /// The value in a `NAME_FILE` file: its content without the final line break.
    static func readValueFile(_ path: String, variable: String) throws(CredentialError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot be read" : "does not exist"
            throw CredentialError("\(variable): the file \(path) \(reason)")
        }
        var bytes = data[...]
        while let last = bytes.last, last == 0x0A || last == 0x0D { bytes = bytes.dropLast() }
        guard !bytes.isEmpty else { throw CredentialError("\(variable): the file \(path) is empty") }
        return String(decoding: bytes, as: UTF8.self)
    }
}
