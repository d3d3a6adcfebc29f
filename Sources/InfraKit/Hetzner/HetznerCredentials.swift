/// The variables the Hetzner clients read, declared once for the clients, help and man pages, and
/// the way options are built from them.
public enum HetznerCloudCredentials {
    public enum Variable {
        public static let token = EnvironmentVariable(
            "HCLOUD_TOKEN", "Hetzner Cloud API token of the project.", allowsFile: true)
        /// The name the official hcloud CLI uses.
        public static let endpoint = EnvironmentVariable(
            "HCLOUD_ENDPOINT", "Hetzner Cloud API endpoint (default: \(HetznerCloudClient.defaultEndpoint)).")
    }

    /// Where the token comes from: `HCLOUD_TOKEN` or the file `HCLOUD_TOKEN_FILE` names.
    public static let source = CredentialSource(provider: "Hetzner Cloud", variables: [Variable.token])

    /// Every variable, for help and man pages.
    public static var documentedVariables: [EnvironmentVariable] { source.documentedVariables + [Variable.endpoint] }

    /// Whether a token is configured at all (`HCLOUD_TOKEN` or `HCLOUD_TOKEN_FILE` set), without reading it.
    public static func isConfigured(in environment: [String: String]) -> Bool {
        source.isConfigured(in: environment)
    }

    /// Options with the token and endpoint of `environment`; a missing token is a configuration
    /// error (78) naming both variables.
    public static func options(
        environment: [String: String], userAgent: String
    ) throws(HetznerCloudError) -> HetznerCloudClient.Options {
        let values: CredentialSource.Values
        do {
            values = try source.read(environment: environment)
        } catch {
            throw HetznerCloudError(.configuration, error.message, exitStatus: .configuration)
        }
        guard let token = values[Variable.token] else {
            throw HetznerCloudError(
                .configuration,
                "no Hetzner Cloud token: set \(Variable.token.name) or \(Variable.token.fileVariable)",
                exitStatus: .configuration)
        }
        let endpoint = Variable.endpoint.value(in: environment) ?? HetznerCloudClient.defaultEndpoint
        return HetznerCloudClient.Options(token: Secret(token), endpoint: endpoint, userAgent: userAgent)
    }
}

/// The Robot webservice user, its password and the endpoint, from the environment.
public enum HetznerRobotCredentials {
    public enum Variable {
        public static let user = EnvironmentVariable(
            "HETZNER_ROBOT_USER", "Hetzner Robot webservice user (not the Robot login).", allowsFile: true)
        public static let password = EnvironmentVariable(
            "HETZNER_ROBOT_PASSWORD", "Password of the Robot webservice user.", allowsFile: true)
        public static let endpoint = EnvironmentVariable(
            "HETZNER_ROBOT_URL", "Hetzner Robot webservice endpoint (default: \(HetznerRobotClient.defaultEndpoint)).")
    }

    public static let source = CredentialSource(provider: "Hetzner Robot", variables: [Variable.user, Variable.password])

    public static var documentedVariables: [EnvironmentVariable] { source.documentedVariables + [Variable.endpoint] }

    /// Options with the user, password and endpoint of `environment`; either credential missing is
    /// a configuration error (78).
    public static func options(
        environment: [String: String], userAgent: String
    ) throws(HetznerRobotError) -> HetznerRobotClient.Options {
        let values: CredentialSource.Values
        do {
            values = try source.read(environment: environment)
        } catch {
            throw HetznerRobotError(.configuration, error.message, exitStatus: .configuration)
        }
        guard let user = values[Variable.user], let password = values[Variable.password] else {
            let missing = [Variable.user, Variable.password].filter { values[$0] == nil }.map(\.name)
            throw HetznerRobotError(
                .configuration, "no Hetzner Robot credentials: set \(missing.joined(separator: " and ")) (or NAME_FILE)",
                exitStatus: .configuration)
        }
        let endpoint = Variable.endpoint.value(in: environment) ?? HetznerRobotClient.defaultEndpoint
        return HetznerRobotClient.Options(user: user, password: Secret(password), endpoint: endpoint, userAgent: userAgent)
    }
}
