import InfraKit
import Testing

@Suite("SHA-256 and the DNS-01 TXT value")
struct SHA256Tests {
    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    /// FIPS 180-2 appendix B, plus messages on the padding boundaries (55, 56, 64 bytes), whose
    /// digests come from Python's hashlib.
    @Test(
        "digests",
        arguments: [
            ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            (
                "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
                "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
            ),
            (
                "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
                "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
            ),
            (String(repeating: "x", count: 55), "d5e285683cd4efc02d021a5c62014694958901005d6f71e89e0989fac77e4072"),
            (String(repeating: "x", count: 56), "04c26261370ee7541549d16dee320c723e3fd14671e66a099afe0a377c16888e"),
            (String(repeating: "x", count: 64), "7ce100971f64e7001e8fe5a51973ecdfe1ced42befe7ee8d5fd6219506b5393c"),
        ])
    func digest(message: String, expected: String) {
        #expect(Self.hex(SHA256.digest(message.utf8)) == expected)
    }

    @Test func millionAs() {
        let digest = SHA256.digest(repeatElement(UInt8(ascii: "a"), count: 1_000_000))
        #expect(Self.hex(digest) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// RFC 4648 §10 test vectors, read through the URL-safe alphabet without padding.
    @Test(
        "base64url without padding",
        arguments: [
            ("", ""), ("f", "Zg"), ("fo", "Zm8"), ("foo", "Zm9v"), ("foob", "Zm9vYg"), ("fooba", "Zm9vYmE"),
            ("foobar", "Zm9vYmFy"),
        ])
    func base64URL(input: String, expected: String) {
        #expect(ACMEKeyAuthorization.base64URL(Array(input.utf8)) == expected)
    }

    @Test func base64URLUsesTheURLSafeAlphabet() {
        #expect(ACMEKeyAuthorization.base64URL([0xFB, 0xFF, 0xBF]) == "-_-_")
        #expect(ACMEKeyAuthorization.base64URL([0xFB, 0xFF]) == "-_8")
    }

    /// Values from Python: base64.urlsafe_b64encode(hashlib.sha256(k).digest()).rstrip(b"=").
    @Test(
        "key authorization to TXT value",
        arguments: [
            ("token.thumbprint", "61rBZ_4knHblO0MNoxFsXZ_eTFUHum0B6IVRbhvUn5I"),
            (
                "evaGxfADs6pSRb2LAv9IZf17Dt3juxGJ-PCt92wr-oA.9jg46WB3rR_AHD-EBXdN7cBkH1WOu0tA3M9fm21mqTI",
                "lCM7cZyQXcVHK2nnW3jjAhNT3Fvm18UN-kWZZknKoYM"
            ),
        ])
    func txtValue(keyAuthorization: String, expected: String) {
        let value = ACMEKeyAuthorization.txtValue(for: keyAuthorization)
        #expect(value == expected)
        #expect(value.count == 43)
    }
}
