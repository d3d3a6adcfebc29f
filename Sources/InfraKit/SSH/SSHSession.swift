import Foundation
internal import CSSH2

/// One libssh2 session in non-blocking mode over its own TCP connection.
///
/// Not Sendable: a session lives and dies on the thread that opened it. Every libssh2 call
/// that can block goes through `perform`, which waits with poll(2) against the host's
/// deadline, so no phase can hang past it.
final class SSHSession {
    let handle: OpaquePointer
    let connection: TCPConnection
    let host: String
    private var isDisconnected = false

    init(connection: TCPConnection, host: String) throws(SSHError) {
        LibSSH2.initializeOnce()
        guard let handle = cssh2_session_init() else {
            throw SSHError(.protocolFailure, phase: .handshake, "\(host): cannot allocate an SSH session")
        }
        self.handle = handle
        self.connection = connection
        self.host = host
        libssh2_session_set_blocking(handle, 0)
    }

    deinit {
        if !isDisconnected { connection.abort() }
        libssh2_session_free(handle)
    }

    /// Offers only these host key algorithms, so that the server proves a key known_hosts can check.
    func preferHostKeys(_ types: [HostKeyType]) throws(SSHError) {
        let list = types.map(\.methodName).joined(separator: ",")
        let result = libssh2_session_method_pref(handle, LIBSSH2_METHOD_HOSTKEY, list)
        if result != 0 { throw failure(code: result, phase: .handshake) }
    }

    func handshake(deadline: Deadline) throws(SSHError) {
        try perform(.handshake, deadline: deadline) { libssh2_session_handshake(handle, connection.descriptor) }
    }

    /// The key the server proved it holds during the handshake.
    func hostKey() throws(SSHError) -> (bytes: [UInt8], type: HostKeyType) {
        var length = 0
        var rawType: Int32 = 0
        guard let pointer = libssh2_session_hostkey(handle, &length, &rawType), length > 0 else {
            throw SSHError(.protocolFailure, phase: .hostKey, "\(host): the server sent no host key")
        }
        guard let type = HostKeyType(sessionType: rawType) else {
            throw SSHError(.protocolFailure, phase: .hostKey, "\(host): unsupported host key type \(rawType)")
        }
        let bytes = UnsafeRawBufferPointer(start: pointer, count: length).map { $0 }
        return (bytes, type)
    }

    /// `SHA256:…` as `ssh-keygen -l` prints it.
    func hostKeyFingerprint() -> String {
        guard let pointer = libssh2_hostkey_hash(handle, LIBSSH2_HOSTKEY_HASH_SHA256) else { return "unknown" }
        let digest = Data(UnsafeRawBufferPointer(start: pointer, count: 32))
        return "SHA256:" + digest.base64EncodedString().replacingOccurrences(of: "=", with: "")
    }

    func isAuthenticated() -> Bool {
        libssh2_userauth_authenticated(handle) != 0
    }

    /// Sends SSH_MSG_DISCONNECT if it can before the deadline; the session is released either way.
    func disconnect(deadline: Deadline) {
        let done = try? perform(.read, deadline: deadline) {
            cssh2_session_disconnect(handle, "probe finished")
        }
        isDisconnected = done != nil
    }

    /// Runs a libssh2 call until it stops answering EAGAIN, waiting on the socket in between.
    @discardableResult
    func perform(_ phase: SSHError.Phase, deadline: Deadline, _ call: () -> Int32) throws(SSHError) -> Int32 {
        while true {
            let result = call()
            if result >= 0 { return result }
            if result != LIBSSH2_ERROR_EAGAIN { throw failure(code: result, phase: phase) }
            try waitForSocket(phase, deadline: deadline)
        }
    }

    /// Waits for the direction libssh2 is blocked on; throws a timeout once the deadline passed.
    func waitForSocket(_ phase: SSHError.Phase, deadline: Deadline) throws(SSHError) {
        let directions = libssh2_session_block_directions(handle)
        let ready = connection.wait(
            readable: directions & LIBSSH2_SESSION_BLOCK_INBOUND != 0,
            writable: directions & LIBSSH2_SESSION_BLOCK_OUTBOUND != 0,
            deadline: deadline)
        if !ready { throw timeout(in: phase) }
    }

    func timeout(in phase: SSHError.Phase) -> SSHError {
        let detail = phase == .handshake ? " (the server sent no SSH banner or stalled in key exchange)" : ""
        return SSHError(.timeout, phase: phase, "\(host): timed out during \(phase.description)\(detail)")
    }

    /// The one place that turns a libssh2 error code into an `SSHError`.
    func failure(code: Int32, phase: SSHError.Phase) -> SSHError {
        let reason = lastErrorMessage()
        let text = reason.isEmpty ? "libssh2 error \(code)" : reason
        switch code {
        case LIBSSH2_ERROR_TIMEOUT, LIBSSH2_ERROR_SOCKET_TIMEOUT:
            return timeout(in: phase)
        case LIBSSH2_ERROR_SOCKET_NONE, LIBSSH2_ERROR_BANNER_RECV, LIBSSH2_ERROR_BANNER_SEND,
            LIBSSH2_ERROR_SOCKET_SEND, LIBSSH2_ERROR_SOCKET_RECV, LIBSSH2_ERROR_SOCKET_DISCONNECT,
            LIBSSH2_ERROR_BAD_SOCKET:
            return SSHError(.unreachable, phase: phase, "\(host): connection lost during \(phase.description): \(text)")
        case LIBSSH2_ERROR_AUTHENTICATION_FAILED, LIBSSH2_ERROR_PUBLICKEY_UNVERIFIED,
            LIBSSH2_ERROR_KEYFILE_AUTH_FAILED, LIBSSH2_ERROR_PASSWORD_EXPIRED, LIBSSH2_ERROR_METHOD_NONE:
            return SSHError(.authenticationFailed, phase: phase, "\(host): authentication failed: \(text)")
        case LIBSSH2_ERROR_FILE:
            return SSHError(.localFile, phase: phase, "\(host): \(text)")
        default:
            return SSHError(.protocolFailure, phase: phase, "\(host): \(phase.description) failed: \(text) (libssh2 \(code))")
        }
    }

    func lastErrorMessage() -> String {
        var pointer: UnsafeMutablePointer<CChar>?
        var length: Int32 = 0
        _ = libssh2_session_last_error(handle, &pointer, &length, 0)
        guard let pointer, length > 0 else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: pointer, count: Int(length)), as: UTF8.self)
    }
}

/// Process-wide libssh2 state.
enum LibSSH2 {
    // A Swift global is initialised exactly once, thread-safely, on first use; libssh2_init
    // itself is not thread-safe, so every session goes through here first.
    private static let initialization: Int32 = libssh2_init(0)

    static func initializeOnce() {
        _ = initialization
    }
}
