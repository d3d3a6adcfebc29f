internal import CSSH2

/// A connection to the user's ssh-agent (`SSH_AUTH_SOCK`), used for one session.
final class SSHAgent {
    private let session: SSHSession
    private let handle: OpaquePointer
    private var isConnected = false

    /// Connects to the agent listening on `socket`; nil when it does not answer.
    init?(session: SSHSession, socket: String) {
        guard let handle = libssh2_agent_init(session.handle) else { return nil }
        self.session = session
        self.handle = handle
        libssh2_agent_set_identity_path(handle, socket)
        // The agent is a local Unix socket; these calls are quick even though they block.
        guard libssh2_agent_connect(handle) == 0, libssh2_agent_list_identities(handle) == 0 else { return nil }
        isConnected = true
    }

    deinit {
        if isConnected { libssh2_agent_disconnect(handle) }
        libssh2_agent_free(handle)
    }

    /// Offers each agent key in turn. Returns true once the server accepts one; `keyTypes`
    /// receives the algorithm of every key offered (to explain a refusal).
    func authenticate(user: String, deadline: Deadline, keyTypes: inout [String]) throws(SSHError) -> Bool {
        var previous: UnsafeMutablePointer<libssh2_agent_publickey>?
        var identity: UnsafeMutablePointer<libssh2_agent_publickey>?
        while libssh2_agent_get_identity(handle, &identity, previous) == 0, let current = identity {
            keyTypes.append(Self.keyType(ofBlob: current.pointee.blob, length: current.pointee.blob_len))
            do {
                try session.perform(.auth, deadline: deadline) { libssh2_agent_userauth(handle, user, current) }
                return true
            } catch where error.kind == .authenticationFailed {
                previous = current
            }
        }
        return false
    }

    /// The algorithm name at the start of an SSH public key blob (`ssh-ed25519`, `ssh-rsa`, …).
    static func keyType(ofBlob blob: UnsafeMutablePointer<UInt8>?, length: Int) -> String {
        guard let blob, length >= 4 else { return "unknown" }
        let bytes = UnsafeBufferPointer(start: blob, count: length)
        let nameLength = bytes.prefix(4).reduce(0) { $0 << 8 | Int($1) }
        guard nameLength > 0, 4 + nameLength <= length else { return "unknown" }
        return String(decoding: bytes[4..<(4 + nameLength)], as: UTF8.self)
    }
}
