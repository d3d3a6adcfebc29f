/// The OpenSSH command line that reaches a host of `infra.yaml`:
///
///     ssh [-i KEY] -p PORT -o StrictHostKeyChecking=accept-new [-J JUMPS] USER@IP [-- COMMAND…]
///
/// `-J` lists the `ssh.proxy_jump` chain farthest first, each hop as `user@ip:port` with that
/// host's own user and port (IPv6 hops in brackets). A jump host's `ssh.key` is not passed:
/// OpenSSH's `-J` has no per-hop identity, so hops use the agent or `~/.ssh/config`.
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
    ///   - extraOptions: inserted after the standard options, before `-J` (tests point
    ///     `UserKnownHostsFile` at a temp file this way).
    ///   - program: the ssh executable, looked up on PATH unless it contains a `/`.
    public init(
        host: InfraConfig.Host, in config: InfraConfig, command: [String] = [], extraOptions: [String] = [],
        program: String = "ssh"
    ) {
        var arguments = [program]
        if let key = host.ssh.key { arguments += ["-i", key] }
        arguments += ["-p", String(host.ssh.port), "-o", Self.hostKeyPolicy]
        arguments += extraOptions
        let jumps = config.jumpChain(to: host)
        if !jumps.isEmpty {
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

    private static func hop(_ host: InfraConfig.Host) -> String {
        let address = host.ip.contains(":") ? "[\(host.ip)]" : host.ip
        return "\(host.ssh.user)@\(address):\(host.ssh.port)"
    }
}
