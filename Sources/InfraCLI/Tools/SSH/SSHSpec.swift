import InfraKit

/// `infra-ssh`: OpenSSH to a host of infra.yaml by name.
public enum SSHTool {
    public static let spec = ToolSpec(
        root: CommandSpec(
            "infra-ssh",
            abstract: "Open an SSH session to a host of infra.yaml by its name.",
            discussion: """
                Looks HOST up in infra.yaml and runs ssh(1) in place of itself, with the host's \
                address, user, port, key and jump host. Words after -- are the remote command. \
                Jump hosts go in -J, or, when one has its own ssh.key (which -J cannot pass), in a \
                ProxyCommand that runs ssh to the jump host with its key, port and user.
                """,
            options: [Options.list.spec, Options.print.spec],
            arguments: [
                ArgumentSpec("HOST", abstract: "The host to connect to.", isOptional: true, completion: .dynamic(.host)),
                ArgumentSpec(
                    "COMMAND", abstract: "The command to run on the host, after --.", isOptional: true,
                    isRepeating: true),
            ],
            usageForms: ["[options] HOST [-- COMMAND [ARG...]]", "--list", "--print HOST"],
            examples: [
                ExampleSpec("Log in to web1.", "infra-ssh web1"),
                ExampleSpec("Run a command on db1.", "infra-ssh db1 -- uptime"),
            ],
            handler: SSHConnect.run),
        version: InfraTools.version,
        files: [FileSpec("infra.yaml", "The topology: every host's address, user, port, key and jump host.")],
        exitStatuses: [
            ExitStatusSpec(.success, "Success (or the remote command's own status)."),
            ExitStatusSpec(.usage, "The command line is wrong, or HOST is not in infra.yaml."),
            ExitStatusSpec(.configuration, "infra.yaml is missing or invalid."),
            ExitStatusSpec(ExitStatus(rawValue: 255), "ssh itself failed; any other status is the remote command's."),
        ],
        seeAlso: InfraTools.seeAlso(for: "infra-ssh", extra: [ManualReference("ssh", section: 1)]),
        manualDate: InfraTools.manualDate)

    enum Options {
        static let list = Option.flag(
            "list", short: "l", abstract: "List the hosts: name, FQDN, address, role, type and services.")
        static let print = Option.string(
            "print", valueName: "HOST", abstract: "Print the ssh command line for HOST, shell-quoted, and exit.",
            completion: .dynamic(.host))
    }
}
