/// Textual checks for IP addresses and CIDR blocks, with the rules of `inet_pton(3)`: IPv4 is
/// exactly four decimal octets without leading zeros; IPv6 is up to eight hex groups with at most
/// one `::` and an optional dotted IPv4 tail. Zone indexes (`%eth0`) are not accepted.
public enum IPAddressSyntax {
    public static func isIPAddress(_ text: String) -> Bool {
        isIPv4(text) || isIPv6(text)
    }

    public static func isIPv4(_ text: String) -> Bool {
        isIPv4(Array(text.utf8)[...])
    }

    public static func isIPv6(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count >= 2, bytes.count <= 45 else { return false }
        guard let gap = firstDoubleColon(bytes[...]) else {
            return groupCount(bytes[...], ipv4TailAllowed: true) == 8
        }
        let head = bytes[..<gap]
        let tail = bytes[(gap + 2)...]
        if firstDoubleColon(tail) != nil || tail.first == UInt8(ascii: ":") { return false }
        guard let headGroups = groupCount(head, ipv4TailAllowed: false),
            let tailGroups = groupCount(tail, ipv4TailAllowed: true)
        else { return false }
        return headGroups + tailGroups <= 7
    }

    /// `10.0.0.0/16` or `fd00::/8`: an address and a prefix length that fits its family.
    public static func isCIDR(_ text: String) -> Bool {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let prefix = decimal(Array(parts[1].utf8)[...], maxDigits: 3) else { return false }
        let address = String(parts[0])
        if isIPv4(address) { return prefix <= 32 }
        if isIPv6(address) { return prefix <= 128 }
        return false
    }

    private static func isIPv4(_ bytes: ArraySlice<UInt8>) -> Bool {
        let octets = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard octets.count == 4 else { return false }
        return octets.allSatisfy { octet in
            guard let value = decimal(octet, maxDigits: 3), value <= 255 else { return false }
            return octet.count == 1 || octet.first != UInt8(ascii: "0")
        }
    }

    /// Number of 16-bit groups in a run of `h:h:h` (an IPv4 tail counts two), nil when malformed.
    private static func groupCount(_ part: ArraySlice<UInt8>, ipv4TailAllowed: Bool) -> Int? {
        if part.isEmpty { return 0 }
        let groups = part.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
        var count = 0
        for (index, group) in groups.enumerated() {
            if index == groups.count - 1, ipv4TailAllowed, group.contains(UInt8(ascii: ".")) {
                guard isIPv4(group) else { return nil }
                count += 2
            } else {
                guard (1...4).contains(group.count), group.allSatisfy(isHexDigit) else { return nil }
                count += 1
            }
        }
        return count
    }

    private static func firstDoubleColon(_ bytes: ArraySlice<UInt8>) -> Int? {
        var index = bytes.startIndex
        while index + 1 < bytes.endIndex {
            if bytes[index] == UInt8(ascii: ":"), bytes[index + 1] == UInt8(ascii: ":") { return index }
            index += 1
        }
        return nil
    }

    private static func decimal(_ digits: ArraySlice<UInt8>, maxDigits: Int) -> Int? {
        guard !digits.isEmpty, digits.count <= maxDigits else { return nil }
        var value = 0
        for digit in digits {
            guard digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(digit - UInt8(ascii: "0"))
        }
        return value
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "F"))
    }
}
