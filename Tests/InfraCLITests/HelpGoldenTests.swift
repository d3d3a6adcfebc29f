import InfraCLI
import Testing

/// Help text exactly as a user sees it at 80 columns. When a spec changes on purpose, update the
/// text here from `infra-dns --help` / `infra-dns help set` and read the diff.
@Suite("Help text")
struct HelpGoldenTests {
    @Test func rootHelpOfInfraDNS() async {
        let result = await runInProcess(DNSTool.spec, ["--help"])
        #expect(result.status == .success)
        #expect(result.stderr.isEmpty)
        #expect(result.stdout == Self.rootHelp + "\n")
    }

    @Test func subcommandHelpOfInfraDNS() async {
        for arguments in [["help", "set"], ["set", "--help"], ["set", "-h"]] {
            let result = await runInProcess(DNSTool.spec, arguments)
            #expect(result.status == .success)
            #expect(result.stdout == Self.setHelp + "\n", "for \(arguments)")
        }
    }

    @Test func helpWrapsToTheTerminalWidth() async {
        let narrow = await runInProcess(
            DNSTool.spec, ["--help"], terminal: TerminalInfo(stdoutIsTerminal: true, width: 50))
        let lines = narrow.stdout.split(separator: "\n")
        // Only lines holding a single unbreakable word may exceed the width.
        let tooLong = lines.filter { $0.count > 50 && $0.drop(while: { $0 == " " }).contains(" ") }
        #expect(tooLong == [])
        #expect(lines.contains { $0.count > 40 })
    }

    @Test func everyToolHasHelpMentioningEveryVisibleOption() async {
        for spec in InfraTools.all {
            let result = await runInProcess(spec, ["--help"])
            #expect(result.status == .success)
            for option in spec.options(at: []) where !option.isHidden {
                #expect(result.stdout.contains("--\(option.long)"), "\(spec.name) --help lacks --\(option.long)")
            }
            for command in spec.root.visibleSubcommands {
                #expect(result.stdout.contains("  \(command.name)"), "\(spec.name) --help lacks \(command.name)")
            }
        }
    }

    static let rootHelp = """
        Usage: infra-dns [options] <command>

        Manage DNS records in CloudNS zones.

        List, create, change and delete records in the zones of a CloudNS account, or
        bring the zones in line with the dns.zones section of infra.yaml: plan shows the
        changes, apply makes them.

        Commands:
          zones                       List the zones of the CloudNS account.
          list [ZONE]                 List the records of a zone.
          set HOST TYPE VALUE         Create or update a record; prints created, updated
                                      or unchanged.
          delete HOST TYPE [VALUE]    Delete a record, or every record of a host and
                                      type.
          plan                        Show the changes that would bring the zones in
                                      line with infra.yaml.
          apply                       Make the changes plan shows.
          export ZONE                 Print a zone as a dns.zones fragment for
                                      infra.yaml.

        Options:
              --credentials FILE      Read CloudNS credentials from FILE (NAME=value
                                      lines, owner-only).

        Global options:
              --config FILE           Read the topology from FILE instead of the
                                      infra.yaml found by walking up from the current
                                      directory.
              --json                  Print results as JSON on stdout; progress goes to
                                      stderr.
              --color WHEN            Color the output (auto, always or never; default:
                                      auto).
          -v, --verbose               Trace what the tool does on stderr.
          -q, --quiet                 Print no warnings or notes on stderr, only errors.
          -h, --help                  Show help and exit.
              --version               Show the version and exit.

        Environment:
          CLOUDNS_AUTH_ID             API user id (one of the three identities).
          CLOUDNS_SUB_AUTH_ID         API sub-user id (one of the three identities).
          CLOUDNS_SUB_AUTH_USER       API sub-user name (one of the three identities).
          CLOUDNS_AUTH_PASSWORD       Password of the API user or sub-user.
          CLOUDNS_AUTH_ID_FILE        Read CLOUDNS_AUTH_ID from this file.
          CLOUDNS_SUB_AUTH_ID_FILE    Read CLOUDNS_SUB_AUTH_ID from this file.
          CLOUDNS_SUB_AUTH_USER_FILE  Read CLOUDNS_SUB_AUTH_USER from this file.
          CLOUDNS_AUTH_PASSWORD_FILE  Read CLOUDNS_AUTH_PASSWORD from this file.
          CLOUDNS_CREDENTIALS         Credentials file of NAME=value lines with the
                                      names above; must be readable by its owner only.
          CLOUDNS_API_URL             API endpoint (default: https://api.cloudns.net).
          HCLOUD_TOKEN                Hetzner Cloud API token of the project.
          HCLOUD_TOKEN_FILE           Read HCLOUD_TOKEN from this file.
          HCLOUD_ENDPOINT             Hetzner Cloud API endpoint (default:
                                      https://api.hetzner.cloud/v1).
          SSL_CERT_FILE               A PEM file of CA certificates to trust for the API
                                      in addition to the system's.
          CURL_CA_BUNDLE              The same as SSL_CERT_FILE, when that is not set.

        Examples:
          Point www at an address in the only zone of infra.yaml.
            $ infra-dns set www A 192.0.2.10

          Show what apply would change, failing a CI job when something would.
            $ infra-dns plan --exit-code

        Run 'infra-dns help <command>' for the options of a command; 'man infra-dns' for
        exit statuses and more.
        """

    static let setHelp = """
        Usage: infra-dns set [options] HOST TYPE VALUE

        Create or update a record; prints created, updated or unchanged.

        Other records of the same host and type stay: a second TXT or A value is added
        next to the first, a record with the same value but another TTL or priority is
        updated. Types a host holds once (CNAME, ALIAS, DNAME) are updated in place.
        --replace makes VALUE the only record of its host and type. MX values are
        written PRIORITY TARGET, SRV values PRIORITY WEIGHT PORT TARGET. TTLs CloudNS
        does not accept are rounded up, with a note.

        Arguments:
          HOST                    Host name relative to the zone (@ for the apex).
          TYPE                    Record type.
          VALUE                   Record value.

        Options:
              --credentials FILE  Read CloudNS credentials from FILE (NAME=value lines,
                                  owner-only).
          -z, --zone ZONE         The zone holding the record; by default the infra.yaml
                                  zone HOST ends in, else its only zone, else for a HOST
                                  ending in a dot the account zone holding it.
              --ttl SECONDS       Time to live of the record (default: 300).
              --replace           Make VALUE the only record of HOST and TYPE, changing
                                  or deleting the others.

        Global options:
          --config FILE, --json, --color WHEN, --verbose, --quiet, --help, --version
          (see 'infra-dns --help').

        See 'man infra-dns' for exit statuses and more.
        """
}
