/// One DNS-01 TXT value and the name it belongs at.
public struct ACMEChallenge: Sendable, Hashable, CustomStringConvertible {
    /// `_acme-challenge.example.com`: lower-case, without the final dot (see ``ACMEChallengeName``).
    public var recordName: String
    /// The TXT value, usually 43 base64url characters.
    public var value: String

    public init(recordName: String, value: String) {
        self.recordName = recordName
        self.value = value
    }

    /// `_acme-challenge.example.com "VALUE"`, for messages (values are not secret: anyone can
    /// read them in DNS).
    public var description: String { "\(recordName) \"\(value)\"" }
}

/// The ACME client whose calling convention a hook run used.
public enum ACMEClientConvention: String, Sendable, Hashable, CaseIterable {
    /// No arguments, `CERTBOT_*` in the environment.
    case certbot
    /// `present|cleanup FQDN VALUE` (lego's exec provider, acme.sh through the wrapper, by hand).
    case fqdnAndValue = "FQDN VALUE"
    /// `present|cleanup -- DOMAIN TOKEN KEYAUTH` (lego's `EXEC_MODE=RAW`).
    case legoRaw = "lego RAW"
    /// `deploy_challenge|clean_challenge DOMAIN TOKEN VALUE…`.
    case dehydrated
}

/// A TXT value or a name the hook will not send on, or words that fit no calling convention:
/// a usage error (64).
public struct ACMEHookUsageError: ClassifiedError, Sendable, Hashable, CustomStringConvertible {
    public let message: String
    public var exitStatus: ExitStatus { .usage }
    public var description: String { message }
    public init(_ message: String) { self.message = message }
}
