/// What one run of the hook was asked to do, read from its words and environment.
public enum ACMEHookRequest: Sendable, Hashable {
    /// Publish every value and return once all are served.
    case present([ACMEChallenge], convention: ACMEClientConvention)
    /// Remove exactly these values; `handOver` is certbot's record id from the auth run.
    case cleanup([ACMEChallenge], convention: ACMEClientConvention, handOver: ACMEHandOver?)
    /// Verify the credentials and list the zones.
    case check
    /// A dehydrated event with nothing to do (`deploy_cert`, `startup_hook`, an unknown one):
    /// succeed and print nothing.
    case ignored(event: String)

    /// Reads the calling convention from `words` (the command word first, as typed) and, for
    /// certbot, from `environment`:
    ///
    /// | words | convention |
    /// |---|---|
    /// | none, `CERTBOT_DOMAIN` + `CERTBOT_VALIDATION` set | certbot; cleanup when `CERTBOT_AUTH_OUTPUT` is set (even empty) |
    /// | `present\|cleanup FQDN VALUE` | lego, acme.sh wrapper, by hand (also with a `--` in front) |
    /// | `present\|cleanup -- DOMAIN TOKEN KEYAUTH` | lego `EXEC_MODE=RAW`: value = base64url(SHA-256(KEYAUTH)) |
    /// | `deploy_challenge\|clean_challenge DOMAIN TOKEN VALUE…` | dehydrated, one or more triples (`HOOK_CHAIN=yes`) |
    /// | `check` | by hand |
    /// | any other word | a dehydrated event: ignored |
    public static func parse(_ words: [String], environment: [String: String]) throws(ACMEHookUsageError) -> ACMEHookRequest {
        guard let command = words.first else { return try certbot(environment) }
        let rest = Array(words.dropFirst())
        switch command {
        case "present", "cleanup":
            let (challenge, convention) = try lego(command, rest)
            return command == "present"
                ? .present([challenge], convention: convention)
                : .cleanup([challenge], convention: convention, handOver: nil)
        case "deploy_challenge", "clean_challenge":
            let challenges = try dehydrated(command, rest)
            return command == "deploy_challenge"
                ? .present(challenges, convention: .dehydrated)
                : .cleanup(challenges, convention: .dehydrated, handOver: nil)
        case "check":
            guard rest.isEmpty else { throw ACMEHookUsageError("check takes no arguments, got '\(rest[0])'") }
            return .check
        default:
            return .ignored(event: command)
        }
    }

    /// How fast the run may send CloudNS requests; nil leaves the client's own pacing (15 a
    /// second) in place.
    ///
    /// CloudNS blocks a source address sending more than 20 requests in a second. A run with at
    /// most four values sends at most four requests per value (listing, zone info of a cloud zone,
    /// the master's listing, add or delete) before its first one-per-second poll, so it stays
    /// under that limit without pacing; pacing it would only put 66 ms between its few calls,
    /// which is most of a present's time. Larger runs (a long dehydrated chain) and `check`
    /// (which pages through every zone) keep the pacing.
    public var maxRequestsPerSecond: Double? {
        switch self {
        case .present(let challenges, _), .cleanup(let challenges, _, _):
            challenges.count <= 4 ? 0 : nil
        case .check, .ignored:
            nil
        }
    }

    private static func certbot(_ environment: [String: String]) throws(ACMEHookUsageError) -> ACMEHookRequest {
        let domain = environment["CERTBOT_DOMAIN"].flatMap { $0.isEmpty ? nil : $0 }
        let validation = environment["CERTBOT_VALIDATION"].flatMap { $0.isEmpty ? nil : $0 }
        guard let domain, let validation else {
            let missing = domain == nil ? "CERTBOT_DOMAIN" : "CERTBOT_VALIDATION"
            throw ACMEHookUsageError(
                "no command given and \(missing) is not set: run as certbot's --manual-auth-hook and "
                    + "--manual-cleanup-hook, or give a command (present, cleanup, check)")
        }
        let challenge = ACMEChallenge(
            recordName: try ACMEChallengeName.forDomain(domain), value: try ACMEChallengeName.validatedValue(validation))
        guard let output = environment["CERTBOT_AUTH_OUTPUT"] else {
            return .present([challenge], convention: .certbot)
        }
        return .cleanup([challenge], convention: .certbot, handOver: ACMEHandOver(parsing: output))
    }

    private static func lego(_ command: String, _ arguments: [String]) throws(ACMEHookUsageError)
        -> (ACMEChallenge, ACMEClientConvention)
    {
        let words = arguments.first == "--" ? Array(arguments.dropFirst()) : arguments
        switch words.count {
        case 2:
            let challenge = ACMEChallenge(
                recordName: try ACMEChallengeName.forRecordName(words[0]),
                value: try ACMEChallengeName.validatedValue(words[1]))
            return (challenge, .fqdnAndValue)
        case 3 where arguments.first == "--":
            guard !words[2].isEmpty else { throw ACMEHookUsageError("\(command): KEYAUTH is empty") }
            let challenge = ACMEChallenge(
                recordName: try ACMEChallengeName.forDomain(words[0]),
                value: ACMEKeyAuthorization.txtValue(for: words[2]))
            return (challenge, .legoRaw)
        default:
            throw ACMEHookUsageError(
                "\(command) takes FQDN VALUE or -- DOMAIN TOKEN KEYAUTH, got \(arguments.count) argument\(arguments.count == 1 ? "" : "s")")
        }
    }

    private static func dehydrated(_ command: String, _ arguments: [String]) throws(ACMEHookUsageError) -> [ACMEChallenge] {
        guard !arguments.isEmpty, arguments.count % 3 == 0 else {
            throw ACMEHookUsageError(
                "\(command) takes DOMAIN TOKEN VALUE triples, got \(arguments.count) argument\(arguments.count == 1 ? "" : "s")")
        }
        var challenges: [ACMEChallenge] = []
        for start in stride(from: 0, to: arguments.count, by: 3) {
            let challenge = ACMEChallenge(
                recordName: try ACMEChallengeName.forDomain(arguments[start]),
                value: try ACMEChallengeName.validatedValue(arguments[start + 2]))
            if !challenges.contains(challenge) { challenges.append(challenge) }
        }
        return challenges
    }
}
