import Foundation

/// What a load balancer is built from: its types, locations, networks and certificates.
extension HetznerCloudClient {
    /// Every load balancer type (`lb11`, `lb21`, …), to check a name before a create.
    public func loadBalancerTypes() async throws(HetznerCloudError) -> [HetznerLoadBalancerType] {
        try await listAll("/load_balancer_types", root: "load_balancer_types", as: HetznerLoadBalancerType.self)
    }

    /// Every location (`fsn1`, `nbg1`, …) with its network zone.
    public func locations() async throws(HetznerCloudError) -> [HetznerLocation] {
        try await listAll("/locations", root: "locations", as: HetznerLocation.self)
    }

    /// Every network, optionally only the one named exactly `name`.
    public func networks(name: String? = nil) async throws(HetznerCloudError) -> [HetznerNetwork] {
        try await listAll("/networks", root: "networks", query: Self.filters(name: name), as: HetznerNetwork.self)
    }

    /// The network named exactly `name`, or nil (`attach_to_network` needs its ID).
    public func network(named name: String) async throws(HetznerCloudError) -> HetznerNetwork? {
        try await networks(name: name).first { $0.name == name }
    }

    /// `GET /networks/{id}`.
    public func network(id: Int64) async throws(HetznerCloudError) -> HetznerNetwork {
        try await object(HTTPRequest(.get, "/networks/\(id)"), root: "network", as: HetznerNetwork.self)
    }

    // MARK: Certificates

    /// Every certificate, optionally only the one named exactly `name`.
    public func certificates(name: String? = nil) async throws(HetznerCloudError) -> [HetznerCertificate] {
        try await listAll(
            "/certificates", root: "certificates", query: Self.filters(name: name), as: HetznerCertificate.self)
    }

    /// The certificate named exactly `name`, or nil.
    public func certificate(named name: String) async throws(HetznerCloudError) -> HetznerCertificate? {
        try await certificates(name: name).first { $0.name == name }
    }

    /// `GET /certificates/{id}`.
    public func certificate(id: Int64) async throws(HetznerCloudError) -> HetznerCertificate {
        try await object(HTTPRequest(.get, "/certificates/\(id)"), root: "certificate", as: HetznerCertificate.self)
    }

    /// Uploads a certificate (type `uploaded`): the PEM chain and its private key. The key is sent
    /// once and never appears in a trace or an error, not even when the API echoes it back.
    public func uploadCertificate(
        name: String, certificate: String, privateKey: Secret, labels: [String: String]? = nil
    ) async throws(HetznerCloudError) -> HetznerCertificate {
        struct Body: Encodable {
            let name: String
            let type = "uploaded"
            let certificate: String
            let privateKey: String
            let labels: [String: String]?

            enum CodingKeys: String, CodingKey {
                case name, type, certificate, labels
                case privateKey = "private_key"
            }
        }
        let body = Body(name: name, certificate: certificate, privateKey: privateKey.revealed, labels: labels)
        // Not repeatable: a lost answer may hide a created certificate; a second POST would then fail
        // with uniqueness_error, so the caller re-reads by name instead.
        let request = HTTPRequest(.post, "/certificates", body: Self.jsonBody(body))
        let created = try await send(
            request, root: "certificate", as: HetznerCloudWire.Created<HetznerCertificate>.self,
            scrub: Redactor(secrets: [privateKey]))
        if let action = created.action { try await waitForAction(action) }
        return created.item
    }

    /// `PUT /certificates/{id}`: a new name and/or labels (labels replace the whole set).
    public func updateCertificate(
        id: Int64, name: String? = nil, labels: [String: String]? = nil
    ) async throws(HetznerCloudError) -> HetznerCertificate {
        let request = HTTPRequest(.put, "/certificates/\(id)", body: Self.jsonBody(NameAndLabels(name: name, labels: labels)))
        return try await mutating("certificates", id: id) { () async throws(HetznerCloudError) in
            try await object(request, root: "certificate", as: HetznerCertificate.self)
        }
    }

    /// `DELETE /certificates/{id}`.
    public func deleteCertificate(id: Int64) async throws(HetznerCloudError) {
        let request = HTTPRequest(.delete, "/certificates/\(id)")
        _ = try await mutating("certificates", id: id) { () async throws(HetznerCloudError) in
            try await sendRaw(request)
        }
    }
}

/// The body of a `PUT` renaming or relabelling an object.
struct NameAndLabels: Encodable {
    let name: String?
    let labels: [String: String]?
}
