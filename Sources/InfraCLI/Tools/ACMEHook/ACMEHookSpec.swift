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
                CERTBOT_DOMAIN and CERTBOT_VALIDATION and cleans up when CERTBOT_AUTH_OUTPUT is set. \
                The auth run prints the record's ID@ZONE on stdout (certbot hands it to the cleanup \
                run, which then deletes exactly that record); nothing else is ever printed on stdout.

                lego: set EXEC_PATH to it with --dns exec; both the default mode (present|cleanup \
                FQDN VALUE, where FQDN ends in a dot) and EXEC_MODE=RAW (present|cleanup -- DOMAIN \
                TOKEN KEYAUTH, the value being the base64url SHA-256 of KEYAUTH) work.

                dehydrated: set HOOK to it; deploy_challenge and clean_challenge take one or more \
                DOMAIN TOKEN VALUE triples (HOOK_CHAIN=yes publishes them all, then waits once). Every \
                other event, known or not, exits 0 and prints nothing.

                acme.sh: copy hooks/dns_acmecloudns.sh into acme.sh's dnsapi folder and issue with \
                --dns dns_acmecloudns --dnssleep 0; the wrapper keeps the settings for renewals.

                Names: a domain gets _acme-challenge. in front (a leading *. is dropped first); an FQDN \
                ending in a dot is used as it is. When _acme-challenge.DOMAIN is a CNAME, the record \
                goes to its target (delegated validation). The zone is the account's longest match, \
                so sub-zones win; a cloud zone's record goes to its master.

                Served means: CloudNS's update-status reports every server updated, then every DNS \
                server checked answers with the exact value. Those are ACME_CLOUDNS_DNS_SERVERS when \
                set, else the zone's authoritative servers (NS and their IPv4 addresses, found through \
                /etc/resolv.conf), else the system resolver. On a timeout the message says which \
                server did and did not serve the value. A failed present removes what it added.

                Signals: ACME clients kill a hook that takes too long, so SIGTERM, SIGINT or SIGHUP \
                during present (while adding or while waiting) makes it remove the records this run \
                added, within 5 seconds, say so on stderr and exit 128 + the signal's number: 143, 130 \
                or 129. When the add-record request was still unanswered, the hook waits for its \
                answer (or looks the value up) so that its record goes too. A second signal exits at \
                once, leaving whatever is left for a cleanup call.
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
            handler: ACMEHookCommand.run),
        version: InfraTools.version,
        environment: CloudNSCredentials.documentedVariables + ACMEHookSettings.Variable.all + ExtraCABundle.variables + [
            EnvironmentSpec("CERTBOT_DOMAIN", "certbot: the domain being validated."),
            EnvironmentSpec("CERTBOT_VALIDATION", "certbot: the TXT value to publish."),
            EnvironmentSpec("CERTBOT_AUTH_OUTPUT", "certbot: set for cleanup, the output of the auth run."),
        ],
        exitStatuses: [
            ExitStatusSpec(.success, "The record is served (present) or gone (cleanup), or the event needs nothing."),
            ExitStatusSpec(.failure, "The record was not served before the propagation timeout."),
            ExitStatusSpec(.usage, "The arguments match none of the calling conventions."),
            ExitStatusSpec(.dataError, "No zone of the account holds the name, or CloudNS refused the record."),
            ExitStatusSpec(.unavailable, "The CloudNS API could not be reached or kept failing."),
            ExitStatusSpec(.temporaryFailure, "CloudNS asked to slow down or timed out; try again later."),
            ExitStatusSpec(.noPermission, "CloudNS refused the credentials."),
            ExitStatusSpec(.configuration, "Credentials, CLOUDNS_API_URL or an ACME_CLOUDNS_* setting are missing or invalid."),
            ExitStatusSpec(TerminationSignal.hangUp.exitStatus, "Interrupted by SIGHUP; the records this run added were removed."),
            ExitStatusSpec(TerminationSignal.interrupt.exitStatus, "Interrupted by SIGINT; the records this run added were removed."),
            ExitStatusSpec(TerminationSignal.terminate.exitStatus, "Interrupted by SIGTERM; the records this run added were removed."),
        ],
        seeAlso: InfraTools.seeAlso(
            for: "acme-cloudns-hook",
            extra: [ManualReference("certbot", section: 1), ManualReference("lego", section: 1)]),
        manualDate: InfraTools.manualDate,
        signalHandling: .cancelCommand)

    static let present = CommandSpec(
        "present", abstract: "Publish a challenge value (lego, or by hand).",
        arguments: [
            ArgumentSpec("FQDN", abstract: "The record name, such as _acme-challenge.example.com. (used as it is when it ends in a dot), or a domain to put _acme-challenge. in front of."),
            ArgumentSpec("VALUE", abstract: "The TXT value."),
        ],
        argumentParsing: .raw,
        usageForms: ["FQDN VALUE", "-- DOMAIN TOKEN KEYAUTH"],
        handler: ACMEHookCommand.run)

    static let cleanup = CommandSpec(
        "cleanup", abstract: "Remove a challenge value (lego, or by hand).",
        arguments: [
            ArgumentSpec("FQDN", abstract: "The record name, such as _acme-challenge.example.com. (used as it is when it ends in a dot), or a domain to put _acme-challenge. in front of."),
            ArgumentSpec("VALUE", abstract: "The TXT value to remove; other values stay."),
        ],
        argumentParsing: .raw,
        usageForms: ["FQDN VALUE", "-- DOMAIN TOKEN KEYAUTH"],
        handler: ACMEHookCommand.run)

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
            handler: ACMEHookCommand.run)
    }

    static let check = CommandSpec(
        "check", abstract: "Verify the credentials and list the zones the hook can manage.",
        discussion: "Prints one zone per line on stdout (with --json: the identity and each zone's name and type).",
        handler: ACMEHookCommand.run)
}
