import Foundation
internal import CSSH2

/// One command to run on one host over SSH.
public struct SSHCommandRequest: Sendable {
    /// Address (or resolvable name) to connect to.
    public var host: String
    public var port: Int
    public var user: String
    /// Private key file tried after the agent's keys; nil for agent only.
    public var keyPath: String?
    /// Other names known_hosts may list this host under (a DNS name, an inventory name).
    public var aliases: [String]
    public var command: String
    /// One budget for connect, handshake, authentication, exec and reading the output.
    public var timeout: Duration
    public var knownHosts: KnownHostsPolicy
    /// The ssh-agent socket whose keys are offered before `keyPath`; nil for no agent.
    public var agentSocket: String?
    /// The jump host to reach `host` through; nil to connect directly.
    var tunnel: JumpGateway?

    public init(
        host: String, port: Int = 22, user: String, keyPath: String?, aliases: [String] = [],
        command: String, timeout: Duration, knownHosts: KnownHostsPolicy, agentSocket: String? = nil
    ) {
        self.host = host
        self.port = port
        self.user = user
        self.keyPath = keyPath
        self.aliases = aliases
        self.command = command
        self.timeout = timeout
        self.knownHosts = knownHosts
        self.agentSocket = agentSocket
    }
}

/// What happened on one host: the output (complete, or as far as it got) and the failure, if any.
public struct SSHCommandOutcome: Sendable {
    public var standardOutput: String = ""
    public var standardError: String = ""
    /// The command's exit status; nil when it did not finish (or the server did not say).
    public var exitStatus: Int32?
    public var failure: SSHError?
    /// Seconds until the TCP connection was up.
    public var connectSeconds: Double?
    /// Seconds until the session was authenticated (TCP + handshake + host key + auth).
    public var sessionSeconds: Double?
    /// Seconds for the whole exchange, including the command.
    public var totalSeconds: Double = 0
    /// The host's key fingerprint (`SHA256:…`) when the handshake got that far.
    public var hostKeyFingerprint: String?
    /// True when the host was unknown and its key was appended to known_hosts (accept-new).
    public var recordedHostKey = false
    /// True when the output was cut at the size limit.
    public var outputTruncated = false
}

/// Runs one command on one host with libssh2, blocking the calling thread until it is done
/// or the request's deadline passes. Call it from a dedicated thread, never from a task on
/// the Swift concurrency pool.
public enum SSHCommandRunner {
    public static func run(_ request: SSHCommandRequest) -> SSHCommandOutcome {
        let start = ContinuousClock.now
        let deadline = Deadline(after: request.timeout)
        var outcome = SSHCommandOutcome()
        var channel: SSHChannel?
        do {
            let session = try openSession(request, deadline: deadline, start: start, outcome: &outcome)
            let opened = try SSHChannel(session: session, deadline: deadline)
            channel = opened
            try opened.exec(request.command, deadline: deadline)
            try opened.readToEnd(deadline: deadline)
            outcome.exitStatus = opened.close(deadline: deadline)
            session.disconnect(deadline: deadline)
        } catch {
            outcome.failure = error
        }
        if let channel {
            outcome.standardOutput = String(decoding: channel.standardOutput, as: UTF8.self)
            outcome.standardError = String(decoding: channel.standardError, as: UTF8.self)
            outcome.outputTruncated = channel.truncated
        }
        outcome.totalSeconds = secondsSince(start)
        return outcome
    }

    /// Connects (directly, or through the request's jump host, never both), checks the host key
    /// and logs in.
    static func openSession(
        _ request: SSHCommandRequest, deadline: Deadline, start: ContinuousClock.Instant,
        outcome: inout SSHCommandOutcome
    ) throws(SSHError) -> SSHSession {
        let connection: TCPConnection
        if let tunnel = request.tunnel {
            connection = try tunnel.openTunnel(to: request.host, port: request.port, deadline: deadline)
        } else {
            connection = try TCPConnection.open(host: request.host, port: request.port, deadline: deadline)
        }
        outcome.connectSeconds = secondsSince(start)
        let session = try SSHSession(connection: connection, host: request.host)
        try verifyHost(session, request: request, deadline: deadline, outcome: &outcome)
        try authenticate(session, request: request, deadline: deadline)
        outcome.sessionSeconds = secondsSince(start)
        return session
    }

    /// Handshake with the host key algorithms known_hosts can vouch for, then check the key.
    private static func verifyHost(
        _ session: SSHSession, request: SSHCommandRequest, deadline: Deadline, outcome: inout SSHCommandOutcome
    ) throws(SSHError) {
        var hosts = [request.host]
        hosts.append(contentsOf: request.aliases.filter { $0 != request.host })
        let store = try KnownHostsStore(
            session: session, file: request.knownHosts.file, hosts: hosts, port: request.port)
        let known = store.knownTypes()
        try session.preferHostKeys(known.isEmpty ? HostKeyType.preferenceOrder : known)
        do {
            try session.handshake(deadline: deadline)
        } catch where error.kind == .protocolFailure && error.phase == .handshake {
            throw HostKeyAdvice.handshakeFailure(error, knownTypes: known, host: request.host, port: request.port)
        }
        let key = try session.hostKey()
        let fingerprint = session.hostKeyFingerprint()
        outcome.hostKeyFingerprint = fingerprint
        switch store.verdict(key: key.bytes, type: key.type) {
        case .match:
            return
        case .mismatch:
            throw HostKeyAdvice.mismatch(
                host: store.names[0], type: key.type, fingerprint: fingerprint, file: request.knownHosts.file.path)
        case .notFound:
            guard request.knownHosts.acceptNew, known.isEmpty else {
                throw HostKeyAdvice.unknown(
                    host: store.names[0], type: key.type, fingerprint: fingerprint, file: request.knownHosts.file.path)
            }
            try request.knownHosts.file.append(store.line(recording: key.bytes, type: key.type))
            outcome.recordedHostKey = true
        }
    }

    /// The agent's keys first, then the key file; a refusal names what was offered and why
    /// an RSA key cannot work here.
    private static func authenticate(
        _ session: SSHSession, request: SSHCommandRequest, deadline: Deadline
    ) throws(SSHError) {
        var offered: [String] = []
        if let socket = request.agentSocket, !socket.isEmpty, let agent = SSHAgent(session: session, socket: socket) {
            if try agent.authenticate(user: request.user, deadline: deadline, keyTypes: &offered) { return }
        }
        var fileKeyType: String?
        if let keyPath = request.keyPath {
            guard FileManager.default.isReadableFile(atPath: keyPath) else {
                throw SSHError(.localFile, phase: .auth, "\(request.host): key file \(keyPath) cannot be read")
            }
            fileKeyType = UserKeyFile.keyType(atPath: keyPath)
            do {
                try session.perform(.auth, deadline: deadline) {
                    cssh2_userauth_publickey_fromfile(session.handle, request.user, keyPath)
                }
                return
            } catch where error.kind == .authenticationFailed || error.kind == .localFile {
                if fileKeyType != "ssh-rsa" && error.kind == .localFile { throw error }
            }
        }
        throw AuthenticationAdvice.refusal(
            host: request.host, user: request.user, agentKeyTypes: offered,
            keyPath: request.keyPath, keyFileType: fileKeyType)
    }
}
