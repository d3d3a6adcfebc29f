/// Load balancers: reading, creating, renaming, deleting.
extension HetznerCloudClient {
    /// Every load balancer (all pages), optionally filtered by exact name or label selector.
    public func loadBalancers(
        name: String? = nil, labelSelector: String? = nil
    ) async throws(HetznerCloudError) -> [HetznerLoadBalancer] {
        try await listAll(
            "/load_balancers", root: "load_balancers", query: Self.filters(name: name, labelSelector: labelSelector),
            as: HetznerLoadBalancer.self)
    }

    /// `GET /load_balancers/{id}`; a missing one is a `not_found` error (65).
    public func loadBalancer(id: Int64) async throws(HetznerCloudError) -> HetznerLoadBalancer {
        try await object(HTTPRequest(.get, "/load_balancers/\(id)"), root: "load_balancer", as: HetznerLoadBalancer.self)
    }

    /// The load balancer named exactly `name` (`?name=`), or nil.
    public func loadBalancer(named name: String) async throws(HetznerCloudError) -> HetznerLoadBalancer? {
        try await loadBalancers(name: name).first { $0.name == name }
    }

    /// `POST /load_balancers`, waits for `create_load_balancer`, and returns the load balancer as it
    /// is then. Not retried once the API may have acted: after a lost answer, look it up by name
    /// (a second create would fail with `uniqueness_error`).
    public func createLoadBalancer(_ create: HetznerLoadBalancerCreate) async throws(HetznerCloudError) -> HetznerLoadBalancer {
        let request = HTTPRequest(.post, "/load_balancers", body: Self.jsonBody(create))
        let created = try await send(
            request, root: "load_balancer", as: HetznerCloudWire.Created<HetznerLoadBalancer>.self)
        guard let action = created.action else { return created.item }
        try await waitForAction(action)
        return try await loadBalancer(id: created.item.id)
    }

    /// `PUT /load_balancers/{id}`: a new name and/or labels (labels replace the whole set).
    public func updateLoadBalancer(
        id: Int64, name: String? = nil, labels: [String: String]? = nil
    ) async throws(HetznerCloudError) -> HetznerLoadBalancer {
        let request = HTTPRequest(
            .put, "/load_balancers/\(id)", body: Self.jsonBody(NameAndLabels(name: name, labels: labels)))
        return try await mutating("load_balancers", id: id) { () async throws(HetznerCloudError) in
            try await object(request, root: "load_balancer", as: HetznerLoadBalancer.self)
        }
    }

    /// `DELETE /load_balancers/{id}` (204). Delete protection answers `protected` (65).
    public func deleteLoadBalancer(id: Int64) async throws(HetznerCloudError) {
        let request = HTTPRequest(.delete, "/load_balancers/\(id)")
        _ = try await mutating("load_balancers", id: id) { () async throws(HetznerCloudError) in
            try await sendRaw(request)
        }
    }
}

/// The actions of a load balancer. Each one is sent (again while the load balancer is `locked`),
/// then waited for; it returns the finished action or throws its error.
extension HetznerCloudClient {
    @discardableResult
    public func addService(
        _ service: HetznerLoadBalancerService, toLoadBalancer id: Int64
    ) async throws(HetznerCloudError) -> HetznerAction {
        try await perform("add_service", on: "load_balancers", id: id, body: service)
    }

    /// Changes the service on `update.listenPort`; only the fields set are sent.
    @discardableResult
    public func updateService(
        _ update: HetznerLoadBalancerServiceUpdate, onLoadBalancer id: Int64
    ) async throws(HetznerCloudError) -> HetznerAction {
        try await perform("update_service", on: "load_balancers", id: id, body: update)
    }

    @discardableResult
    public func deleteService(listenPort: Int, fromLoadBalancer id: Int64) async throws(HetznerCloudError) -> HetznerAction {
        try await perform("delete_service", on: "load_balancers", id: id, body: ["listen_port": listenPort])
    }

    /// Adds a target built with ``HetznerLoadBalancerTarget/server(_:usePrivateIP:)``, `labelSelector` or `ip`.
    @discardableResult
    public func addTarget(
        _ target: HetznerLoadBalancerTarget, toLoadBalancer id: Int64
    ) async throws(HetznerCloudError) -> HetznerAction {
        try await perform("add_target", on: "load_balancers", id: id, body: target)
    }

    /// Removes a target; only its type and key are sent (`use_private_ip` and health are ignored).
    @discardableResult
    public func removeTarget(
        _ target: HetznerLoadBalancerTarget, fromLoadBalancer id: Int64
    ) async throws(HetznerCloudError) -> HetznerAction {
        try await perform("remove_target", on: "load_balancers", id: id, body: target.reference)
    }

    @discardableResult
    public func changeAlgorithm(
        _ algorithm: HetznerLoadBalancerAlgorithm, ofLoadBalancer id: Int64
    ) async throws(HetznerCloudError) -> HetznerAction {
        try await perform("change_algorithm", on: "load_balancers", id: id, body: algorithm)
    }

    /// `change_type` to a type name such as `lb21`.
    @discardableResult
    public func changeType(ofLoadBalancer id: Int64, to type: String) async throws(HetznerCloudError) -> HetznerAction {
        try await perform("change_type", on: "load_balancers", id: id, body: ["load_balancer_type": type])
    }

    /// Attaches to network `network` (an ID; see ``network(named:)``), optionally at `ip` or in `ipRange`.
    @discardableResult
    public func attachToNetwork(
        loadBalancer id: Int64, network: Int64, ip: String? = nil, ipRange: String? = nil
    ) async throws(HetznerCloudError) -> HetznerAction {
        struct Body: Encodable {
            let network: Int64
            let ip: String?
            let ipRange: String?

            enum CodingKeys: String, CodingKey {
                case network, ip
                case ipRange = "ip_range"
            }
        }
        return try await perform(
            "attach_to_network", on: "load_balancers", id: id, body: Body(network: network, ip: ip, ipRange: ipRange))
    }

    @discardableResult
    public func detachFromNetwork(loadBalancer id: Int64, network: Int64) async throws(HetznerCloudError) -> HetznerAction {
        try await perform("detach_from_network", on: "load_balancers", id: id, body: ["network": network])
    }

    @discardableResult
    public func changeProtection(
        ofLoadBalancer id: Int64, delete: Bool
    ) async throws(HetznerCloudError) -> HetznerAction {
        try await perform("change_protection", on: "load_balancers", id: id, body: ["delete": delete])
    }

    /// `enable_public_interface` (true) or `disable_public_interface` (false).
    @discardableResult
    public func setPublicInterface(
        ofLoadBalancer id: Int64, enabled: Bool
    ) async throws(HetznerCloudError) -> HetznerAction {
        let command = enabled ? "enable_public_interface" : "disable_public_interface"
        return try await perform(command, on: "load_balancers", id: id, body: nil as [String: String]?)
    }

    /// Sets (or with nil, resets) the reverse DNS entry of one of the load balancer's public IPs.
    @discardableResult
    public func changeDNSPtr(
        ofLoadBalancer id: Int64, ip: String, dnsPtr: String?
    ) async throws(HetznerCloudError) -> HetznerAction {
        struct Body: Encodable {
            let ip: String
            let dnsPtr: String?

            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: HetznerCloudWire.Key.self)
                try container.encode(ip, forKey: .init("ip"))
                // Null is meaningful here: it resets the entry.
                try container.encode(dnsPtr, forKey: .init("dns_ptr"))
            }
        }
        return try await perform("change_dns_ptr", on: "load_balancers", id: id, body: Body(ip: ip, dnsPtr: dnsPtr))
    }
}
