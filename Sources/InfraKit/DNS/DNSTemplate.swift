/// The templates a `dns.zones` value may hold, filled in from the load balancer and `hosts:`:
///
/// | template | value |
/// |---|---|
/// | `{{.lb_ip}}` | the load balancer's public IPv4 (from the Hetzner Cloud API) |
/// | `{{.lb_ipv6}}` | its public IPv6 |
/// | `{{.host.NAME.ip}}` | `hosts.NAME.ip` of infra.yaml |
/// | `{{.host.NAME.private_ip}}` | `hosts.NAME.private_ip` |
///
/// Spaces inside the braces are allowed (`{{ .lb_ip }}`); a value may hold several templates and
/// text around them (`v=spf1 ip4:{{.lb_ip}} -all`).
public enum DNSTemplate {
    /// What one template stands for.
    public enum Reference: Sendable, Hashable, CustomStringConvertible {
        case loadBalancerIPv4
        case loadBalancerIPv6
        case hostIP(String)
        case hostPrivateIP(String)

        public var description: String {
            switch self {
            case .loadBalancerIPv4: "{{.lb_ip}}"
            case .loadBalancerIPv6: "{{.lb_ipv6}}"
            case .hostIP(let name): "{{.host.\(name).ip}}"
            case .hostPrivateIP(let name): "{{.host.\(name).private_ip}}"
            }
        }

        public var isLoadBalancer: Bool {
            switch self {
            case .loadBalancerIPv4, .loadBalancerIPv6: true
            case .hostIP, .hostPrivateIP: false
            }
        }

        /// What a plan shows before the value exists, as terraform does: `(lb ipv4, known after apply)`.
        public var knownAfterApply: String {
            switch self {
            case .loadBalancerIPv4: "(lb ipv4, known after apply)"
            case .loadBalancerIPv6: "(lb ipv6, known after apply)"
            case .hostIP(let name): "(\(name) ip, known after apply)"
            case .hostPrivateIP(let name): "(\(name) private ip, known after apply)"
            }
        }
    }

    /// The templates the suite knows, for messages.
    public static let known = "{{.lb_ip}}, {{.lb_ipv6}}, {{.host.NAME.ip}}, {{.host.NAME.private_ip}}"

    /// Whether `value` holds anything that looks like a template.
    public static func containsTemplate(_ value: String) -> Bool {
        value.contains("{{")
    }

    /// The templates in `value`, in order. Throws for an unclosed `{{` or a template that is not
    /// one of ``known``.
    public static func references(in value: String) throws(DNSTemplateError) -> [Reference] {
        try pieces(of: value).compactMap { piece in
            if case .reference(let reference) = piece { reference } else { nil }
        }
    }

    /// `value` with every template replaced by what `lookup` gives for it.
    public static func substitute(
        _ value: String, _ lookup: (Reference) throws(DNSTemplateError) -> String
    ) throws(DNSTemplateError) -> String {
        var result = ""
        for piece in try pieces(of: value) {
            switch piece {
            case .text(let text): result += text
            case .reference(let reference): result += try lookup(reference)
            }
        }
        return result
    }

    private enum Piece {
        case text(String)
        case reference(Reference)
    }

    private static func pieces(of value: String) throws(DNSTemplateError) -> [Piece] {
        var pieces: [Piece] = []
        var rest = Substring(value)
        while let open = rest.range(of: "{{") {
            if open.lowerBound > rest.startIndex { pieces.append(.text(String(rest[..<open.lowerBound]))) }
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                throw DNSTemplateError("\(EscapedText.quoted(String(rest[open.lowerBound...]), for: .message)) has no closing }}")
            }
            let inside = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            pieces.append(.reference(try reference(named: inside)))
            rest = rest[close.upperBound...]
        }
        if !rest.isEmpty { pieces.append(.text(String(rest))) }
        return pieces
    }

    private static func reference(named inside: String) throws(DNSTemplateError) -> Reference {
        switch inside {
        case ".lb_ip": return .loadBalancerIPv4
        case ".lb_ipv6": return .loadBalancerIPv6
        default:
            let parts = inside.split(separator: ".", omittingEmptySubsequences: false)
            if parts.count == 4, parts[0].isEmpty, parts[1] == "host", !parts[2].isEmpty {
                switch parts[3] {
                case "ip": return .hostIP(String(parts[2]))
                case "private_ip": return .hostPrivateIP(String(parts[2]))
                default: break
                }
            }
            throw DNSTemplateError("unknown template {{\(inside)}}; the known ones are \(known)")
        }
    }
}

/// A template that cannot be read or filled in; ``DNSTemplateResolver`` turns it into a
/// ``ConfigError`` naming the record and its place in the file.
public struct DNSTemplateError: Error, Sendable, Hashable {
    public let detail: String
    /// Whether the problem is a host name that `hosts:` lacks.
    public let isUnknownHost: Bool

    public init(_ detail: String, isUnknownHost: Bool = false) {
        self.detail = detail
        self.isUnknownHost = isUnknownHost
    }
}
