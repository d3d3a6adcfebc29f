/// One SSH hop on the way to a host (`ssh.proxy_jump`): the bastion's own address and login.
///
/// The probe connects to the first hop of a chain, asks it for a `direct-tcpip` channel to the
/// next hop (or to the host) and runs the next SSH session through that channel. Each hop's host
/// key is checked against known_hosts under its own address and name.
public struct JumpHost: Sendable, Hashable {
    /// The hop's name in the inventory (`bastion-01`); messages say "via bastion NAME".
    public var name: String
    /// Where to reach it: an IP address or a resolvable name, as seen from the previous hop.
    public var address: String
    public var port: Int
    public var user: String
    /// The private key tried after the agent's keys; nil for agent only.
    public var keyPath: String?

    public init(name: String, address: String, port: Int = 22, user: String, keyPath: String? = nil) {
        self.name = name
        self.address = address
        self.port = port
        self.user = user
        self.keyPath = keyPath
    }
}
