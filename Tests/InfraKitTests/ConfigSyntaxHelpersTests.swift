import InfraKit
import Testing

@Suite("Config: IP syntax and closest match")
struct ConfigSyntaxHelpersTests {
    @Test(arguments: [
        "0.0.0.0", "192.0.2.1", "255.255.255.255", "::", "::1", "1::", "2001:db8::1", "fe80::1:2:3:4",
        "2001:0db8:0000:0000:0000:ff00:0042:8329", "::ffff:192.0.2.1", "64:ff9b::192.0.2.33", "1:2:3:4:5:6:7::",
        "1:2:3:4:5:6:1.2.3.4",
    ])
    func validAddresses(_ text: String) {
        #expect(IPAddressSyntax.isIPAddress(text))
    }

    @Test(arguments: [
        "", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1.2.3.-4", "1.2.3.4 ", " 1.2.3.4", "a.b.c.d",
        ":::", "1:::2", "1::2::3", "12345::", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", ":1::", "1::2:", "fe80::1%eth0",
        "::1.2.3", "1.2.3.4::", "g::1", "1:2:3:4:5:6:7:1.2.3.4", "１.２.３.４",
    ])
    func invalidAddresses(_ text: String) {
        #expect(!IPAddressSyntax.isIPAddress(text))
    }

    @Test func cidrBlocks() {
        #expect(IPAddressSyntax.isCIDR("10.0.0.0/8"))
        #expect(IPAddressSyntax.isCIDR("fd00::/8"))
        #expect(IPAddressSyntax.isCIDR("2001:db8::/128"))
        #expect(!IPAddressSyntax.isCIDR("10.0.0.0/33"))
        #expect(!IPAddressSyntax.isCIDR("10.0.0.0"))
        #expect(!IPAddressSyntax.isCIDR("10.0.0.0/"))
        #expect(!IPAddressSyntax.isCIDR("fd00::/129"))
        #expect(!IPAddressSyntax.isCIDR("10.0.0.0/8/8"))
    }

    @Test(arguments: [
        ("fqnd", ["fqdn", "ip", "role"], "fqdn" as String?),
        ("Web1", ["web1", "web2"], "web1"),
        ("web3", ["web1", "db1"], "web1"),
        ("bastoin", ["app1", "bastion"], "bastion"),
        ("prot", ["user", "key", "port"], "port"),
        ("color", ["user", "key", "port", "proxy_jump"], nil),
        ("x", ["ab", "cd"], nil),
        ("app1", ["app1"], nil),
    ])
    func closestMatch(word: String, candidates: [String], expected: String?) {
        #expect(ClosestMatch.find(word, in: candidates) == expected)
    }
}
