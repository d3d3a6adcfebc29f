import InfraKit

/// `acme-cloudns-hook`: the DNS-01 hook for certbot, lego, dehydrated and acme.sh. ACME clients
/// call it with conventions of their own, so its commands take their words raw and an unknown
/// first word (a dehydrated event it has no business with) is not an error.
public enum ACMEHookTool {
    public static let spec = ToolSpec(
        root: CommandSpec(
            "acme-cloudns-hook",
            abstract: "Publish and remove ACME DNS-01 challenge records at CloudNS.",
            discussion: """
                One executable for every ACME client. It adds the TXT record to the right CloudNS \
                zone, returns only once the record is served, and removes exactly its own value on \
                cleanup, so apex and wildcard challenges and parallel runs never disturb each other.

                certbot: use it as both --manual-auth-hook and --manual-cleanup-hook. It reads \
                CERTBOT_DOMAIN and CERTBOT_VALIDATION; it cleans up when CERTBOT_AUTH_OUTPUT is set.

                lego: set EXEC_PATH to it with --dns exec; both the default mode (present|cleanup \
                FQDN VALUE, where FQDN ends in a dot) and EXEC_MODE=RAW (present|cleanup -- DOMAIN \
                TOKEN KEYAUTH) work.

                dehydrated: set HOOK to it; deploy_challenge and clean_challenge take one or more \
                DOMAIN TOKEN VALUE triples (HOOK_CHAIN=yes). Every other event, known or not, exits 0 \
                and prints nothing.
                """,
            subcommands: [
                present, cleanup,
                dehydratedEvent("deploy_challenge", abstract: "dehydrated: publish the challenge records."),
                dehydratedEvent("clean_challenge", abstract: "dehydrated: remove the challenge records."),
                check,
            ],
            argumentParsing: .raw,
            unknownSubcommands: .passToHandler,
            usageForms: [
                "",
                "present|cleanup FQDN VALUE",
                "present|cleanup -- DOMAIN TOKEN KEYAUTH",
                "deploy_challenge|clean_challenge DOMAIN TOKEN VALUE [DOMAIN TOKEN VALUE...]",
                "check",
                "EVENT [ARG...]",
            ],
            examples: [
                ExampleSpec(
                    "Obtain a certificate with certbot.",
                    "certbot certonly --manual --preferred-challenges dns --manual-auth-hook acme-cloudns-hook --manual-cleanup-hook acme-cloudns-hook -d example.com"),
                ExampleSpec("Publish a value by hand.", "acme-cloudns-hook present _acme-challenge.example.com. VALUE"),
            ],
            handler: dispatchWithoutCommand),
        version: InfraTools.version,
        environment: CloudNSEnvironment.variables + [
            EnvironmentSpec("ACME_CLOUDNS_TTL", "TTL of the TXT records in seconds (default: 60)."),
            EnvironmentSpec(
                "ACME_CLOUDNS_PROPAGATION_TIMEOUT",
                "Seconds to wait for the record to be served before failing (default: 180)."),
            EnvironmentSpec("ACME_CLOUDNS_POLL_INTERVAL", "Seconds between propagation checks (default: 1)."),
            EnvironmentSpec(
                "ACME_CLOUDNS_DNS_SERVERS",
                "Comma-separated host:port list of DNS servers to check instead of the zone's authoritative ones."),
            EnvironmentSpec("CERTBOT_DOMAIN", "certbot: the domain being validated."),
            EnvironmentSpec("CERTBOT_VALIDATION", "certbot: the TXT value to publish."),
            EnvironmentSpec("CERTBOT_AUTH_OUTPUT", "certbot: set for cleanup, the output of the auth run."),
        ],
        exitStatuses: [
            ExitStatusSpec(.success, "The record is served (present) or gone (cleanup), or the event needs nothing."),
            ExitStatusSpec(.failure, "The record was not served before the propagation timeout."),
            ExitStatusSpec(.usage, "The arguments match none of the calling conventions."),
            ExitStatusSpec(.dataError, "No zone of the account holds the name."),
            ExitStatusSpec(.unavailable, "The CloudNS API could not be reached or kept failing."),
            ExitStatusSpec(.temporaryFailure, "CloudNS asked to slow down or timed out; try again later."),
            ExitStatusSpec(.noPermission, "CloudNS refused the credentials."),
            ExitStatusSpec(.configuration, "Credentials are missing or invalid."),
        ],
        seeAlso: InfraTools.seeAlso(
            for: "acme-cloudns-hook",
            extra: [ManualReference("certbot", section: 1), ManualReference("lego", section: 1)]),
        manualDate: InfraTools.manualDate)

    static let present = CommandSpec(
        "present", abstract: "Publish a challenge value (lego, or by hand).",
        arguments: [
            ArgumentSpec("FQDN", abstract: "The record name, _acme-challenge.DOMAIN, with or without the final dot."),
            ArgumentSpec("VALUE", abstract: "The TXT value."),
        ],
        argumentParsing: .raw,
        usageForms: ["FQDN VALUE", "-- DOMAIN TOKEN KEYAUTH"],
        handler: InfraTools.notImplemented("acme-cloudns-hook present"))

    static let cleanup = CommandSpec(
        "cleanup", abstract: "Remove a challenge value (lego, or by hand).",
        arguments: [
            ArgumentSpec("FQDN", abstract: "The record name, _acme-challenge.DOMAIN, with or without the final dot."),
            ArgumentSpec("VALUE", abstract: "The TXT value to remove; other values stay."),
        ],
        argumentParsing: .raw,
        usageForms: ["FQDN VALUE", "-- DOMAIN TOKEN KEYAUTH"],
        handler: InfraTools.notImplemented("acme-cloudns-hook cleanup"))

    static func dehydratedEvent(_ name: String, abstract: String) -> CommandSpec {
        CommandSpec(
            name, abstract: abstract,
            arguments: [
                ArgumentSpec("DOMAIN", abstract: "The domain being validated, without _acme-challenge."),
                ArgumentSpec("TOKEN", abstract: "The challenge token file name (unused)."),
                ArgumentSpec("VALUE", abstract: "The TXT value; further DOMAIN TOKEN VALUE triples may follow."),
            ],
            argumentParsing: .raw,
            usageForms: ["DOMAIN TOKEN VALUE [DOMAIN TOKEN VALUE...]"],
            handler: InfraTools.notImplemented("acme-cloudns-hook \(name)"))
    }

    static let check = CommandSpec(
        "check", abstract: "Verify the credentials and list the zones the hook can manage.",
        handler: InfraTools.notImplemented("acme-cloudns-hook check"))

    /// No command word: certbot's convention. Any other word: a dehydrated event the hook has
    /// nothing to do for, which must succeed silently.
    @Sendable static func dispatchWithoutCommand(_ invocation: Invocation, _ context: Context) async throws -> ExitStatus {
        guard invocation.arguments.isEmpty else { return .success }
        throw NotImplementedError("acme-cloudns-hook (certbot mode)")
    }
}
