import Foundation

/// Turning an ``HTTPRequest`` into what the transport sends.
extension APIClient {
    struct InvalidRequest: Error {
        let message: String
    }

    func prepare(_ request: HTTPRequest) throws(InvalidRequest) -> TransportRequest {
        var request = request
        do {
            try configuration.authenticator.apply(to: &request)
        } catch {
            throw InvalidRequest(message: error.message)
        }
        var headers = request.headers
        if !headers.contains("User-Agent") { headers["User-Agent"] = configuration.userAgent }
        if !headers.contains("Accept") { headers["Accept"] = "application/json" }
        if let contentType = request.body.contentType, !headers.contains("Content-Type") {
            headers["Content-Type"] = contentType
        }
        for field in headers where !Self.isValidHeader(field) {
            throw InvalidRequest(message: "header \(field.name) contains a line break or an invalid name")
        }
        return TransportRequest(
            method: request.method, url: url(for: request), headers: headers, body: request.body.data,
            connectTimeout: configuration.connectTimeout, timeout: configuration.requestTimeout)
    }

    func url(for request: HTTPRequest) -> String {
        var base = Substring(configuration.baseURL)
        while base.hasSuffix("/") { base = base.dropLast() }
        let path = request.path.isEmpty || request.path.hasPrefix("/") ? request.path : "/" + request.path
        var url = String(base) + path
        if !request.query.isEmpty {
            url += (url.contains("?") ? "&" : "?") + request.query.percentEncoded
        }
        return url
    }

    /// `/v1/servers?page=2` from `https://api.hetzner.cloud/v1/servers?page=2`.
    static func pathAndQuery(of url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return url }
        let afterAuthority = url[schemeEnd.upperBound...].firstIndex { $0 == "/" || $0 == "?" }
        guard let afterAuthority else { return "/" }
        let rest = url[afterAuthority...]
        return rest.hasPrefix("?") ? "/" + rest : String(rest)
    }

    /// RFC 9110 token characters for the name; no line break or NUL in the value.
    private static func isValidHeader(_ field: HTTPHeaders.Field) -> Bool {
        func isTokenByte(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"):
                true
            default:
                "!#$%&'*+-.^_`|~".utf8.contains(byte)
            }
        }
        return !field.name.isEmpty && field.name.utf8.allSatisfy(isTokenByte)
            && !field.value.utf8.contains { $0 == 13 || $0 == 10 || $0 == 0 }
    }
}
