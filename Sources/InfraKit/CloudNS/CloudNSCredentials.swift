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

    /// The variables, in the environment and in credentials files, declared once for the client,
    /// help and man pages.
    public enum Variable {
        public static let authID = EnvironmentVariable(
            "CLOUDNS_AUTH_ID", "API user id (one of the three identities).", allowsFile: true)
        public static let subAuthID = EnvironmentVariable(
            "CLOUDNS_SUB_AUTH_ID", "API sub-user id (one of the three identities).", allowsFile: true)
        public static let subAuthUser = EnvironmentVariable(
            "CLOUDNS_SUB_AUTH_USER", "API sub-user name (one of the three identities).", allowsFile: true)
        public static let password = EnvironmentVariable(
            "CLOUDNS_AUTH_PASSWORD", "Password of the API user or sub-user.", allowsFile: true)
        /// Names a credentials file when `--credentials` is not given.
        public static let credentialsFile = EnvironmentVariable(
            "CLOUDNS_CREDENTIALS",
            "Credentials file of NAME=value lines with the names above; must be readable by its owner only.")
        /// The API endpoint.
        public static let apiURL = EnvironmentVariable(
            "CLOUDNS_API_URL", "API endpoint (default: \(CloudNSClient.defaultAPIURL)).")

        static let identities = [authID, subAuthID, subAuthUser]
    }

    /// Where CloudNS credentials come from; see ``CredentialSource``.
    public static let source = CredentialSource(
        provider: "CloudNS", variables: Variable.identities + [Variable.password],
        credentialsFileVariable: Variable.credentialsFile)

    /// Every variable CloudNS tools read, for help and man pages.
    public static var documentedVariables: [EnvironmentVariable] { source.documentedVariables + [Variable.apiURL] }

    /// Finds the credentials as ``CredentialSource/read(environment:credentialsFile:)`` does and
    /// checks they name exactly one identity and a password. Every failure is a
    /// ``CredentialError`` (exit 78) naming the variable, file or line at fault — never a value.
    public static func resolve(
        environment: [String: String], credentialsFile: String? = nil
    ) throws(CredentialError) -> CloudNSCredentials {
        let values = try source.read(environment: environment, credentialsFile: credentialsFile)
        guard !values.isEmpty else {
            throw CredentialError(
                "no CloudNS credentials: set \(Variable.authID.name) (or \(Variable.subAuthID.name) or "
                    + "\(Variable.subAuthUser.name)) and \(Variable.password.name), or name a credentials file with "
                    + "--credentials or \(Variable.credentialsFile.name)")
        }
        return try validated(values)
    }

    static func validated(_ values: CredentialSource.Values) throws(CredentialError) -> CloudNSCredentials {
        let source = values.source
        let given = Variable.identities.filter { values[$0] != nil }
        guard given.count == 1, let variable = given.first, let value = values[variable] else {
            if given.isEmpty {
                throw CredentialError(
                    "no identity in \(source): set exactly one of \(Variable.identities.map(\.name).joined(separator: ", "))")
            }
            throw CredentialError(
                "\(given.map(\.name).joined(separator: " and ")) are both set in \(source); set exactly one identity")
        }
        guard let password = values[Variable.password] else {
            throw CredentialError("\(Variable.password.name) is not set in \(source)")
        }
        let identity: Identity
        switch variable {
        case Variable.authID: identity = .authID(value)
        case Variable.subAuthID: identity = .subAuthID(value)
        default: identity = .subAuthUser(value)
        }
        if variable != Variable.subAuthUser, !value.allSatisfy(\.isASCIIDigit) {
            throw CredentialError("\(variable.name) in \(source) is not a number; CloudNS ids are numeric")
        }
        return CloudNSCredentials(identity: identity, password: Secret(password), source: source)
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
