import InfraKit

/// `infra-dns`: CloudNS records, by hand or declared in infra.yaml.
public enum DNSTool {
    public static let spec = ToolSpec(
        root: CommandSpec(
            "infra-dns",
            abstract: "Manage DNS records in CloudNS zones.",
            discussion: """
                List, create, change and delete records in the zones of a CloudNS account, or \
                bring the zones in line with the dns.zones section of infra.yaml: plan shows the \
                changes, apply makes them.
                """,
            options: [Options.credentials.spec],
            subcommands: [zones, list, set, delete, plan, apply, export],
            examples: [
                ExampleSpec("Point www at an address in the only zone of infra.yaml.", "infra-dns set www A 192.0.2.10"),
                ExampleSpec("Show what apply would change, failing a CI job when something would.", "infra-dns plan --exit-code"),
            ]),
        version: InfraTools.version,
        environment: CloudNSCredentials.documentedVariables + HetznerCloudCredentials.documentedVariables
            + ExtraCABundle.variables,
        files: [
            FileSpec("infra.yaml", "The topology; dns.zones declares the records plan and apply manage."),
        ],
        exitStatuses: [
            ExitStatusSpec(.success, "Success; for plan --exit-code, no changes pending."),
            ExitStatusSpec(.failure, "The operation failed."),
            ExitStatusSpec(ExitStatus(rawValue: 2), "plan --exit-code: changes are pending."),
            ExitStatusSpec(.usage, "The command line is wrong."),
            ExitStatusSpec(.dataError, "The zone does not exist in the account."),
            ExitStatusSpec(.unavailable, "The CloudNS API could not be reached or kept failing."),
            ExitStatusSpec(.temporaryFailure, "CloudNS asked to slow down or timed out; try again later."),
            ExitStatusSpec(.noPermission, "CloudNS refused the credentials."),
            ExitStatusSpec(.configuration, "Credentials or infra.yaml are missing or invalid."),
        ],
        seeAlso: InfraTools.seeAlso(for: "infra-dns"),
        manualDate: InfraTools.manualDate)

    /// Every option of infra-dns, declared once; handlers read them typed.
    enum Options {
        static let credentials = Option.string(
            "credentials", valueName: "FILE",
            abstract: "Read CloudNS credentials from FILE (NAME=value lines, owner-only).", completion: .file)
        static let zone = Option.string(
            "zone", short: "z", valueName: "ZONE",
            abstract:
                "The zone holding the record; by default the infra.yaml zone HOST ends in, else its only zone, else for a HOST ending in a dot the account zone holding it.",
            completion: .dynamic(.zone))
        static let type = Option.string(
            "type", short: "t", valueName: "TYPE", abstract: "Only records of this type.", completion: .list(recordTypes))
        static let host = Option.string("host", valueName: "HOST", abstract: "Only records of this host name (@ for the apex).")
        static let ttl = Option.integer(
            "ttl", valueName: "SECONDS", abstract: "Time to live of the record.", default: 300, minimum: 1)
        static let replace = Option.flag(
            "replace", abstract: "Make VALUE the only record of HOST and TYPE, changing or deleting the others.")
        static let planPrune = Option.flag("prune", abstract: "Include the deletions apply --prune would make.")
        static let prune = Option.flag("prune", abstract: "Also delete records that infra.yaml does not declare.")
        static let force = Option.flag("force", abstract: "Allow --prune to delete more than 30% of a zone's records.")
    }

    static let recordTypes: [String] = ["A", "AAAA", "CAA", "CNAME", "MX", "NS", "PTR", "SRV", "TXT"]

    static let zones = CommandSpec(
        "zones", abstract: "List the zones of the CloudNS account.",
        handler: DNSZonesCommand.run)

