import Foundation

/// The DNS-01 TXT value for a key authorization (RFC 8555 §8.4): the unpadded base64url
/// encoding of its SHA-256 digest, 43 characters.
public enum ACMEKeyAuthorization {
    /// What lego's RAW mode leaves to the hook: `token.thumbprint` → TXT value.
    public static func txtValue(for keyAuthorization: String) -> String {
        base64URL(SHA256.digest(keyAuthorization.utf8))
    }

    /// Base64url (RFC 4648 §5) without `=` padding.
    public static func base64URL(_ bytes: [UInt8]) -> String {
        var text = Data(bytes).base64EncodedString()
        text = text.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        while text.hasSuffix("=") { text.removeLast() }
        return text
    }
}
