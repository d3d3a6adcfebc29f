import InfraKit

/// `infra-setup`: the foundation pipeline — discover the servers, make the load balancer, make the
/// DNS records — and the two chores beside it (discover alone, snapshots).
public enum SetupTool {
    public static let spec = ToolSpec(
        root: CommandSpec(
            "infra-setup",
            abstract: "Discover the servers, then set up the load balancer and DNS of infra.yaml.",
            discussion: """
                Without a command, or with run, the pipeline runs in one go: discover holds hosts of \
                infra.yaml against the servers of Hetzner Cloud and Robot, lb brings the load \
                balancer in line with load_balancer (as infra-lb apply does), dns brings the zones in \
                line with dns.zones (as infra-dns apply does). One plan for every step is shown first, \
                and one confirmation asked.

                Values in dns.zones may use {{.lb_ip}}, {{.lb_ipv6}}, {{.host.NAME.ip}} and \
                {{.host.NAME.private_ip}}; when the load balancer is still to be created, the plan \
                shows its addresses as known after apply.

                A step that fails stops the pipeline; the message says which steps ran, what they \
                changed and how to resume with --step.
                """,
            options: [Options.dryRun.spec, Options.step.spec, PlanConventions.yes.spec],
            subcommands: [run, discover, snapshot],
            examples: [
                ExampleSpec("Show what the pipeline would change, exiting 2 if anything.", "infra-setup --dry-run"),
                ExampleSpec("Run every step without asking.", "infra-setup --yes"),
                ExampleSpec("Bring only the DNS records in line.", "infra-setup --step dns --yes"),
                ExampleSpec("Compare infra.yaml with the servers the APIs know.", "infra-setup discover"),
            ],
            handler: SetupRunCommand.run),
        version: InfraTools.version,
        environment: HetznerCloudCredentials.documentedVariables + HetznerRobotCredentials.documentedVariables
            + CloudNSCredentials.documentedVariables + ExtraCABundle.variables,
        files: [
            FileSpec("infra.yaml", "The topology: hosts, load_balancer and dns.zones."),
        ],
        exitStatuses: [
            ExitStatusSpec(.success, "Success; for --dry-run, nothing to do."),
            ExitStatusSpec(.failure, "A step failed, or discover found a declared host missing."),
            ExitStatusSpec(PlanConventions.changesPending, "--dry-run: changes are pending."),
            ExitStatusSpec(.usage, "The command line is wrong."),
            ExitStatusSpec(.dataError, "The API refused the request as it stands (an unknown server, a name taken)."),
            ExitStatusSpec(.unavailable, "An API could not be reached or kept failing."),
            ExitStatusSpec(.temporaryFailure, "An API asked to slow down or timed out; try again later."),
            ExitStatusSpec(.noPermission, "An API refused the credentials."),
            ExitStatusSpec(.configuration, "Credentials or infra.yaml are missing or invalid."),
        ],
        seeAlso: InfraTools.seeAlso(for: "infra-setup"),
        manualDate: InfraTools.manualDate)

    /// The steps of the pipeline, in their order.
    enum Step: String, CaseIterable, Sendable {
        case all, discover, lb, dns

        /// The steps `--step` selects.
        var selected: [Step] { self == .all ? [.discover, .lb, .dns] : [self] }
    }

    /// Every option of infra-setup, declared once; handlers read them typed.
    enum Options {
        static let dryRun = Option.flag("dry-run", short: "n", abstract: "Show the plan and change nothing; exit 2 when changes are pending.")
        static let step = Option.choice(
            "step", valueName: "STEP", abstract: "Run only this step.", default: Step.all,
            abstracts: [
                .all: "discover, lb and dns, in that order", .discover: "compare hosts with the servers found",
                .lb: "the load balancer", .dns: "the DNS records",
            ])
        static let description = Option.string(
            "description", valueName: "TEXT", abstract: "The snapshot's description (default: HOST and the date).")
    }

    static let run = CommandSpec(
        "run", abstract: "Run the pipeline (the default command).",
        handler: SetupRunCommand.run)

    static let discover = CommandSpec(
        "discover", abstract: "Compare the hosts of infra.yaml with the servers of Hetzner Cloud and Robot.",
        discussion: """
            Lists every Cloud server (all pages) and every Robot server, and matches each host by \
            its IP, else by its name. A host is matched, a mismatch (its type or private IP differs), \
            missing, or unchecked when the API where it would be has no credentials; servers no host \
            matches are listed as undeclared. Either API may be left out (its credentials unset); \
            it is then reported as skipped. Exits 1 when a declared host is missing.
            """,
        inheritsParentOptions: false,
        handler: SetupDiscoverCommand.run)

    static let snapshot = CommandSpec(
        "snapshot", abstract: "Take a snapshot of a Cloud server and print the image id.",
        discussion: """
            Waits until the image is available. Shut the server down first for a consistent image. \
            Robot servers have no snapshots.
            """,
        options: [Options.description.spec],
        arguments: [ArgumentSpec("HOST", abstract: "The host of infra.yaml, or a Cloud server's name.", completion: .dynamic(.host))],
        inheritsParentOptions: false,
        handler: SetupSnapshotCommand.run)
}
