import InfraKit

/// `infra-status`: the health of every host, over SSH, in parallel.
public enum StatusTool {
    public static let spec = ToolSpec(
        root: CommandSpec(
            "infra-status",
            abstract: "Check the health of the fleet over SSH, every host at once.",
            discussion: """
                Connects to every host of infra.yaml (or those chosen with --host and --role), \
                checks its host key against known_hosts, runs one probe and reports the state of \
                each service. --host and --role add up: the hosts named plus the hosts of the roles \
                named, in the order of infra.yaml.

                At most --jobs hosts are probed at once; the others wait their turn, in the order of \
                infra.yaml. Every host has its own deadline, --timeout, counted from when its own probe \
                starts (not while it waits), so a hung host holds one place for the timeout and never \
                delays the others beyond that. The default, 128, lets up to 256 hosts finish within two \
                probe times, while it holds the client near 50 MB of memory and under 1024 open files \
                however large the fleet; a probe costs the client about 4 ms of CPU, so 128 probes that \
                each wait a quarter of a second on the network already keep two cores busy.

                A host with ssh.proxy_jump is reached only through its bastion (or chain of them), \
                never directly: one SSH session per bastion carries a direct-tcpip channel to each \
                host behind it. The bastion's key and the host's are both checked against known_hosts, \
                the host's deadline covers the whole path, and a bastion that cannot be reached or \
                logged in to fails each host behind it with "via bastion NAME: ...". In --json, each \
                host's via lists the bastions it was reached through, farthest first.

                When the whole fleet is checked, infra.yaml declares a load_balancer and \
                HCLOUD_TOKEN (or HCLOUD_TOKEN_FILE) is set, the Hetzner Cloud API is asked for the \
                health of each of its targets on each listen port while the hosts are probed: one \
                check per target (lb/NAME/TARGET), infra_lb_target_healthy{lb,target,port} in the \
                Prometheus output, load_balancers in JSON. An API failure shows as that section's \
                unknown check.

                With --nagios the exit statuses are those of a Nagios plugin: 0 OK, 1 WARNING, \
                2 CRITICAL, 3 UNKNOWN.
                """,
            options: [
                Options.host.spec, Options.role.spec, Options.timeout.spec, Options.jobs.spec, Options.knownHosts.spec,
                Options.acceptNew.spec, Options.format.spec, Options.output.spec, Options.nagios.spec,
                Options.printProbe.spec,
            ],
            examples: [
                ExampleSpec("Check the application servers.", "infra-status --role app"),
                ExampleSpec(
                    "Feed node_exporter's textfile collector.",
                    "infra-status --format prometheus --output /var/lib/node_exporter/infra.prom"),
            ],
            handler: StatusCommand.handler),
        version: InfraTools.version,
        environment: [
            EnvironmentSpec("SSH_AUTH_SOCK", "The ssh-agent to authenticate with before trying key files."),
            EnvironmentSpec("HOME", "Where ~/.ssh/known_hosts is found."),
        ] + HetznerCloudCredentials.documentedVariables,
        files: [
            FileSpec("infra.yaml", "The topology: hosts, their roles and services."),
            FileSpec("~/.ssh/known_hosts", "Host keys the hosts must present."),
        ],
        exitStatuses: [
            ExitStatusSpec(.success, "Every host is healthy (Nagios: OK)."),
            ExitStatusSpec(
                .failure,
                "A host or service is unhealthy: a service degraded or down, a load balancer check not up, "
                    + "or a host unreachable while others answered; also any mix of causes, such as a refused "
                    + "key beside a host that is down (Nagios: WARNING when only degraded, else CRITICAL)."),
            ExitStatusSpec(ExitStatus(rawValue: 2), "Nagios only: CRITICAL, a service is down or a host failed."),
            ExitStatusSpec(ExitStatus(rawValue: 3), "Nagios only: UNKNOWN, there was nothing to check."),
            ExitStatusSpec(.usage, "The command line is wrong, or names a host or role infra.yaml does not have."),
            ExitStatusSpec(.noInput, "The --config file cannot be opened."),
            ExitStatusSpec(
                .unavailable, "No host answered: every host was unreachable or did not answer within the timeout."),
            ExitStatusSpec(ExitStatus(rawValue: 73), "The --output file could not be written."),
            ExitStatusSpec(
                .noPermission,
                "Key or login problems are the only failures: a host presented a key that does not match "
                    + "known_hosts, is not in known_hosts, or refused the login, and everything else is healthy."),
            ExitStatusSpec(.configuration, "infra.yaml is missing or invalid."),
        ],
        seeAlso: InfraTools.seeAlso(for: "infra-status", extra: [ManualReference("ssh", section: 1)]),
        manualDate: InfraTools.manualDate)

    enum Options {
        static let host = Option.strings(
            "host", valueName: "NAME", abstract: "Check this host.", completion: .dynamic(.host))
        static let role = Option.strings(
            "role", valueName: "ROLE", abstract: "Check the hosts with this role.", completion: .dynamic(.role))
        static let timeout = Option.seconds(
            "timeout", abstract: "Seconds, fractions allowed, each host may take to connect, log in and answer the probe.",
            default: 10)
        static let jobs = Option.integer(
            "jobs", short: "j", valueName: "N",
            abstract: "Probe at most N hosts at once.", default: 128, minimum: 1)
        static let knownHosts = Option.string(
            "known-hosts", valueName: "FILE", abstract: "Check host keys against FILE instead of ~/.ssh/known_hosts.",
            completion: .file)
        static let acceptNew = Option.flag("accept-new", abstract: "Trust and record the key of a host not yet known.")
        static let format = Option.choice(
            "format", valueName: "FORMAT", abstract: "Output format.", default: StatusOptions.FormatChoice.table,
            abstracts: [
                .table: "aligned columns for people", .json: "the same as --json",
                .prometheus: "node_exporter textfile format",
            ])
        static let output = Option.string(
            "output", short: "o", valueName: "FILE", abstract: "Write the report to FILE, atomically, instead of stdout.",
            completion: .file)
        static let nagios = Option.flag("nagios", abstract: "Print one Nagios status line and exit 0, 1, 2 or 3.")
        static let printProbe = Option.flag(
            "print-probe", abstract: "Print the command each chosen host would run, and run nothing.", isHidden: true)
    }
}
