import Foundation
import InfraKit

/// The canary's table: for every command of every tool, a run that succeeds against the emulators,
/// and from it the runs that fail (wrong credentials, closed port, server errors) or read the
/// secrets from files.
enum SecretCanaryCases {
    static let dnsConfig = """
        dns:
          provider: cloudns
          zones:
            \(CanaryWorld.dnsZone):
              records:
                - { name: www, type: A, value: 192.0.2.80, ttl: 300 }

        """

    static let statusConfig = """
        hosts: {}
        load_balancer:
          name: lb-status
          type: lb11
          location: fsn1

        """

    /// Tests/Fixtures/config/infra.yaml, whose servers the Hetzner emulator holds.
    static var fixture: String {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/config/infra.yaml")
        return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }

    /// The fixture with a load balancer of infra-lb's own, so infra-setup's lb-prod is left alone.
    static var loadBalancerConfig: String { fixture.replacingOccurrences(of: "name: lb-prod", with: "name: lb-canary") }

    /// One successful run per command and calling form, in the order each tool's runs go (later
    /// ones may need what earlier ones made). `certificate` is what `infra-lb cert deploy` uploads.
    static func base(certificate: (chain: String, key: String)) -> [CanaryCase] {
        dns + loadBalancer(certificate) + status + ssh + monitor + acmeHook + setup
    }

    static var dns: [CanaryCase] {
        let zone = CanaryWorld.dnsZone
        func dns(_ command: String, _ arguments: [String], json: [String]? = nil) -> CanaryCase {
            let config = ["--config", "@INPUTS@/infra.yaml"]
            return CanaryCase(
                tool: "infra-dns", command: [command], arguments: config + [command] + arguments,
                inputs: ["infra.yaml": dnsConfig], providers: [.cloudNS],
                jsonArguments: config + [command] + (json ?? arguments) + ["--json"])
        }
        return [
            dns("zones", []), dns("list", [zone]), dns("set", ["canary", "TXT", "hello", "--zone", zone]),
            dns("delete", ["gone-a", "TXT", "--zone", zone], json: ["gone-b", "TXT", "--zone", zone]),
            dns("plan", []), dns("apply", ["--yes"]), dns("export", [zone]),
        ]
    }

    static func loadBalancer(_ certificate: (chain: String, key: String)) -> [CanaryCase] {
        func lb(_ command: [String], _ arguments: [String], form: String = "", statuses: Set<Int32> = [0], json: Bool = true)
            -> CanaryCase
        {
            let full = ["--config", "@INPUTS@/infra.yaml"] + command + arguments
            return CanaryCase(
                tool: "infra-lb", command: command, form: form, arguments: full,
                inputs: ["infra.yaml": loadBalancerConfig, "fullchain.pem": certificate.chain, "privkey.pem": certificate.key],
                providers: [.hetznerCloud], expectedStatuses: statuses, jsonArguments: json ? full + ["--json"] : nil,
                privateKeys: [certificate.key])
        }
        var lineage = lb(["cert", "deploy"], [], form: "certbot deploy hook", json: false)
        lineage.environment = ["RENEWED_LINEAGE": "@INPUTS@"]
        // Uploads are named after the certificate and the second they happen: another name keeps
        // this deploy from meeting the one before it within the same second.
        lineage.inputs["infra.yaml"] = loadBalancerConfig.replacingOccurrences(
            of: "certificate: wildcard-example-com", with: "certificate: canary-lineage")
        return [
            lb(["plan"], []), lb(["apply"], ["--yes"]), lb(["status"], [], statuses: [0, 1]),
            lb(["cert", "deploy"], ["--cert", "@INPUTS@/fullchain.pem", "--key", "@INPUTS@/privkey.pem"], json: false),
            lineage,
            lb(["delete"], ["--yes"], json: false),
        ]
    }

    static var status: [CanaryCase] {
        let config = ["--config", "@INPUTS@/infra.yaml"]
        return [
            CanaryCase(
                tool: "infra-status", command: [], form: "prometheus file",
                arguments: config + ["--format", "prometheus", "--output", "@WORK@/status.prom"],
                inputs: ["infra.yaml": statusConfig], providers: [.hetznerCloud], expectedStatuses: [0, 1],
                jsonArguments: config + ["--json"], writes: ["work/status.prom"])
        ]
    }

