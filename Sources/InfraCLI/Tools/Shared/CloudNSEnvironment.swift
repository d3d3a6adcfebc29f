/// The CloudNS credential and endpoint variables, read by both infra-dns and acme-cloudns-hook.
enum CloudNSEnvironment {
    static let variables: [EnvironmentSpec] = [
        EnvironmentSpec("CLOUDNS_AUTH_ID", "API user id (one of the three identities)."),
        EnvironmentSpec("CLOUDNS_SUB_AUTH_ID", "API sub-user id (one of the three identities)."),
        EnvironmentSpec("CLOUDNS_SUB_AUTH_USER", "API sub-user name (one of the three identities)."),
        EnvironmentSpec("CLOUDNS_AUTH_PASSWORD", "Password of the API user or sub-user."),
        EnvironmentSpec("CLOUDNS_AUTH_ID_FILE", "Read CLOUDNS_AUTH_ID from this file."),
        EnvironmentSpec("CLOUDNS_SUB_AUTH_ID_FILE", "Read CLOUDNS_SUB_AUTH_ID from this file."),
        EnvironmentSpec("CLOUDNS_SUB_AUTH_USER_FILE", "Read CLOUDNS_SUB_AUTH_USER from this file."),
        EnvironmentSpec("CLOUDNS_AUTH_PASSWORD_FILE", "Read CLOUDNS_AUTH_PASSWORD from this file."),
        EnvironmentSpec(
            "CLOUDNS_CREDENTIALS",
            "Credentials file of NAME=value lines with the names above; must be readable by its owner only."),
        EnvironmentSpec("CLOUDNS_API_URL", "API endpoint (default: https://api.cloudns.net)."),
    ]
}
