import Foundation

/// A DNS server to ask: a host (an IP address or a name) and a UDP port.
public struct DNSServerAddress: Sendable, Hashable, CustomStringConvertible {
    public var host: String
    public var port: UInt16

    public init(host: String, port: UInt16 = 53) {
        self.host = host
        self.port = port
    }

    /// `127.0.0.1:8053`, `[::1]:53`, `ns1.example.com:53`; a bare host means port 53, and a bare
    /// IPv6 address (`::1`) is taken whole.
    public init(parsing text: String) throws(DNSLookupError) {
        let text = text.trimmingBlanks
        func invalid(_ reason: String) -> DNSLookupError {
            DNSLookupError(.invalidAddress, "'\(text)' is not a DNS server address (\(reason)); expected HOST or HOST:PORT")
        }
        guard !text.isEmpty else { throw invalid("empty") }
        var host = Substring(text)
        var portText: Substring?
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { throw invalid("no closing ]") }
            let rest = host[host.index(after: close)...]
            host = host[host.index(after: host.startIndex)..<close]
            if !rest.isEmpty {
                guard rest.hasPrefix(":") else { throw invalid("unexpected text after ]") }
                portText = rest.dropFirst()
            }
        } else if host.filter({ $0 == ":" }).count == 1, let colon = host.firstIndex(of: ":") {
            portText = host[host.index(after: colon)...]
            host = host[..<colon]
        }
        guard !host.isEmpty, !host.contains(where: { $0 == " " || $0 == "/" }) else { throw invalid("no host") }
        var port: UInt16 = 53
        if let portText {
            guard let number = UInt16(portText), number > 0 else { throw invalid("bad port '\(portText)'") }
            port = number
        }
        self.init(host: String(host), port: port)
    }

    /// A comma- (or blank-) separated list, as in `ACME_CLOUDNS_DNS_SERVERS`.
    public static func list(parsing text: String) throws(DNSLookupError) -> [DNSServerAddress] {
        var servers: [DNSServerAddress] = []
        for item in text.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\t" }) {
            let server = try DNSServerAddress(parsing: String(item))
            if !servers.contains(server) { servers.append(server) }
        }
        return servers
    }

    /// `host:port`, with brackets around an IPv6 address.
    public var description: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}

/// The system resolver's servers: the `nameserver` lines of resolv.conf(5).
public enum ResolvConf {
    public static let defaultPath = "/etc/resolv.conf"

    /// The servers in `text`, in order, on port 53; lines that are not `nameserver ADDRESS` and
    /// addresses that cannot be read are skipped.
    public static func nameservers(in text: String) -> [DNSServerAddress] {
        var servers: [DNSServerAddress] = []
        for line in text.split(whereSeparator: \.isNewline) {
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard fields.count >= 2, fields[0] == "nameserver", !fields[1].hasPrefix("#"), !fields[1].hasPrefix(";")
            else { continue }
            let server = DNSServerAddress(host: String(fields[1]), port: 53)
            if !servers.contains(server) { servers.append(server) }
        }
        return servers
    }

    /// The servers in the file at `path`; empty when it cannot be read.
    public static func nameservers(path: String = defaultPath) -> [DNSServerAddress] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        return nameservers(in: String(decoding: data, as: UTF8.self))
    }
}
