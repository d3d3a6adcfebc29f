/// Where callers find an additional CA bundle to trust on top of the system's.
public enum ExtraCABundle {
    /// `SSL_CERT_FILE`, else `CURL_CA_BUNDLE`, from `environment`; empty values count as unset.
    public static func path(fromEnvironment environment: [String: String]) -> String? {
        for name in ["SSL_CERT_FILE", "CURL_CA_BUNDLE"] {
            if let path = environment[name], !path.isEmpty { return path }
        }
        return nil
    }
}
