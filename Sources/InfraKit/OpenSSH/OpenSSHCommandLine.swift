/// The OpenSSH command line that reaches a host of `infra.yaml`:
///
///     ssh [-i KEY] -p PORT -o StrictHostKeyChecking=accept-new [-J JUMPS] USER@IP [-- COMMAND…]
///
/// `-J` lists the `ssh.proxy_jump` chain farthest first, each hop as `user@ip:port` with that
/// host's own user and port (IPv6 hops in brackets). `-J` has no per-hop identity, so when a jump
/// host has an `ssh.key` the hop is a `-o ProxyCommand=…` instead: the jump host's own command
/// line (its key, port and own jumps) with `-W [%h]:%p`.
///
/// The command words follow `--` so that words starting with `-` reach the remote side instead
/// of being read as ssh options. As with ssh itself, the remote shell joins and re-parses them.
public struct OpenSSHCommandLine: Sendable, Hashable {
    public static let hostKeyPolicy = "StrictHostKeyChecking=accept-new"

    /// The full argv, program first.
    public var arguments: [String]

    /// The argv quoted for a POSIX shell, for `infra-ssh --print`.
    public var shellQuoted: String { ShellQuoting.join(arguments) }

    /// - Parameters:
    ///   - command: remote command words; empty for an interactive session.
    ///   - extraOptions: inserted after the standard options, before `-J`, and given to every
    ///     ProxyCommand hop too (tests point `-F` at a temp ssh_config this way).
    ///   - program: the ssh executable, looked up on PATH unless it contains a `/`.
    public init(
        host: InfraConfig.Host, in config: InfraConfig, command: [String] = [], extraOptions: [String] = [],
        program: String = "ssh"
    ) {
        var arguments = [program]
        if let key = host.ssh.key { arguments += Self.identity(key) }
        arguments += ["-p", String(host.ssh.port), "-o", Self.hostKeyPolicy]
        arguments += extraOptions
        let jumps = config.jumpChain(to: host)
        if let nearest = jumps.last, jumps.contains(where: { $0.ssh.key != nil }) {
            let hop = OpenSSHCommandLine(host: nearest, in: config, extraOptions: extraOptions, program: program)
            arguments += ["-o", "ProxyCommand=" + hop.proxyCommand(to: host)]
        } else if !jumps.isEmpty {
            arguments += ["-J", jumps.map { Self.hop($0) }.joined(separator: ",")]
        }
        arguments.append(host.ssh.user + "@" + host.ip)
        if !command.isEmpty { arguments += ["--"] + command }
        self.arguments = arguments
    }

    /// Looks `name` up (exact, case-sensitive) and builds its command line.
    public static func forHost(
        named name: String, in config: InfraConfig, command: [String] = [], extraOptions: [String] = [],
        program: String = "ssh"
    ) throws(UnknownHostError) -> OpenSSHCommandLine {
        guard let host = config.host(named: name) else { throw UnknownHostError(name: name, config: config) }
        return OpenSSHCommandLine(host: host, in: config, command: command, extraOptions: extraOptions, program: program)
    }

    /// This (interactive) line as the ProxyCommand of `target`, a host behind it: `-W IP:PORT`
    /// before the destination. ssh expands `%` tokens in a ProxyCommand, so each `%` (a key path,
    /// a nested ProxyCommand's own escapes) is doubled to reach the shell as written.
    private func proxyCommand(to target: InfraConfig.Host) -> String {
        var words = arguments.map(Self.literal)
        words.insert(contentsOf: ["-W", Self.address(target) + ":" + String(target.ssh.port)], at: words.count - 1)
        return ShellQuoting.join(words)
    }

    /// `-i KEY`; ssh checks an `-i` path as written but then expands `%` tokens in it, so a path
    /// with `%` goes as `-o IdentityFile="…"` (quoted for ssh's own word splitting) with `%` doubled.
    private static func identity(_ key: String) -> [String] {
        key.contains("%") ? ["-o", "IdentityFile=\"" + literal(key) + "\""] : ["-i", key]
    }

    /// `text` with `%` doubled, so that ssh's token expansion (key paths, ProxyCommand) leaves it as written.
    private static func literal(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%%")
    }

    private static func hop(_ host: InfraConfig.Host) -> String {
        "\(host.ssh.user)@\(address(host)):\(host.ssh.port)"
    }

    /// The host's IP, bracketed when it is IPv6 (for `ADDRESS:PORT`).
    private static func address(_ host: InfraConfig.Host) -> String {
        host.ip.contains(":") ? "[\(host.ip)]" : host.ip
    }
}
