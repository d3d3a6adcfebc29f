/// Where callers find an additional CA bundle to trust on top of the system's.
public enum ExtraCABundle {
    public static let variables = [
        EnvironmentVariable(
            "SSL_CERT_FILE", "A PEM file of CA certificates to trust for the API in addition to the system's."),
        EnvironmentVariable("CURL_CA_BUNDLE", "The same as SSL_CERT_FILE, when that is not set."),
    ]

    /// `SSL_CERT_FILE`, else `CURL_CA_BUNDLE`, from `environment`; empty values count as unset.
    public static func path(fromEnvironment environment: [String: String]) -> String? {
        variables.lazy.compactMap { $0.value(in: environment) }.first
    }
}
