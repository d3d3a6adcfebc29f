/// The one-line explanations (with the fix) for refused host keys and failed key exchanges.
enum HostKeyAdvice {
    static func mismatch(host: String, type: HostKeyType, fingerprint: String, file: String) -> SSHError {
        SSHError(
            .hostKeyMismatch, phase: .hostKey,
            "\(host): HOST KEY MISMATCH: the \(type.displayName) key it presented (\(fingerprint)) differs from "
                + "the one in \(file); nothing was run. If the host was really reinstalled, remove the old "
                + "entry with: ssh-keygen -R '\(host)' -f \(file)")
    }

    static func unknown(host: String, type: HostKeyType, fingerprint: String, file: String) -> SSHError {
        SSHError(
            .hostKeyUnknown, phase: .hostKey,
            "\(host): unknown host: no key for it in \(file) (it presented \(type.displayName) \(fingerprint)); "
                + "nothing was run. Check the fingerprint and add the key, or allow recording it with --accept-new")
    }

    /// A key exchange that failed because no host key algorithm was acceptable to both sides.
    static func handshakeFailure(_ error: SSHError, knownTypes: [HostKeyType], host: String, port: Int) -> SSHError {
        let name = port == 22 ? host : "[\(host)]:\(port)"
        if knownTypes == [.rsa] {
            return SSHError(
                .rsaUnsupported, phase: .handshake,
                "\(name): known_hosts holds only an RSA key for this host, and libssh2 1.10 can check RSA host keys "
                    + "only as SHA-1 ssh-rsa, which current OpenSSH servers no longer offer; add the host's ed25519 key "
                    + "(ssh-keyscan -t ed25519 -p \(port) \(host)) to known_hosts")
        }
        return SSHError(
            error.kind, phase: error.phase,
            error.message + " (if the host offers only RSA host keys: libssh2 1.10 cannot use them, give the host an ed25519 key)")
    }
}
