import Foundation

/// CloudNS reports failures inside HTTP 200 answers as `{"status":"Failed","statusDescription":…}`.
/// This reads them before anything is decoded, for the ``APIClient``'s response classifier.
enum CloudNSFailure {
    static let missingZone = "Missing domain-name"
    static let invalidRecordID = "Invalid record-id param."

    /// How long the client stops every request after a "Request blocked" answer.
    struct RateLimitPauses: Sendable {
        /// After `… requests per second.` (dnscontrol pauses about half a second).
        var perSecond: Duration = .seconds(1)
        /// After `… requests per minute.`: the minute window has to drain.
        var perMinute: Duration = .seconds(15)
    }

    /// The `statusDescription` (or `statusMessage`) of a Failed answer; nil for anything else.
    static func description(in body: Data) -> String? {
        // Cheap test first: record listings are large and never hold this text.
        guard body.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) == UInt8(ascii: "{"),
            body.range(of: Data("Failed".utf8)) != nil,
            let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any],
            object["status"] as? String == "Failed"
        else { return nil }
        let text = object["statusDescription"] as? String ?? object["statusMessage"] as? String
        return text.flatMap { $0.isEmpty ? nil : $0 } ?? "CloudNS answered Failed without a description"
    }

    /// The classifier verdict for one 2xx answer.
    static func verdict(for response: HTTPResponse, pauses: RateLimitPauses) -> ResponseVerdict {
        guard let description = description(in: response.body) else { return .accept }
        if description.hasPrefix("Request blocked") || description.contains("is sending more than") {
            if description.contains("per minute") { return .rateLimited(retryAfter: pauses.perMinute) }
            if description.contains("per hour") {
                return .failure(message: description + " (blocked for up to an hour)", exitStatus: .temporaryFailure)
            }
            return .rateLimited(retryAfter: pauses.perSecond)
        }
        return .failure(message: description, exitStatus: exitStatus(for: description))
    }

    /// Refused credentials → 77; refused input (`Invalid …`, `Missing …`, `Wrong …`) → 65; anything
    /// else (a plan restriction, an inactive account) → 69.
    static func exitStatus(for description: String) -> ExitStatus {
        if description.hasPrefix("Invalid authentication") { return .noPermission }
        if ["Invalid ", "Missing ", "Wrong "].contains(where: description.hasPrefix) { return .dataError }
        return .unavailable
    }
}
