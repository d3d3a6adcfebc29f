import Foundation
import InfraCLI
import Testing
import TestSupport

/// The committed completion scripts loaded into real shells (Debian packages bash-completion,
/// zsh, fish), completing command lines against the built tools on PATH.
@Suite("Shell completion")
struct CompletionShellTests {
    enum Shell: String, CaseIterable, CustomTestStringConvertible {
        case bash, zsh, fish
        var testDescription: String { rawValue }
    }

    static let completions = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("completions")

    /// Loads `tool`'s script into `shell`, completes `line` (the cursor at its end) and returns
    /// the candidates. `path` is put before the built tools on PATH (for stand-in executables).
    static func complete(
        _ shell: Shell, _ tool: String, _ line: String, path: URL? = nil, in directory: URL? = nil
    ) async throws -> [String] {
        let scratch = try ScratchDirectory()
        let searchPath = [path?.path, ToolProcess.binDirectory.path, "/usr/local/bin:/usr/bin:/bin"]
            .compactMap { $0 }.joined(separator: ":")
        let result: ToolResult
        switch shell {
        case .bash:
            let harness = try scratch.write("complete.bash", bashHarness)
            result = try await ToolProcess.runProgram(
                URL(fileURLWithPath: "/bin/bash"), ["--norc", "--noprofile", harness.path, tool, line],
                environment: ["PATH": searchPath, "COMPLETIONS": completions.path], currentDirectory: directory,
                timeout: .seconds(20))
        case .zsh:
            let harness = try scratch.write("complete.zsh", zshHarness)
            result = try await ToolProcess.runProgram(
                URL(fileURLWithPath: "/usr/bin/zsh"), ["-f", harness.path, completions.appendingPathComponent("zsh").path, line],
                environment: ["PATH": searchPath], currentDirectory: directory, timeout: .seconds(20))
        case .fish:
            let script = completions.appendingPathComponent("fish/\(tool).fish").path
            result = try await ToolProcess.runProgram(
                URL(fileURLWithPath: "/usr/bin/fish"),
                ["--no-config", "-c", "source \(script); complete -C \(fishQuoted(line))"],
                environment: ["PATH": searchPath], currentDirectory: directory, timeout: .seconds(20))
        }
        #expect(result.status == 0, "\(shell) exited \(result.status): \(result.stderr)")
        // zsh's pseudo-terminal ends lines with CR LF, a single Character in Swift.
        return result.stdout.split(whereSeparator: \.isNewline).map { line in
            String(line.prefix { $0 != "\t" })
        }.filter { !$0.isEmpty }
    }

    static func fishQuoted(_ text: String) -> String {
        "'" + text.replacing("\\", with: "\\\\").replacing("'", with: "\\'") + "'"
    }

    /// A stand-in `infra-ssh` that answers `__complete host` with fixed hosts and logs its
    /// arguments, to check what the scripts ask the tool.
    static func standIn(in scratch: ScratchDirectory) throws -> URL {
        let bin = scratch.url.appendingPathComponent("bin")
        try scratch.write(
            "bin/infra-ssh",
            """
            #!/bin/sh
            echo "$*" >> "\(scratch.url.path)/calls"
            if [ "$1" = __complete ] && [ "$2" = host ]; then printf 'web1\\nweb2\\ndb1\\n'; fi
            exit 0
            """, permissions: 0o755)
        return bin
    }

    @Test("infra-dns <TAB> offers the subcommands", arguments: Shell.allCases)
    func subcommands(shell: Shell) async throws {
        let candidates = try await Self.complete(shell, "infra-dns", "infra-dns ")
        #expect(Set(candidates) == ["zones", "list", "set", "delete", "plan", "apply", "export", "help"])
    }

    @Test("an option value offers the allowed values", arguments: Shell.allCases)
    func allowedValues(shell: Shell) async throws {
        let candidates = try await Self.complete(shell, "infra-status", "infra-status --format ")
        #expect(Set(candidates) == ["table", "json", "prometheus"])
        let types = try await Self.complete(shell, "infra-dns", "infra-dns list --type C")
        #expect(Set(types) == ["CAA", "CNAME"])
    }

    @Test("options of the subcommand, inherited ones included", arguments: Shell.allCases)
    func options(shell: Shell) async throws {
        let candidates = Set(try await Self.complete(shell, "infra-dns", "infra-dns set --"))
        #expect(candidates.isSuperset(of: ["--zone", "--ttl", "--credentials", "--config", "--json", "--help"]))
        #expect(!candidates.contains("--prune"))
    }