    static var ssh: [CanaryCase] {
        let config = ["--config", "@INPUTS@/infra.yaml"]
        func ssh(_ form: String, _ arguments: [String], json: Bool = false, writes: [String] = []) -> CanaryCase {
            CanaryCase(
                tool: "infra-ssh", command: [], form: form, arguments: config + arguments, inputs: ["infra.yaml": fixture],
                jsonArguments: json ? config + arguments + ["--json"] : nil, writes: writes)
        }
        var sshFails = ssh("ssh fails", ["db1", "--", "uptime"])
        sshFails.variant = .misuse
        sshFails.environment = ["CANARY_SSH_STATUS": "255"]
        sshFails.expectedStatuses = [255]
        var unknownHost = ssh("unknown host", ["nosuch"])
        unknownHost.variant = .misuse
        unknownHost.expectedStatuses = [64]
        return [
            ssh("exec ssh", ["db1", "--", "uptime"], writes: ["work/ssh-argv"]), ssh("--print", ["--print", "db1"]),
            ssh("--list", ["--list"], json: true), sshFails, unknownHost,
        ]
    }

    static var monitor: [CanaryCase] {
        [
            CanaryCase(
                tool: "infra-monitor", command: [], arguments: ["--repo", "canary/app"], providers: [.gitHub],
                jsonArguments: ["--repo", "canary/app", "--json"], writes: ["work/gh-argv"])
        ]
    }

    static var acmeHook: [CanaryCase] {
        let zone = CanaryWorld.acmeZone, fqdn = "_acme-challenge.\(CanaryWorld.acmeZone)."
        let values = CanaryWorld.challengeValues
        func hook(_ command: [String], _ form: String, _ arguments: [String], environment: [String: String] = [:]) -> CanaryCase {
            CanaryCase(
                tool: "acme-cloudns-hook", command: command, form: form, arguments: arguments, environment: environment,
                providers: [.cloudNS], passesVerbose: environment["ACME_CLOUDNS_VERBOSE"] == nil)
        }
        let certbot = ["CERTBOT_DOMAIN": zone, "CERTBOT_VALIDATION": values[0], "ACME_CLOUDNS_VERBOSE": "1"]
        let raw = ["--", zone, "canary-token", CanaryWorld.legoKeyAuthorization], rawMode = ["EXEC_MODE": "RAW"]
        let dehydrated = [zone, "canary-token", values[2]], quietClient = ["ACME_CLOUDNS_VERBOSE": "1"]
        var check = hook(["check"], "", ["check"])
        check.jsonArguments = ["--json", "check"]
        return [
            hook([], "certbot auth", [], environment: certbot),
            hook([], "certbot cleanup", [], environment: certbot.merging(["CERTBOT_AUTH_OUTPUT": ""]) { $1 }),
            hook(["present"], "lego", ["present", fqdn, values[1]]),
            hook(["cleanup"], "lego", ["cleanup", fqdn, values[1]]),
            hook(["present"], "lego RAW", ["present"] + raw, environment: rawMode),
            hook(["cleanup"], "lego RAW", ["cleanup"] + raw, environment: rawMode),
            hook(["deploy_challenge"], "dehydrated", ["deploy_challenge"] + dehydrated, environment: quietClient),
            hook(["clean_challenge"], "dehydrated", ["clean_challenge"] + dehydrated, environment: quietClient),
            check,
        ]
    }

    static var setup: [CanaryCase] {
        func setup(_ command: [String], _ arguments: [String], providers: [CanaryWorld.Provider], statuses: Set<Int32> = [0])
            -> CanaryCase
        {
            let full = ["--config", "@INPUTS@/infra.yaml"] + command + arguments
            return CanaryCase(
                tool: "infra-setup", command: command, arguments: full, inputs: ["infra.yaml": fixture], providers: providers,
                expectedStatuses: statuses, jsonArguments: full + ["--json"])
        }
        return [
            setup(["discover"], [], providers: [.hetznerRobot, .hetznerCloud]),
            setup([], ["--dry-run"], providers: [.hetznerCloud, .hetznerRobot, .cloudNS], statuses: [2]),
            setup(["snapshot"], ["app1"], providers: [.hetznerCloud]),
            setup(["run"], ["--yes"], providers: [.hetznerCloud, .hetznerRobot, .cloudNS]),
        ]
    }

    // MARK: Variants

