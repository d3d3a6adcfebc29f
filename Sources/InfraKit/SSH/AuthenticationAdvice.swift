/// The one-line explanation (with the fix) for a refused login.
enum AuthenticationAdvice {
    static func refusal(
        host: String, user: String, agentKeyTypes: [String], keyPath: String?, keyFileType: String?
    ) -> SSHError {
        let rsaFile = keyFileType == "ssh-rsa"
        let rsaAgentOnly = !agentKeyTypes.isEmpty && agentKeyTypes.allSatisfy { $0 == "ssh-rsa" }
        if rsaFile || (rsaAgentOnly && keyPath == nil) {
            let what = rsaFile ? "the RSA key \(keyPath ?? "")" : "the agent's RSA keys"
            return SSHError(
                .rsaUnsupported, phase: .auth,
                "\(user)@\(host): the server refused \(what): libssh2 1.10 signs RSA keys only with SHA-1 (ssh-rsa), "
                    + "which OpenSSH 8.8 and later reject; use an ed25519 key (ssh-keygen -t ed25519) and add it to "
                    + "the host's authorized_keys")
        }
        var offered: [String] = []
        if !agentKeyTypes.isEmpty {
            offered.append("\(agentKeyTypes.count) agent key(s): \(agentKeyTypes.joined(separator: ", "))")
        }
        if let keyPath { offered.append("key file \(keyPath)") }
        let list = offered.isEmpty ? "no key was available (no agent keys, no key file)" : "it refused " + offered.joined(separator: " and ")
        return SSHError(.authenticationFailed, phase: .auth, "\(user)@\(host): authentication failed: \(list)")
    }
}
