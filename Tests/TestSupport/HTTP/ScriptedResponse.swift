import Foundation

/// What ``LoopbackHTTPServer`` answers to one request, and how badly it behaves while doing so.
public struct ScriptedResponse: Sendable {
    public var status: Int
    public var headers: [(String, String)]
    public var body: Data
    /// Silence between reading the request and sending the status line.
    public var delayBeforeHeaders: Duration = .zero
    /// Silence after the first half of the body.
    public var delayMidBody: Duration = .zero
    /// Send the headers and half the body, then reset the connection (RST).
    public var resetMidBody = false
    /// Read the request, then reset the connection without answering.
    public var resetWithoutResponse = false
    /// False sends `Connection: close` and closes after the response.
    public var keepAlive = true
    /// Announce this `Content-Length` instead of the body's, then close after the body.
    public var declaredLength: Int?

    public init(status: Int, headers: [(String, String)] = [], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public static func json(_ text: String, status: Int = 200, headers: [(String, String)] = []) -> ScriptedResponse {
        ScriptedResponse(status: status, headers: [("Content-Type", "application/json")] + headers, body: Data(text.utf8))
    }

    public static func text(_ text: String, status: Int, headers: [(String, String)] = []) -> ScriptedResponse {
        ScriptedResponse(status: status, headers: [("Content-Type", "text/plain")] + headers, body: Data(text.utf8))
    }

    public static func html(_ html: String, status: Int) -> ScriptedResponse {
        ScriptedResponse(status: status, headers: [("Content-Type", "text/html")], body: Data(html.utf8))
    }

    public static let ok = ScriptedResponse.json(#"{"ok":true}"#)

    /// Returns a copy with `change` applied, for one-line scripts.
    public func with(_ change: (inout ScriptedResponse) -> Void) -> ScriptedResponse {
        var copy = self
        change(&copy)
        return copy
    }
}

/// One request as ``LoopbackHTTPServer`` received it.
public struct RecordedRequest: Sendable {
    public let method: String
    /// The request target as sent: path and query.
    public let target: String
    public let headers: [(String, String)]
    public let body: Data
    /// Which accepted connection carried it, counted from 1.
    public let connectionID: Int
    public let receivedAt: ContinuousClock.Instant

    public var path: String { String(target.prefix { $0 != "?" }) }

    public var query: String {
        guard let mark = target.firstIndex(of: "?") else { return "" }
        return String(target[target.index(after: mark)...])
    }

    public var bodyText: String { String(decoding: body, as: UTF8.self) }

    public func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }

    /// Name/value pairs of an urlencoded string (a query or a form body), decoded.
    public static func pairs(_ encoded: String) -> [(String, String)] {
        encoded.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String {
                text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(text)
            }
            return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
        }
    }
}
