import Foundation

/// Who the client is at CloudNS: exactly one identity plus its password.
public struct CloudNSCredentials: Sendable {
    /// The three identities CloudNS knows: an API user, or a sub-user by id or by name.
    public enum Identity: Sendable, Hashable, CustomStringConvertible {
        case authID(String)
        case subAuthID(String)
        case subAuthUser(String)

        /// The request parameter carrying it: `auth-id`, `sub-auth-id` or `sub-auth-user`.
        public var parameterName: String {
            switch self {
            case .authID: "auth-id"
            case .subAuthID: "sub-auth-id"
            case .subAuthUser: "sub-auth-user"
            }
        }

        public var value: String {
            switch self {
            case .authID(let value), .subAuthID(let value), .subAuthUser(let value): value
            }
        }

        /// Sub-users see only the zones assigned to them.
        public var isSubUser: Bool {
            if case .authID = self { false } else { true }
        }

        /// `auth-id 1234`: identities are not secret, passwords are.
        public var description: String { "\(parameterName) \(value)" }
    }

    public let identity: Identity
    public let password: Secret
    /// Where the credentials came from, for messages: `the environment` or `credentials file PATH`.
    public let source: String

    public init(identity: Identity, password: Secret, source: String = "the caller") {
        self.identity = identity
        self.password = password
        self.source = source
    }

    /// The variable names, in the environment and in credentials files.
    public enum Variable {
        public static let authID = "CLOUDNS_AUTH_ID"
        public static let subAuthID = "CLOUDNS_SUB_AUTH_ID"
        public static let subAuthUser = "CLOUDNS_SUB_AUTH_USER"
        public static let password = "CLOUDNS_AUTH_PASSWORD"
        /// Names a credentials file when `--credentials` is not given.
        public static let credentialsFile = "CLOUDNS_CREDENTIALS"

        static let identities = [authID, subAuthID, subAuthUser]
        static let all = identities + [password]
    }

    /// Finds the credentials the way every tool of the suite does:
    /// 1. `credentialsFile` (the `--credentials` option) when given;
    /// 2. otherwise the variables `CLOUDNS_AUTH_ID` | `CLOUDNS_SUB_AUTH_ID` | `CLOUDNS_SUB_AUTH_USER`
    ///    and `CLOUDNS_AUTH_PASSWORD`, each also as `NAME_FILE` naming a file that holds the value;
    /// 3. otherwise the file `CLOUDNS_CREDENTIALS` names.
    ///
    /// A credentials file holds `NAME=value` lines with the same names and must be readable by its
    /// owner only. Empty variables count as unset. Every failure is a ``CloudNSCredentialsError``
    /// (exit 78) naming the variable, file or line at fault — never a value.
    public static func resolve(
        environment: [String: String], credentialsFile: String? = nil
    ) throws(CloudNSCredentialsError) -> CloudNSCredentials {
        if let credentialsFile {
            return try fromFile(credentialsFile, via: "--credentials")
        }
        var values: [String: String] = [:]
        for name in Variable.all {
            let direct = environment[name].flatMap { $0.isEmpty ? nil : $0 }
            let file = environment[name + "_FILE"].flatMap { $0.isEmpty ? nil : $0 }
            switch (direct, file) {
            case (.some, .some):
                throw CloudNSCredentialsError("both \(name) and \(name)_FILE are set; set only one")
            case (.some(let value), nil):
                values[name] = value
            case (nil, .some(let path)):
                values[name] = try readValueFile(path, variable: name + "_FILE")
            case (nil, nil):
                break
            }
        }
        let fileVariable = environment[Variable.credentialsFile].flatMap { $0.isEmpty ? nil : $0 }
        if let fileVariable {
            guard values.isEmpty else {
                let names = values.keys.sorted().joined(separator: ", ")
                throw CloudNSCredentialsError(
                    "both \(Variable.credentialsFile) and \(names) are set; use either the credentials file or the variables")
            }
            return try fromFile(fileVariable, via: Variable.credentialsFile)
        }
        guard !values.isEmpty else {
            throw CloudNSCredentialsError(
                "no CloudNS credentials: set \(Variable.authID) (or \(Variable.subAuthID) or \(Variable.subAuthUser)) "
                    + "and \(Variable.password), or name a credentials file with --credentials or \(Variable.credentialsFile)")
        }
        return try validated(values, source: "the environment")
    }

    /// Reads and checks a credentials file; `via` says how it was named, for messages.
    static func fromFile(_ path: String, via: String) throws(CloudNSCredentialsError) -> CloudNSCredentials {
        let text = try CloudNSCredentialsFile.read(path, via: via)
        let values = try CloudNSCredentialsFile.parse(text, path: path)
        return try validated(values, source: "credentials file \(path)")
    }

    static func validated(_ values: [String: String], source: String) throws(CloudNSCredentialsError) -> CloudNSCredentials {
        let given = Variable.identities.filter { values[$0] != nil }
        guard given.count == 1, let name = given.first, let value = values[name] else {
            if given.isEmpty {
                throw CloudNSCredentialsError(
                    "no identity in \(source): set exactly one of \(Variable.identities.joined(separator: ", "))")
            }
            throw CloudNSCredentialsError(
                "\(given.joined(separator: " and ")) are both set in \(source); set exactly one identity")
        }
        guard let password = values[Variable.password] else {
            throw CloudNSCredentialsError("\(Variable.password) is not set in \(source)")
        }
        let identity: Identity
        switch name {
        case Variable.authID: identity = .authID(value)
        case Variable.subAuthID: identity = .subAuthID(value)
        default: identity = .subAuthUser(value)
        }
        if name != Variable.subAuthUser, !value.allSatisfy(\.isASCIIDigit) {
            throw CloudNSCredentialsError("\(name) in \(source) is not a number; CloudNS ids are numeric")
        }
        return CloudNSCredentials(identity: identity, password: Secret(password), source: source)
    }

    /// The value in a `NAME_FILE` file: its content without the final line break.
    private static func readValueFile(_ path: String, variable: String) throws(CloudNSCredentialsError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot be read" : "does not exist"
            throw CloudNSCredentialsError("\(variable): the file \(path) \(reason)")
        }
        var value = Substring(decoding: data, as: UTF8.self)
        while value.hasSuffix("\n") || value.hasSuffix("\r") { value = value.dropLast() }
        guard !value.isEmpty else { throw CloudNSCredentialsError("\(variable): the file \(path) is empty") }
        return String(value)
    }
}

/// Missing, conflicting or unsafe CloudNS credentials: a configuration error (exit 78) whose
/// message names what is wrong and where, never a secret.
public struct CloudNSCredentialsError: ClassifiedError, Sendable, Hashable, CustomStringConvertible {
    public let message: String
    public var exitStatus: ExitStatus { .configuration }
    public var description: String { message }

    public init(_ message: String) { self.message = message }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
