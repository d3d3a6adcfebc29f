import Foundation

/// What a private key file holds, read only to explain a refused login.
enum UserKeyFile {
    /// The key's algorithm (`ssh-ed25519`, `ssh-rsa`, …), from the `.pub` beside it or the
    /// public part of an OpenSSH-format private key; nil when it cannot be told.
    static func keyType(atPath path: String) -> String? {
        if let publicKey = try? String(contentsOfFile: path + ".pub", encoding: .utf8),
            let type = publicKey.split(separator: " ").first
        {
            return String(type)
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        if text.contains("BEGIN RSA PRIVATE KEY") { return "ssh-rsa" }
        if text.contains("BEGIN EC PRIVATE KEY") { return "ecdsa" }
        guard text.contains("BEGIN OPENSSH PRIVATE KEY") else { return nil }
        let body = text.split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined()
        guard let data = Data(base64Encoded: body) else { return nil }
        return publicKeyType(inOpenSSHKey: [UInt8](data))
    }

    /// openssh-key-v1: magic, cipher name, KDF name, KDF options, key count, then the first
    /// public key blob, whose first string is the algorithm.
    private static func publicKeyType(inOpenSSHKey bytes: [UInt8]) -> String? {
        let magic = Array("openssh-key-v1\0".utf8)
        guard bytes.starts(with: magic) else { return nil }
        var offset = magic.count
        func readLength() -> Int? {
            guard offset + 4 <= bytes.count else { return nil }
            let value = bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
            offset += 4
            return value
        }
        func skipString() -> Bool {
            guard let length = readLength(), offset + length <= bytes.count else { return false }
            offset += length
            return true
        }
        guard skipString(), skipString(), skipString(), readLength() != nil else { return nil }
        guard readLength() != nil, let nameLength = readLength(), offset + nameLength <= bytes.count else { return nil }
        return String(decoding: bytes[offset..<offset + nameLength], as: UTF8.self)
    }
}
