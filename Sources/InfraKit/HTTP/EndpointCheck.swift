import Foundation

/// Checks an API endpoint the user gave (`CLOUDNS_API_URL`, `HCLOUD_ENDPOINT`, …).
enum EndpointCheck {
    /// Why `url` is unusable, or nil: it must be https, or http on loopback only (credentials would
    /// travel unencrypted), with no userinfo or query.
    static func problem(_ url: String, example: String) -> String? {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
            let host = components.host, !host.isEmpty
        else { return "'\(url)' is not a URL such as \(example)" }
        guard components.user == nil, components.password == nil, components.query == nil else {
            return "the URL must not carry a user, password or query"
        }
        switch scheme {
        case "https":
            return nil
        case "http":
            let loopback = host == "localhost" || host.hasPrefix("127.") || host == "::1" || host == "[::1]"
            return loopback ? nil : "plain http:// is allowed only for loopback addresses; credentials would travel unencrypted"
        default:
            return "expected an https:// URL, got scheme '\(scheme)'"
        }
    }
}
