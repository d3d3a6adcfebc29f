internal import CSSH2

/// libssh2's in-memory known_hosts collection for one session, filled with the lines of a
/// `KnownHostsFile` that could concern this host.
final class KnownHostsStore {
    enum Verdict {
        case match, mismatch, notFound
    }

    private let session: SSHSession  // the collection allocates through (and must not outlive) it
    private let handle: OpaquePointer
    /// The names this host goes by in known_hosts: `host` for port 22, `[host]:port` otherwise.
    let names: [String]

    init(session: SSHSession, file: KnownHostsFile, hosts: [String], port: Int) throws(SSHError) {
        guard let handle = libssh2_knownhost_init(session.handle) else {
            throw SSHError(.protocolFailure, phase: .hostKey, "cannot allocate a known_hosts collection")
        }
        self.session = session
        self.handle = handle
        names = hosts.map { port == 22 ? $0 : "[\($0)]:\(port)" }
        for line in try file.candidateLines(for: names) {
            // A line libssh2 cannot parse (an unknown key type, say) is skipped, as OpenSSH does.
            _ = libssh2_knownhost_readline(handle, line, line.utf8.count, LIBSSH2_KNOWNHOST_FILE_OPENSSH)
        }
    }

    deinit {
        libssh2_knownhost_free(handle)
    }

    /// The key types known_hosts holds for this host, in preference order.
    ///
    /// libssh2 has no query for this and entries may be hashed, so each type is checked with a
    /// key that cannot match: "mismatch" then means an entry of that type exists.
    func knownTypes() -> [HostKeyType] {
        let dummy: [UInt8] = [0]
        return HostKeyType.preferenceOrder.filter { type in
            names.contains { name in check(name: name, key: dummy, type: type) == .mismatch }
        }
    }

    /// Checks the key the server presented against every name of this host; a mismatch under
    /// any name wins over a match under another.
    func verdict(key: [UInt8], type: HostKeyType) -> Verdict {
        var sawMatch = false
        for name in names {
            switch check(name: name, key: key, type: type) {
            case .mismatch: return .mismatch
            case .match: sawMatch = true
            case .notFound: break
            }
        }
        return sawMatch ? .match : .notFound
    }

    /// The OpenSSH known_hosts line (plain host name, no hash) that records this key.
    func line(recording key: [UInt8], type: HostKeyType) throws(SSHError) -> String {
        guard let name = names.first else {
            throw SSHError(.protocolFailure, phase: .hostKey, "no host name to record")
        }
        var entry: UnsafeMutablePointer<libssh2_knownhost>?
        let mask = LIBSSH2_KNOWNHOST_TYPE_PLAIN | LIBSSH2_KNOWNHOST_KEYENC_RAW | type.knownHostKeyBits
        let added = key.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) {
                libssh2_knownhost_addc(handle, name, nil, $0.baseAddress, $0.count, nil, 0, mask, &entry)
            }
        }
        guard added == 0, let entry else {
            throw session.failure(code: added, phase: .hostKey)
        }
        var buffer = [CChar](repeating: 0, count: 16_384)
        var length = 0
        let written = libssh2_knownhost_writeline(
            handle, entry, &buffer, buffer.count, &length, LIBSSH2_KNOWNHOST_FILE_OPENSSH)
        guard written == 0 else { throw session.failure(code: written, phase: .hostKey) }
        return String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private func check(name: String, key: [UInt8], type: HostKeyType) -> Verdict {
        let mask = LIBSSH2_KNOWNHOST_TYPE_PLAIN | LIBSSH2_KNOWNHOST_KEYENC_RAW | type.knownHostKeyBits
        // Port -1: `name` is already the exact known_hosts name. Passing the port would let
        // libssh2 fall back to the bare host, which OpenSSH does not do for a non-22 port.
        let result = key.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) {
                libssh2_knownhost_checkp(handle, name, -1, $0.baseAddress, $0.count, mask, nil)
            }
        }
        switch result {
        case LIBSSH2_KNOWNHOST_CHECK_MATCH: return .match
        case LIBSSH2_KNOWNHOST_CHECK_MISMATCH: return .mismatch
        default: return .notFound
        }
    }
}
