import Foundation
import InfraKit

/// `infra-setup snapshot HOST [--description TEXT]`: a Cloud server's snapshot, waited for; prints
/// the image id.
enum SetupSnapshotCommand {
    struct SnapshotJSON: Encodable {
        var imageID: Int64
        var server: String
        var serverID: Int64
        var description: String?
        var status: String

        enum CodingKeys: String, CodingKey {
            case server, description, status
            case imageID = "image_id"
            case serverID = "server_id"
        }
    }

    @Sendable static func run(_ invocation: Invocation, _ context: Context) async throws -> ExitStatus {
        let session = ToolSession(invocation, context)
        let name = invocation.argument("HOST") ?? ""
        let host = try session.optionalConfig()?.config.hosts.first { $0.name == name }
        if host?.type == .hrobot {
            throw SetupError.robotSnapshot(name)
        }
        let client = try session.hetznerCloud()
        guard let server = try await cloudServer(for: name, host: host, client: client) else {
            throw SetupError.noCloudServer(name, declared: host != nil)
        }
        let description = try invocation[SetupTool.Options.description] ?? "\(name) \(Self.today())"
        session.console.note("creating a snapshot of \(server.name) (id \(server.id)) and waiting for it")
        let image = try await client.createImage(ofServer: server.id, description: description)
        if session.json {
            try session.printJSON(
                SnapshotJSON(
                    imageID: image.id, server: server.name, serverID: server.id, description: image.description,
                    status: image.status))
        } else {
            context.stdout.write("\(image.id)\n")
        }
        return .success
    }

    /// The Cloud server of a declared host (by its IP, else its name), or the server named `name`.
    private static func cloudServer(
        for name: String, host: InfraConfig.Host?, client: HetznerCloudClient
    ) async throws -> HetznerServer? {
        guard let host else { return try await client.server(named: name) }
        let servers = try await client.servers()
        return servers.first { DiscoveredServer($0).owns(host.ip) } ?? servers.first { $0.name == name }
    }

    private static func today() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: Date())
    }
}
