import Foundation

/// The step that adds a provider's credentials to every attempt of a request.
///
/// It also tells the client which literal values are secret, so its ``Redactor`` can scrub them from
/// any text even where no parameter name gives them away (a server echoing a password in an error body).
public struct RequestAuthenticator: Sendable {
    /// Values to scrub from every message, trace line and error of the client.
    public let secrets: [Secret]
    private let decorate: @Sendable (inout HTTPRequest) throws(AuthenticationError) -> Void

    /// A custom step. Throw ``AuthenticationError`` when a request cannot carry the credentials.
    public init(
        secrets: [Secret], _ decorate: @escaping @Sendable (inout HTTPRequest) throws(AuthenticationError) -> Void
    ) {
        self.secrets = secrets
        self.decorate = decorate
    }

    func apply(to request: inout HTTPRequest) throws(AuthenticationError) {
        try decorate(&request)
    }

    /// Sends no credentials.
    public static let none = RequestAuthenticator(secrets: []) { _ throws(AuthenticationError) in }

    /// `Authorization: Bearer <token>` (Hetzner Cloud).
    public static func bearer(_ token: Secret) -> RequestAuthenticator {
        RequestAuthenticator(secrets: [token]) { request throws(AuthenticationError) in
            request.headers["Authorization"] = "Bearer " + token.revealed
        }
    }

    /// HTTP Basic authentication (Hetzner Robot).
    public static func basic(user: String, password: Secret) -> RequestAuthenticator {
        let encoded = Secret(Data((user + ":" + password.revealed).utf8).base64EncodedString())
        return RequestAuthenticator(secrets: [password, encoded]) { request throws(AuthenticationError) in
            request.headers["Authorization"] = "Basic " + encoded.revealed
        }
    }

    /// Credentials as leading fields of an `application/x-www-form-urlencoded` body (CloudNS), so they
    /// never appear in a URL. A request without a body gets a form body; one with a JSON or raw body
    /// is refused.
    public static func formFields(
        _ plain: HTTPParameters = [:], secret: KeyValuePairs<String, Secret>
    ) -> RequestAuthenticator {
        let secretFields = secret.map { ($0.key, $0.value) }
        return RequestAuthenticator(secrets: secretFields.map(\.1)) { request throws(AuthenticationError) in
            var fields = plain
            for (name, value) in secretFields { fields.append(name, value.revealed) }
            switch request.body {
            case .empty:
                request.body = .form(fields)
            case .form(let existing):
                fields.append(contentsOf: existing)
                request.body = .form(fields)
            case .json, .raw:
                throw AuthenticationError("form authentication needs a form body, not \(request.body.contentType ?? "none")")
            }
        }
    }

    /// Credentials as query parameters. Prefer ``formFields(_:secret:)``: URLs end up in logs of proxies
    /// and servers, which the ``Redactor`` cannot reach.
    public static func queryItems(
        _ plain: HTTPParameters = [:], secret: KeyValuePairs<String, Secret>
    ) -> RequestAuthenticator {
        let secretFields = secret.map { ($0.key, $0.value) }
        return RequestAuthenticator(secrets: secretFields.map(\.1)) { request throws(AuthenticationError) in
            var items = plain
            for (name, value) in secretFields { items.append(name, value.revealed) }
            items.append(contentsOf: request.query)
            request.query = items
        }
    }
}

/// A request that cannot carry the client's credentials.
public struct AuthenticationError: Error, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
}
