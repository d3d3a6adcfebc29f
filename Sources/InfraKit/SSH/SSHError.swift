/// Why an SSH command could not run (or finish) on one host.
///
/// Every libssh2 failure becomes one of these in `SSHSession.failure(code:phase:)`; the
/// rest of the package only sees the kind, the phase and a one-line message.
public struct SSHError: ClassifiedError, Equatable, Sendable {
    public enum Kind: String, Sendable, Codable {
        /// Nothing listens on the port (the host answered with a reset).
        case connectionRefused = "connection_refused"
        /// No route, name not resolvable, connection reset: the host cannot be reached.
        case unreachable
        /// The per-host deadline passed; `phase` says where.
        case timeout
        /// The host presented a key that differs from the one in known_hosts. Nothing ran.
        case hostKeyMismatch = "host_key_mismatch"
        /// known_hosts has no key for this host and accepting new keys was not allowed.
        case hostKeyUnknown = "host_key_unknown"
        /// The server refused every key offered (agent and key file).
        case authenticationFailed = "auth_failed"
        /// An RSA user key or an RSA-only host, which libssh2 1.10 cannot use.
        case rsaUnsupported = "rsa_unsupported"
        /// A local file (key, known_hosts) could not be read or written.
        case localFile = "local_file"
        /// The SSH conversation itself failed (key exchange, channel, protocol error).
        case protocolFailure = "protocol"
    }

    /// The step that was running when the failure happened.
    public enum Phase: String, Sendable, Codable {
        case connect, handshake, hostKey = "host_key", auth, exec, read
    }

    public var kind: Kind
    public var phase: Phase
    public var message: String

    public init(_ kind: Kind, phase: Phase, _ message: String) {
        self.kind = kind
        self.phase = phase
        self.message = message
    }

    public var exitStatus: ExitStatus {
        switch kind {
        case .hostKeyMismatch, .hostKeyUnknown, .authenticationFailed, .rsaUnsupported:
            return .noPermission
        case .localFile:
            return .noInput
        case .connectionRefused, .unreachable, .timeout, .protocolFailure:
            return .unavailable
        }
    }
}

extension SSHError.Phase {
    /// How the phase reads in a sentence ("timed out during the SSH handshake").
    var description: String {
        switch self {
        case .connect: "the TCP connect"
        case .handshake: "the SSH handshake"
        case .hostKey: "the host key check"
        case .auth: "authentication"
        case .exec: "starting the command"
        case .read: "reading the command's output"
        }
    }
}
