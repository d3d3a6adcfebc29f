internal import CSSH2

/// The host key algorithms libssh2 1.10 knows, with the three names each one has:
/// the SSH method name, libssh2's session constant and its known_hosts constant (which differ).
enum HostKeyType: CaseIterable {
    case ed25519, ecdsa256, ecdsa384, ecdsa521, rsa

    /// Preference order when known_hosts holds several types for one host (OpenSSH's order).
    static let preferenceOrder: [HostKeyType] = [.ed25519, .ecdsa256, .ecdsa384, .ecdsa521, .rsa]

    var methodName: String {
        switch self {
        case .ed25519: "ssh-ed25519"
        case .ecdsa256: "ecdsa-sha2-nistp256"
        case .ecdsa384: "ecdsa-sha2-nistp384"
        case .ecdsa521: "ecdsa-sha2-nistp521"
        case .rsa: "ssh-rsa"
        }
    }

    /// What OpenSSH prints before a fingerprint ("ED25519 key fingerprint is …").
    var displayName: String {
        switch self {
        case .ed25519: "ED25519"
        case .ecdsa256, .ecdsa384, .ecdsa521: "ECDSA"
        case .rsa: "RSA"
        }
    }

    init?(sessionType: Int32) {
        switch sessionType {
        case LIBSSH2_HOSTKEY_TYPE_ED25519: self = .ed25519
        case LIBSSH2_HOSTKEY_TYPE_ECDSA_256: self = .ecdsa256
        case LIBSSH2_HOSTKEY_TYPE_ECDSA_384: self = .ecdsa384
        case LIBSSH2_HOSTKEY_TYPE_ECDSA_521: self = .ecdsa521
        case LIBSSH2_HOSTKEY_TYPE_RSA: self = .rsa
        default: return nil
        }
    }

    var knownHostKeyBits: Int32 {
        switch self {
        case .ed25519: LIBSSH2_KNOWNHOST_KEY_ED25519
        case .ecdsa256: LIBSSH2_KNOWNHOST_KEY_ECDSA_256
        case .ecdsa384: LIBSSH2_KNOWNHOST_KEY_ECDSA_384
        case .ecdsa521: LIBSSH2_KNOWNHOST_KEY_ECDSA_521
        case .rsa: LIBSSH2_KNOWNHOST_KEY_SSHRSA
        }
    }
}
