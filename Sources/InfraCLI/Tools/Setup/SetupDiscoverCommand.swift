import InfraKit

/// `infra-setup discover`: hosts of infra.yaml against the servers of Hetzner Cloud and Robot.
enum SetupDiscoverCommand {
    @Sendable static func run(_ invocation: Invocation, _ context: Context) async throws -> ExitStatus {
        let session = ToolSession(invocation, context)
        let loaded = try session.config()
        let outcome = try await discover(session, hosts: loaded.config.hosts)
        if session.json {
            try session.printJSON(DiscoveryJSON(outcome))
        } else {
            context.stdout.write(render(outcome, color: session.color))
        }
        return outcome.discovery.missing.isEmpty ? .success : .failure
    }

    /// What discover found, and which APIs it could not ask.
    struct Outcome {
        var discovery: ServerDiscovery
        /// `hcloud` and/or `hrobot` with the reason, such as `HCLOUD_TOKEN is not set`.
        var skipped: [(api: InfraConfig.HostType, reason: String)]
    }

    /// Lists both APIs (each only when its credentials are set; at least one must be) and matches.
    /// Skipped APIs are noted on stderr.
    static func discover(_ session: ToolSession, hosts: [InfraConfig.Host]) async throws -> Outcome {
        let cloudClient = try session.hetznerCloudIfConfigured()
        let robotClient = try session.hetznerRobotIfConfigured()
        guard cloudClient != nil || robotClient != nil else {
            throw CredentialError(
                "discover needs Hetzner Cloud or Robot credentials: set \(HetznerCloudCredentials.Variable.token.name), "
                    + "or \(HetznerRobotCredentials.Variable.user.name) and \(HetznerRobotCredentials.Variable.password.name)")
        }
        var skipped: [(InfraConfig.HostType, String)] = []
        if cloudClient == nil { skipped.append((.hcloud, "\(HetznerCloudCredentials.Variable.token.name) is not set")) }
        if robotClient == nil { skipped.append((.hrobot, "\(HetznerRobotCredentials.Variable.user.name) is not set")) }
        for (api, reason) in skipped {
            session.console.note("\(api == .hcloud ? "Hetzner Cloud" : "Hetzner Robot") skipped: \(reason)")
        }
        let cloud = try await cloudClient?.servers()
        let robot = try await robotClient?.servers()
        return Outcome(discovery: ServerDiscovery(hosts: hosts, cloud: cloud, robot: robot), skipped: skipped)
    }

    static func render(_ outcome: Outcome, color: Bool) -> String {
        var table = TextTable(headers: ["HOST", "STATUS", "TYPE", "ID", "SERVER", "ADDRESS", "NOTE"])
        for result in outcome.discovery.hosts {
            let server = result.server
            let note: String
            switch result.status {
            case .matched: note = "by \(result.matchedBy ?? "ip")"
            case .mismatch: note = result.mismatches.joined(separator: "; ")
            case .missing: note = "declared \(result.declaredType?.rawValue ?? "") \(result.declaredIP), not found"
            case .unchecked: note = "its API was skipped"
            }
            let style: ANSIStyle =
                switch result.status {
                case .matched: .green
                case .mismatch: .yellow
                case .missing: .red
                case .unchecked: .yellow
                }
            table.append(
                [
                    result.host, result.status.rawValue, server?.provider.rawValue ?? "-", server.map { String($0.id) } ?? "-",
                    server?.name ?? "-", server?.primaryAddress ?? result.declaredIP, note,
                ], styles: [nil, TextTable.CellStyle(style)])
        }
        for server in outcome.discovery.undeclared {
            table.append(
                ["-", "undeclared", server.provider.rawValue, String(server.id), server.name, server.primaryAddress, "not in infra.yaml"],
                styles: [nil, TextTable.CellStyle(.yellow)])
        }
        return table.render(color: color) + summary(outcome) + "\n"
    }

    /// `7 hosts: 5 matched, 1 mismatch, 1 missing; 1 server not declared`.
    static func summary(_ outcome: Outcome) -> String {
        let hosts = outcome.discovery.hosts
        var counts: [String] = []
        for status in [ServerDiscovery.Status.matched, .mismatch, .missing, .unchecked] {
            let number = hosts.count { $0.status == status }
            if number > 0 { counts.append("\(number) \(status.rawValue)") }
        }
        let undeclared = outcome.discovery.undeclared.count
        var text = "\(DNSZonePlanning.count(hosts.count, "host"))" + (counts.isEmpty ? "" : ": " + counts.joined(separator: ", "))
        text += "; \(DNSZonePlanning.count(undeclared, "server")) not declared"
        for (api, reason) in outcome.skipped { text += "; \(api.rawValue) skipped (\(reason))" }
        return text
    }

    struct DiscoveryJSON: Encodable {
        struct Server: Encodable {
            var type: String
            var id: Int64
            var name: String
            var ipv4: [String]
            var ipv6: String?
            var privateIPs: [String]
            var status: String

            init(_ server: DiscoveredServer) {
                type = server.provider.rawValue
                id = server.id
                name = server.name
                ipv4 = server.ipv4
                ipv6 = server.ipv6Network
                privateIPs = server.privateIPs
                status = server.status
            }

            enum CodingKeys: String, CodingKey {
                case type, id, name, ipv4, ipv6, status
                case privateIPs = "private_ips"
            }
        }

        struct Host: Encodable {
            var host: String
            var status: String
            var declaredType: String?
            var declaredIP: String
            var matchedBy: String?
            var mismatches: [String]
            var server: Server?

            enum CodingKeys: String, CodingKey {
                case host, status, mismatches, server
                case declaredType = "declared_type"
                case declaredIP = "declared_ip"
                case matchedBy = "matched_by"
            }
        }

        struct Skipped: Encodable {
            var api: String
            var reason: String
        }

        var hosts: [Host]
        var undeclared: [Server]
        var skipped: [Skipped]
        var missing: Int

        init(_ outcome: Outcome) {
            hosts = outcome.discovery.hosts.map { result in
                Host(
                    host: result.host, status: result.status.rawValue, declaredType: result.declaredType?.rawValue,
                    declaredIP: result.declaredIP, matchedBy: result.matchedBy, mismatches: result.mismatches,
                    server: result.server.map(Server.init))
            }
            undeclared = outcome.discovery.undeclared.map(Server.init)
            skipped = outcome.skipped.map { Skipped(api: $0.api.rawValue, reason: $0.reason) }
            missing = outcome.discovery.missing.count
        }
    }
}