    @Test("positional arguments complete by position", arguments: Shell.allCases)
    func positional(shell: Shell) async throws {
        let candidates = try await Self.complete(shell, "infra-dns", "infra-dns set www ")
        #expect(Set(candidates) == ["A", "AAAA", "CAA", "CNAME", "MX", "NS", "PTR", "SRV", "TXT"])
    }

    @Test("infra-ssh <TAB> asks the tool for hosts, passing --config", arguments: Shell.allCases)
    func dynamicHostsThroughTheTool(shell: Shell) async throws {
        let scratch = try ScratchDirectory()
        let bin = try Self.standIn(in: scratch)
        let hosts = try await Self.complete(shell, "infra-ssh", "infra-ssh ", path: bin)
        #expect(Set(hosts) == ["web1", "web2", "db1"])
        let filtered = try await Self.complete(shell, "infra-ssh", "infra-ssh --config /srv/infra.yaml w", path: bin)
        #expect(Set(filtered) == ["web1", "web2"])
        let calls = try String(contentsOf: scratch.url.appendingPathComponent("calls"), encoding: .utf8)
        #expect(calls.contains("__complete host --config /srv/infra.yaml\n"))
    }

    @Test("infra-ssh <TAB> with the real tool and no infra.yaml offers nothing, quietly", arguments: Shell.allCases)
    func noConfigurationNoCandidates(shell: Shell) async throws {
        let scratch = try ScratchDirectory()
        let hosts = try await Self.complete(shell, "infra-ssh", "infra-ssh ", in: scratch.url)
        #expect(hosts == [])
    }

    @Test(
        "infra-ssh <TAB> offers the hosts of infra.yaml",
        arguments: Shell.allCases)
    func hostsFromInfraYAML(shell: Shell) async throws {
        let scratch = try ScratchDirectory()
        let config = try scratch.write(
            "project/infra.yaml",
            """
            hosts:
              web1:
                ip: 192.0.2.10
                role: app
              db1:
                ip: 192.0.2.20
                role: db
            """)
        let viaOption = try await Self.complete(shell, "infra-ssh", "infra-ssh --config \(config.path) ")
        #expect(Set(viaOption) == ["web1", "db1"])
        let viaDiscovery = try await Self.complete(
            shell, "infra-ssh", "infra-ssh ", in: config.deletingLastPathComponent())
        #expect(Set(viaDiscovery) == ["web1", "db1"])
    }

    /// Loads bash-completion and the tool's script, fills COMP_* for the line, calls the
    /// registered function and prints COMPREPLY.
    static let bashHarness = #"""
        source /usr/share/bash-completion/bash_completion
        source "$COMPLETIONS/bash/$1"
        line=$2
        COMP_LINE=$line
        COMP_POINT=${#line}
        read -ra COMP_WORDS <<<"$line"
        [[ $line == *" " ]] && COMP_WORDS+=("")
        COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
        COMPREPLY=()
        spec=$(complete -p "$1")
        function=${spec#*-F }
        function=${function%% *}
        "$function" "$1" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
        printf '%s\n' "${COMPREPLY[@]}"
        """#

    /// Starts an interactive zsh in a pseudo-terminal with compinit and the scripts on fpath,
    /// wraps compadd to print every candidate, types the line and TAB, then a key that ends the
    /// shell. Markers are split in the source so the echoed input never matches them.
    static let zshHarness = #"""
        zmodload zsh/zpty
        zpty shell zsh -f -i
        zpty -w shell "PS1='' RPS1=''"
        zpty -w shell "fpath=($1 \$fpath)"
        zpty -w shell 'autoload -Uz compinit && compinit -u -D'
        zpty -w shell 'compadd() { if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then builtin compadd "$@"; return; fi; local -a hits; builtin compadd -A hits "$@"; local hit; for hit in $hits; do print -r -- "<can""didate>$hit"; done; builtin compadd -U -Q -- }'
        zpty -w shell 'finish() { print -r -- "<fin""ished>"; exit }; zle -N finish; bindkey "^Y" finish'
        zpty -w shell "$2"$'\t\x19'
        while zpty -r shell output; do
            [[ $output == *'<finished>'* ]] && break
            [[ $output == *'<candidate>'* ]] && print -r -- "${${output##*<candidate>}%%$'\r'}"
        done
        zpty -d shell
        """#
}