    /// `base` and the runs made from it: `--json`, each provider's credentials wrong, every
    /// provider unreachable, and (`fileForms`) the secrets read from files.
    static func variants(of base: CanaryCase, fileForms: Bool, secrets: CanarySecrets) -> [CanaryCase] {
        var cases = [base]
        if let json = base.jsonArguments {
            var run = base
            run.variant = .json
            run.arguments = json
            cases.append(run)
        }
        if fileForms { cases += fileVariants(of: base, secrets: secrets) }
        for provider in base.providers {
            var run = base
            run.variant = .wrongCredentials
            run.wrong = [provider]
            cases.append(run)
        }
        if !base.providers.isEmpty {
            var run = base
            run.variant = .unreachable
            run.unreachable = Set(base.providers)
            cases.append(run)
        }
        return cases
    }

    /// `base` with every secret it needs read from a `NAME_FILE` file, and with CloudNS's from a
    /// credentials file.
    static func fileVariants(of base: CanaryCase, secrets: CanarySecrets) -> [CanaryCase] {
        var fromFiles = base
        fromFiles.variant = .variableFile
        var files: [(variable: String, value: String)] = []
        for provider in base.providers {
            switch provider {
            case .cloudNS: files.append(("CLOUDNS_AUTH_PASSWORD", secrets.cloudNS.value))
            case .hetznerCloud: files.append(("HCLOUD_TOKEN", secrets.hetznerCloud.value))
            case .hetznerRobot:
                files += [("HETZNER_ROBOT_USER", CanarySecrets.robotUser), ("HETZNER_ROBOT_PASSWORD", secrets.hetznerRobot.value)]
            case .gitHub: break
            }
        }
        for (variable, value) in files {
            fromFiles.environment[variable] = CanaryCase.unset
            fromFiles.environment[variable + "_FILE"] = "@INPUTS@/\(variable.lowercased())"
            fromFiles.inputs[variable.lowercased()] = value + "\n"
        }
        var cases = files.isEmpty ? [] : [fromFiles]
        if base.providers.contains(.cloudNS) {
            var credentialsFile = base
            credentialsFile.variant = .credentialsFile
            credentialsFile.environment["CLOUDNS_AUTH_ID"] = CanaryCase.unset
            credentialsFile.environment["CLOUDNS_AUTH_PASSWORD"] = CanaryCase.unset
            credentialsFile.environment["CLOUDNS_CREDENTIALS"] = "@INPUTS@/cloudns.credentials"
            credentialsFile.inputs["cloudns.credentials"] =
                "CLOUDNS_AUTH_ID=\(CanarySecrets.cloudNSAuthID)\nCLOUDNS_AUTH_PASSWORD=\(secrets.cloudNS.value)\n"
            cases.append(credentialsFile)
        }
        return cases
    }

    /// Secrets given the wrong way: the errors about them must not quote them.
    static func misuse(secrets: CanarySecrets) -> [CanaryCase] {
        let base = dns[0]
        var option = base
        option.form = "--credentials FILE"
        option.environment = ["CLOUDNS_AUTH_ID": CanaryCase.unset, "CLOUDNS_AUTH_PASSWORD": CanaryCase.unset]
        option.arguments += ["--credentials", "@INPUTS@/cloudns.credentials"]
        option.inputs["cloudns.credentials"] =
            "CLOUDNS_AUTH_ID=\(CanarySecrets.cloudNSAuthID)\nCLOUDNS_AUTH_PASSWORD=\(secrets.cloudNS.value)\n"
        func misusedFile(_ form: String, _ contents: String) -> CanaryCase {
            var run = option
            run.variant = .misuse
            run.form = form
            run.inputs["cloudns.credentials"] = "CLOUDNS_AUTH_ID=\(CanarySecrets.cloudNSAuthID)\n" + contents
            run.expectedStatuses = [78]
            return run
        }
        let password = secrets.cloudNS.value
        var both = status[0]
        both.variant = .misuse
        both.form = "HCLOUD_TOKEN and HCLOUD_TOKEN_FILE both set"
        both.environment["HCLOUD_TOKEN_FILE"] = "@INPUTS@/hcloud_token"
        both.inputs["hcloud_token"] = secrets.hetznerCloud.value
        both.expectedStatuses = [1, 78]
        return [
            option, misusedFile("credentials file line without =", "CLOUDNS_AUTH_PASSWORD \(password)\n"),
            misusedFile("credentials file with an unknown name", "CLOUDNS_PASSWORD=\(password)\n"),
            // One byte more than a multiple of three: the base64 ends in ==, and still holds the password's.
            misusedFile("credentials file with a bare base64 password", Data((password + "x").utf8).base64EncodedString() + "\n"),
            both,
        ]
    }
}
