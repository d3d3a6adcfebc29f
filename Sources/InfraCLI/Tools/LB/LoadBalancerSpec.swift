import InfraKit

/// `infra-lb`: the Hetzner Cloud load balancer declared in infra.yaml.
public enum LoadBalancerTool {
    public static let spec = ToolSpec(
        root: CommandSpec(
            "infra-lb",
            abstract: "Show, build and repair the Hetzner Cloud load balancer of infra.yaml.",
            discussion: """
                status shows a load balancer with the health of each target; plan and apply bring \
                the load balancer in line with the load_balancer section of infra.yaml (services, \
                targets, algorithm, network), creating it when it is missing; delete removes it; \
                cert deploy puts a new certificate on its https services, also as a certbot, \
                dehydrated or lego deploy hook.
                """,
            subcommands: [status, plan, apply, delete, cert],
            examples: [
                ExampleSpec("Show the health of every target.", "infra-lb status"),
                ExampleSpec("Fail a CI job when the load balancer drifted from infra.yaml.", "infra-lb plan --exit-code"),
                ExampleSpec(
                    "Renew with certbot and deploy the certificate to the load balancer.",
                    "certbot renew --deploy-hook 'infra-lb cert deploy'"),
            ]),
        version: InfraTools.version,
        environment: HetznerCloudCredentials.documentedVariables + ExtraCABundle.variables + CertificateHookInput.variables,
        files: [FileSpec("infra.yaml", "The topology; load_balancer, network and hosts declare the load balancer.")],
        exitStatuses: [
            ExitStatusSpec(.success, "Success; for status, every target is healthy; for plan --exit-code, no changes pending."),
            ExitStatusSpec(.failure, "The operation failed, or (status) a target is unhealthy or its health unknown."),
            ExitStatusSpec(ExitStatus(rawValue: 2), "plan --exit-code: changes are pending."),
            ExitStatusSpec(.usage, "The command line is wrong."),
            ExitStatusSpec(.dataError, "No load balancer, server, certificate or network of that name exists, or the API refused the request."),
            ExitStatusSpec(.noInput, "A certificate or key file cannot be read."),
            ExitStatusSpec(.unavailable, "The Hetzner Cloud API could not be reached or kept failing."),
            ExitStatusSpec(.temporaryFailure, "The API asked to slow down, stayed locked or timed out; try again later."),
            ExitStatusSpec(.noPermission, "The API refused the token."),
            ExitStatusSpec(.configuration, "The token or infra.yaml is missing or invalid."),
        ],
        seeAlso: InfraTools.seeAlso(for: "infra-lb"),
        manualDate: InfraTools.manualDate)

    /// Every option of infra-lb, declared once; handlers read them typed.
    enum Options {
        static let deleteYes = Option.flag("yes", short: "y", abstract: "Really delete; delete refuses without it.")
        static let certificate = Option.string(
            "cert", valueName: "FULLCHAIN", abstract: "The certificate chain, leaf first (PEM).", completion: .file)
        static let key = Option.string(
            "key", valueName: "KEY", abstract: "The certificate's private key (PEM); never printed.", completion: .file)
    }

    static let nameArgument = ArgumentSpec(
        "NAME", abstract: "The load balancer; by default load_balancer.name of infra.yaml.",
        isOptional: true, completion: .dynamic(.loadBalancer))

    static let status = CommandSpec(
        "status", abstract: "Show a load balancer and the health of its targets.",
        discussion: """
            Prints the load balancer (type, location, addresses, algorithm), each service (listen \
            and destination port, protocol, proxy protocol, certificates, health check) and each \
            target with its health on every listen port. Exits 0 when every target is healthy on \
            every port, 1 when any is unhealthy or unknown.
            """,
        arguments: [nameArgument],
        handler: LoadBalancerStatusCommand.run)

    static let plan = CommandSpec(
        "plan", abstract: "Show the changes that would bring the load balancer in line with infra.yaml.",
        discussion: """
            Reads the load balancer, the servers, the certificate and the network with one listing \
            each and compares: + to create, - to delete, ~ to modify. A missing load balancer is \
            created with its services, targets and network in one request. Services are matched by \
            listen port, targets by server or address; only the health check fields infra.yaml \
            sets are compared. A Cloud host is the server of its name, else of its address; it is \
            reached through its private IP when infra.yaml declares a network and the host a \
            private_ip. Dedicated (hrobot) hosts are IP targets.
            """,
        options: [PlanConventions.exitCode.spec],
        handler: LoadBalancerPlanCommand.run)

    static let apply = CommandSpec(
        "apply", abstract: "Make the changes plan shows.",
        discussion: """
            Without --yes the plan is shown and confirmation asked on a terminal; when standard \
            input is not a terminal, apply refuses to guess. Each change waits for its action \
            before the next is sent. If one fails, apply stops and lists what was made, what \
            failed and what was not made; running it again reads the load balancer afresh and \
            makes only what is still missing.
            """,
        options: [PlanConventions.yes.spec],
        handler: LoadBalancerApplyCommand.run)

    static let delete = CommandSpec(
        "delete", abstract: "Delete a load balancer.",
        discussion: "Refuses without --yes. A load balancer with delete protection stays; the error says how to lift it.",
        options: [Options.deleteYes.spec],
        arguments: [nameArgument],
        handler: LoadBalancerDeleteCommand.run)

    static let cert = CommandSpec(
        "cert", abstract: "Certificates of the load balancer's https services.",
        subcommands: [certDeploy])

    static let certDeploy = CommandSpec(
        "deploy", abstract: "Upload a certificate and switch every https service of the load balancer to it.",
        discussion: """
            The certificate is uploaded labelled managed-by=infra-lb, every https service of the \
            load balancer is switched to it, and the certificate it replaced is deleted when that \
            one carries the same label and nothing else uses it; the new one then takes its name. \
            The private key never appears in any output.

            Without --cert and --key it runs as a deploy hook: certbot's --deploy-hook \
            (RENEWED_LINEAGE), dehydrated's hook (deploy_cert DOMAIN KEYFILE CERTFILE FULLCHAINFILE \
            CHAINFILE TIMESTAMP as arguments; other events succeed silently) or lego's --run-hook \
            (LEGO_CERT_PATH, LEGO_CERT_KEY_PATH).
            """,
        options: [Options.certificate.spec, Options.key.spec],
        arguments: [
            ArgumentSpec(
                "NAME", abstract: "The load balancer (by default load_balancer.name), or the arguments dehydrated passes to its hook.",
                isOptional: true, isRepeating: true, completion: .dynamic(.loadBalancer))
        ],
        handler: CertificateDeployCommand.run)
}
