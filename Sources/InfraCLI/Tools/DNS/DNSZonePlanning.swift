import InfraKit

/// The common first half of `plan` and `apply` (of infra-dns and of infra-setup's DNS step):
/// every zone of `dns.zones`, its templates filled in, compared with what CloudNS holds, with one
/// listing per zone.
enum DNSZonePlanning {
    /// `loadBalancer` gives the addresses for `{{.lb_ip}}` and `{{.lb_ipv6}}`; nil reads them from
    /// the Hetzner Cloud API when a template needs them. Templates are checked before any API call.
    static func plans(
        _ session: ToolSession, client: CloudNSClient, prune: Bool,
        loadBalancer: DNSTemplateResolver.LoadBalancerAddresses? = nil
    ) async throws -> [DNSZonePlan] {
        let (config, zones) = try session.declaredZones()
        let resolver = DNSTemplateResolver(config: config.config, file: config.path)
        try resolver.check()
        var addresses = loadBalancer
        if addresses == nil { addresses = try await session.loadBalancerAddresses(for: resolver) }
        var declarations: [DNSZoneDeclaration] = []
        for zone in zones {
            let resolved = try resolver.resolve(zone, loadBalancer: addresses ?? .knownAfterApply)
            do {
                declarations.append(try DNSZoneDeclaration(resolved, acceptedTTL: CloudNSTTL.accepted(atLeast:)))
            } catch {
                throw DNSCommandError.invalidDeclaration(file: config.path, message: error.message)
            }
        }
        var plans: [DNSZonePlan] = []
        for declaration in declarations {
            let existing = try await client.listRecords(in: declaration.zone)
            plans.append(DNSPlanner(prune: prune).plan(declaration, existing: existing))
        }
        return plans
    }

    /// Notes and what stays, on stderr (silenced by `--quiet`).
    static func explain(_ plans: [DNSZonePlan], prune: Bool, force: Bool, console: Console) {
        for plan in plans {
            for note in plan.notes { console.note(note) }
            if !plan.kept.isEmpty {
                let shown = plan.kept.prefix(5).map { "\(DNSName.fqdn(host: $0.host, zone: plan.zone)) \($0.type) \($0.content)" }
                let more = plan.kept.count > 5 ? ", …" : ""
                console.note(
                    "\(plan.zone): \(count(plan.kept.count, "record")) not in infra.yaml stay (apply --prune deletes them): "
                        + shown.joined(separator: ", ") + more)
            }
            if !plan.protected.isEmpty {
                let reasons = Set(plan.protected.compactMap(DNSPlanner.protectionReason(for:))).sorted()
                console.note(
                    "\(plan.zone): --prune leaves \(count(plan.protected.count, "undeclared record")) alone: "
                        + reasons.joined(separator: ", "))
            }
            if prune && !force && plan.exceedsDeletionGuard {
                console.warning("apply --prune will refuse: " + DNSDeletionGuard.refusal(for: plan))
            }
        }
    }

    /// The diff, zone by zone, and a summary line.
    static func render(_ plans: [DNSZonePlan], color: Bool) -> String {
        var text = ""
        for plan in plans {
            if plan.isEmpty {
                text += "\(plan.zone): no changes\n"
                continue
            }
            text += "\(plan.zone): \(count(plan.changes.count, "change"))\n"
            for change in plan.changes { text += DNSRecordOutput.line(change, zone: plan.zone, color: color) + "\n" }
        }
        let creates = plans.map(\.creates).reduce(0, +)
        let modifies = plans.map(\.modifies).reduce(0, +)
        let deletes = plans.map(\.deletes).reduce(0, +)
        if creates + modifies + deletes == 0 { return text + "No changes.\n" }
        return text + "Plan: \(creates) to create, \(modifies) to modify, \(deletes) to delete.\n"
    }

    static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }

    struct ZonePlanJSON: Encodable {
        var zone: String
        var changes: [DNSRecordOutput.ChangeJSON]
        var existingRecords: Int
        var kept: Int
        var protected: Int
        var notes: [String]
        var exceedsDeletionGuard: Bool

        init(_ plan: DNSZonePlan) {
            zone = plan.zone
            changes = plan.changes.map { DNSRecordOutput.ChangeJSON($0, zone: plan.zone) }
            existingRecords = plan.existingCount
            kept = plan.kept.count
            protected = plan.protected.count
            notes = plan.notes
            exceedsDeletionGuard = plan.exceedsDeletionGuard
        }

        enum CodingKeys: String, CodingKey {
            case zone, changes, kept, protected, notes
            case existingRecords = "existing_records"
            case exceedsDeletionGuard = "exceeds_deletion_guard"
        }
    }
}
