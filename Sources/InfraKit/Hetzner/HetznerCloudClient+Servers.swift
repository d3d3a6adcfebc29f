/// Cloud servers and their snapshots.
extension HetznerCloudClient {
    /// Every server of the project (all pages), optionally filtered by exact name or label selector.
    public func servers(name: String? = nil, labelSelector: String? = nil) async throws(HetznerCloudError) -> [HetznerServer] {
        try await listAll(
            "/servers", root: "servers", query: Self.filters(name: name, labelSelector: labelSelector),
            as: HetznerServer.self)
    }

    /// `GET /servers/{id}`; a missing server is a `not_found` error (65).
    public func server(id: Int64) async throws(HetznerCloudError) -> HetznerServer {
        try await object(HTTPRequest(.get, "/servers/\(id)"), root: "server", as: HetznerServer.self)
    }

    /// The server named exactly `name`, or nil.
    public func server(named name: String) async throws(HetznerCloudError) -> HetznerServer? {
        try await servers(name: name).first { $0.name == name }
    }

    /// `create_image`: takes a snapshot (or backup) of the server, waits for the action, and returns
    /// the image as it is once done. Shut the server down first for a consistent image.
    public func createImage(
        ofServer id: Int64, description: String? = nil, labels: [String: String]? = nil, type: String = "snapshot"
    ) async throws(HetznerCloudError) -> HetznerImage {
        struct Body: Encodable {
            let description: String?
            let labels: [String: String]?
            let type: String
        }
        let request = HTTPRequest(
            .post, "/servers/\(id)/actions/create_image",
            body: Self.jsonBody(Body(description: description, labels: labels, type: type)))
        let created = try await mutating("servers", id: id) { () async throws(HetznerCloudError) in
            try await send(request, root: "image", as: HetznerCloudWire.Created<HetznerImage>.self)
        }
        if let action = created.action { try await waitForAction(action) }
        return try await image(id: created.item.id)
    }

    /// `GET /images/{id}`.
    public func image(id: Int64) async throws(HetznerCloudError) -> HetznerImage {
        try await object(HTTPRequest(.get, "/images/\(id)"), root: "image", as: HetznerImage.self)
    }
}