    static let list = CommandSpec(
        "list", abstract: "List the records of a zone.",
        options: [Options.type.spec, Options.host.spec],
        arguments: [
            ArgumentSpec(
                "ZONE", abstract: "The zone; may be left out when infra.yaml declares exactly one.",
                isOptional: true, completion: .dynamic(.zone))
        ],
        handler: DNSListCommand.run)

    static let set = CommandSpec(
        "set", abstract: "Create or update a record; prints created, updated or unchanged.",
        discussion: """
            Other records of the same host and type stay: a second TXT or A value is added next to \
            the first, a record with the same value but another TTL or priority is updated. Types a \
            host holds once (CNAME, ALIAS, DNAME) are updated in place. --replace makes VALUE the \
            only record of its host and type. MX values are written PRIORITY TARGET, SRV values \
            PRIORITY WEIGHT PORT TARGET. TTLs CloudNS does not accept are rounded up, with a note.
            """,
        options: [Options.zone.spec, Options.ttl.spec, Options.replace.spec],
        arguments: [
            ArgumentSpec("HOST", abstract: "Host name relative to the zone (@ for the apex)."),
            ArgumentSpec("TYPE", abstract: "Record type.", completion: .list(recordTypes)),
            ArgumentSpec("VALUE", abstract: "Record value."),
        ],
        handler: DNSSetCommand.run)

    static let delete = CommandSpec(
        "delete", abstract: "Delete a record, or every record of a host and type.",
        options: [Options.zone.spec],
        arguments: [
            ArgumentSpec("HOST", abstract: "Host name relative to the zone (@ for the apex)."),
            ArgumentSpec("TYPE", abstract: "Record type.", completion: .list(recordTypes)),
            ArgumentSpec(
                "VALUE", abstract: "Delete only the record with this value.", isOptional: true),
        ],
        handler: DNSDeleteCommand.run)

    static let plan = CommandSpec(
        "plan", abstract: "Show the changes that would bring the zones in line with infra.yaml.",
        discussion: """
            Each zone of dns.zones is listed once and compared with its declaration, host and type \
            by host and type. The changes print like dnscontrol's: + CREATE, ~ MODIFY with the old \
            and the new record, and - DELETE, fully qualified, with their TTLs. A record without a ttl in infra.yaml keeps \
            the TTL it has (new ones get 300).

            Values may use {{.host.NAME.ip}} and {{.host.NAME.private_ip}}, filled in from hosts of \
            infra.yaml, and {{.lb_ip}} and {{.lb_ipv6}}, the addresses of the load balancer of \
            infra.yaml read from the Hetzner Cloud API (HCLOUD_TOKEN). A template that is unknown or \
            cannot be filled in is an error naming the record and its line in infra.yaml.
            """,
        options: [Options.planPrune.spec, PlanConventions.exitCode.spec],
        handler: DNSPlanCommand.run)

    static let apply = CommandSpec(
        "apply", abstract: "Make the changes plan shows.",
        discussion: """
            Without --yes the plan is shown and confirmation asked on a terminal; when standard \
            input is not a terminal, apply refuses to guess.

            Changes are made in a safe order: records a new CNAME displaces first, then addresses, \
            name servers and the records pointing at them, deletions last. Records infra.yaml does \
            not declare stay unless --prune; even then the zone's own NS records, SOA, CloudNS web \
            redirects and _acme-challenge TXT records stay unless their host and type are declared. \
            Like octoDNS, --prune refuses to delete more than 30% of a zone of 10 or more records \
            without --force.

            If a change fails, apply stops and lists the changes made and not made; running it again \
            reads the zones afresh and makes only what is still missing.
            """,
        options: [PlanConventions.yes.spec, Options.prune.spec, Options.force.spec],
        handler: DNSApplyCommand.run)

    static let export = CommandSpec(
        "export", abstract: "Print a zone as a dns.zones fragment for infra.yaml.",
        arguments: [ArgumentSpec("ZONE", abstract: "The zone to export.", completion: .dynamic(.zone))],
        handler: DNSExportCommand.run)
}
