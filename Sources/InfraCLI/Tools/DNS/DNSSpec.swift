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
            options: [
                .value(
                    "credentials", valueName: "FILE",
                    abstract: "Read CloudNS credentials from FILE (NAME=value lines, owner-only).",
                    completion: .file)
            ],
            subcommands: [zones, list, set, delete, plan, apply, export],
            examples: [
                ExampleSpec("Point www at an address in the only zone of infra.yaml.", "infra-dns set www A 192.0.2.10"),
                ExampleSpec("Show what apply would change, failing a CI job when something would.", "infra-dns plan --exit-code"),
            ]),
        version: InfraTools.version,
        environment: CloudNSEnvironment.variables,
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

    static let zoneOption = OptionSpec.value(
        "zone", short: "z", valueName: "ZONE",
        abstract: "The zone holding the record; by default the zone of infra.yaml whose name ends HOST, or its only zone.",
        completion: .dynamic(.zone))

    static let recordTypes: [String] = ["A", "AAAA", "CAA", "CNAME", "MX", "NS", "PTR", "SRV", "TXT"]

    static let zones = CommandSpec(
        "zones", abstract: "List the zones of the CloudNS account.",
        handler: InfraTools.notImplemented("infra-dns zones"))

    static let list = CommandSpec(
        "list", abstract: "List the records of a zone.",
        options: [
            .value(
                "type", short: "t", valueName: "TYPE", abstract: "Only records of this type.",
                completion: .list(recordTypes)),
            .value("host", valueName: "HOST", abstract: "Only records of this host name (@ for the apex)."),
        ],
        arguments: [
            ArgumentSpec(
                "ZONE", abstract: "The zone; may be left out when infra.yaml declares exactly one.",
                isOptional: true, completion: .dynamic(.zone))
        ],
        handler: InfraTools.notImplemented("infra-dns list"))

    static let set = CommandSpec(
        "set", abstract: "Create or update a record; prints created, updated or unchanged.",
        options: [
            zoneOption,
            .value("ttl", valueName: "SECONDS", abstract: "Time to live of the record.", defaultValue: "300"),
        ],
        arguments: [
            ArgumentSpec("HOST", abstract: "Host name relative to the zone (@ for the apex)."),
            ArgumentSpec("TYPE", abstract: "Record type.", completion: .list(recordTypes)),
            ArgumentSpec("VALUE", abstract: "Record value."),
        ],
        handler: InfraTools.notImplemented("infra-dns set"))

    static let delete = CommandSpec(
        "delete", abstract: "Delete a record, or every record of a host and type.",
        options: [zoneOption],
        arguments: [
            ArgumentSpec("HOST", abstract: "Host name relative to the zone (@ for the apex)."),
            ArgumentSpec("TYPE", abstract: "Record type.", completion: .list(recordTypes)),
            ArgumentSpec(
                "VALUE", abstract: "Delete only the record with this value.", isOptional: true),
        ],
        handler: InfraTools.notImplemented("infra-dns delete"))

    static let plan = CommandSpec(
        "plan", abstract: "Show the changes that would bring the zones in line with infra.yaml.",
        options: [
            .flag("exit-code", abstract: "Exit 2 when changes are pending and 0 when there are none."),
        ],
        handler: InfraTools.notImplemented("infra-dns plan"))

    static let apply = CommandSpec(
        "apply", abstract: "Make the changes plan shows.",
        discussion: """
            Without --yes the plan is shown and confirmation asked on a terminal; when standard \
            input is not a terminal, apply refuses to guess.
            """,
        options: [
            .flag("yes", short: "y", abstract: "Apply without asking."),
            .flag("prune", abstract: "Also delete records that infra.yaml does not declare."),
            .flag("force", abstract: "Allow --prune to delete more than 30% of a zone's records."),
        ],
        handler: InfraTools.notImplemented("infra-dns apply"))

    static let export = CommandSpec(
        "export", abstract: "Print a zone as a dns.zones fragment for infra.yaml.",
        arguments: [ArgumentSpec("ZONE", abstract: "The zone to export.", completion: .dynamic(.zone))],
        handler: InfraTools.notImplemented("infra-dns export"))
}
