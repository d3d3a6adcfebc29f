import Foundation

/// Why a Hetzner Cloud operation failed, as one line without secrets, with the exit status it deserves.
///
/// API error codes (`error.code` of the envelope, or of a failed action) map to exit statuses so:
///
/// | code | exit | why |
/// |---|---|---|
/// | `unauthorized`, `forbidden`, `token_readonly` | 77 | the token may not do this |
/// | `not_found` | 65 | the named thing does not exist |
/// | `invalid_input`, `json_error`, `uniqueness_error`, `protected`, `deprecated_api_endpoint`, `unsupported_error` and the load balancer codes (`source_port_already_used`, `target_already_defined`, `missing_ipv4`, `ip_not_owned`, …) | 65 | the request does not fit the data: fix the input or the project, not the network |
/// | `rate_limit_exceeded`, `conflict`, `locked`, `timeout`, `robot_unavailable`, `resource_unavailable` | 75 | still refused after every retry; the same command may succeed later |
/// | `resource_limit_exceeded`, `ip_not_available`, `no_subnet_available` | 69 | the project's limits or Hetzner's stock must change first |
/// | `unavailable`, `maintenance`, `server_error`, `service_error`, `bad_gateway` | 69 | the service is down |
/// | any other code | by HTTP status: 401/403 → 77, other 4xx → 65, 5xx → 69 |
///
/// Failures without an envelope keep ``APIError``'s statuses (69 down, 75 flaky); an answer that is
/// not the JSON expected is 69; waiting longer than allowed for an action is 75; a bad endpoint is 78.
public struct HetznerCloudError: ClassifiedError, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// The API answered with its error envelope; see ``code``.
        case api
        /// An action ended with status `error`; ``code`` is the action's error code.
        case actionFailed
        /// An action was still running when the wait ended.
        case actionTimeout
        /// HTTP or network failure without an error envelope.
        case service
        /// The answer was not the JSON expected.
        case unexpectedAnswer
        /// A bad endpoint or CA bundle.
        case configuration
    }

    /// One entry of `details.fields`: an input field and what is wrong with it.
    public struct Field: Sendable, Hashable {
        public let name: String
        public let messages: [String]

        public init(name: String, messages: [String]) {
            self.name = name
            self.messages = messages
        }
    }

    public let kind: Kind
    /// The API's or the action's error code, such as `uniqueness_error`.
    public let code: String?
    public let message: String
    public let exitStatus: ExitStatus
    /// The HTTP status of the failing answer, when there was one.
    public let httpStatus: Int?
    /// `details.fields` of `invalid_input` and `uniqueness_error` answers.
    public let fields: [Field]
    /// The failed or unfinished action.
    public let actionID: Int64?

    public init(
        _ kind: Kind, code: String? = nil, _ message: String, exitStatus: ExitStatus, httpStatus: Int? = nil,
        fields: [Field] = [], actionID: Int64? = nil
    ) {
        self.kind = kind
        self.code = code
        self.message = message
        self.exitStatus = exitStatus
        self.httpStatus = httpStatus
        self.fields = fields
        self.actionID = actionID
    }

    public var description: String { message }

    /// True for a `not_found` answer.
    public var isNotFound: Bool { kind == .api && code == "not_found" }

    static let permissionCodes: Set<String> = ["unauthorized", "forbidden", "token_readonly"]
    static let temporaryCodes: Set<String> = [
        "rate_limit_exceeded", "conflict", "locked", "resource_locked", "timeout", "robot_unavailable",
        "resource_unavailable",
    ]
    static let dataCodes: Set<String> = [
        "not_found", "invalid_input", "json_error", "uniqueness_error", "protected", "deprecated_api_endpoint",
        "unsupported_error", "cloud_resource_ip_not_allowed", "ip_not_owned", "load_balancer_not_attached_to_network",
        "server_not_attached_to_network", "source_port_already_used", "missing_ipv4", "target_already_defined",
        "load_balancer_already_attached", "invalid_load_balancer_type", "targets_without_use_private_ip",
        "load_balancer_target_not_found",
    ]
    static let unavailableCodes: Set<String> = [
        "unavailable", "maintenance", "server_error", "service_error", "bad_gateway", "resource_limit_exceeded",
        "ip_not_available", "no_subnet_available",
    ]

    /// The exit status for an API error `code` answered with `httpStatus`.
    public static func exitStatus(forCode code: String, httpStatus: Int?) -> ExitStatus {
        if permissionCodes.contains(code) { return .noPermission }
        if temporaryCodes.contains(code) { return .temporaryFailure }
        if unavailableCodes.contains(code) { return .unavailable }
        if dataCodes.contains(code) { return .dataError }
        switch httpStatus {
        case 401, 403: return .noPermission
        case .some(500...): return .unavailable
        default: return .dataError
        }
    }

    /// An ``APIError`` re-read with Hetzner's envelope. `scrub` removes values the client's redactor
    /// does not know (a certificate's private key).
    static func from(_ error: APIError, scrub: Redactor? = nil) -> HetznerCloudError {
        let clean = { (text: String) in scrub?.redact(text) ?? text }
        if let status = error.status, let body = error.responseBody,
            let envelope = try? JSONDecoder().decode(HetznerCloudWire.ErrorEnvelope.self, from: Data(body.utf8))
        {
            let detail = envelope.error
            let fields = (detail.details?.fields ?? []).map { Field(name: $0.name, messages: $0.messages ?? []) }
            var text = "\(error.prefix): \(error.method) \(error.target): \(detail.code): \(detail.message)"
            if !fields.isEmpty {
                text += " (" + fields.map { field in
                    field.messages.isEmpty ? field.name : "\(field.name): \(field.messages.joined(separator: "; "))"
                }.joined(separator: ", ") + ")"
            }
            if error.attempts > 1 { text += " (after \(error.attempts) attempts)" }
            return HetznerCloudError(
                .api, code: detail.code, clean(text),
                exitStatus: exitStatus(forCode: detail.code, httpStatus: status), httpStatus: status,
                fields: fields.map { Field(name: clean($0.name), messages: $0.messages.map(clean)) })
        }
        switch error.reason {
        case .decoding:
            return HetznerCloudError(.unexpectedAnswer, clean(error.message), exitStatus: .unavailable)
        default:
            return HetznerCloudError(.service, clean(error.message), exitStatus: error.exitStatus, httpStatus: error.status)
        }
    }
}
