import InfraKit

/// How plans and changes print: `+ / - / ~` lines like infra-dns, and stable JSON.
enum LoadBalancerPlanOutput {
    /// One change; a create brings its services and targets as indented lines.
    static func lines(_ change: LoadBalancerChange, certificateNames: [Int64: String] = [:], color: Bool = false) -> [String] {
        let style: ANSIStyle
        switch change.symbol {
        case "+": style = .green
        case "-": style = .red
        default: style = .yellow
        }
        let head = "\(change.symbol) " + change.subject(certificateNames: certificateNames)
        let parts = change.parts(certificateNames: certificateNames).map { "    + " + $0 }
        return ([head] + parts).map { color ? style.apply(to: $0) : $0 }
    }

    static func render(_ plan: LoadBalancerPlan, color: Bool) -> String {
        guard !plan.isEmpty else { return "\(plan.name): no changes\nNo changes.\n" }
        var text = "\(plan.name): \(count(plan.changes.count, "change"))\n"
        for change in plan.changes {
            for line in lines(change, certificateNames: plan.certificateNames, color: color) { text += line + "\n" }
        }
        return text
            + "Plan: \(plan.count("create")) to create, \(plan.count("modify")) to modify, \(plan.count("delete")) to delete.\n"
    }

    static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }

    struct ChangeJSON: Encodable {
        var action: String
        var command: String
        var subject: String
        var parts: [String]

        init(_ change: LoadBalancerChange, certificateNames: [Int64: String]) {
            action = change.action
            command = change.command
            subject = change.subject(certificateNames: certificateNames)
            parts = change.parts(certificateNames: certificateNames)
        }
    }

    struct PlanJSON: Encodable {
        var load_balancer: String
        var exists: Bool
        var changes: [ChangeJSON]
        var notes: [String]

        init(_ plan: LoadBalancerPlan) {
            load_balancer = plan.name
            exists = plan.existing != nil
            changes = plan.changes.map { ChangeJSON($0, certificateNames: plan.certificateNames) }
            notes = plan.notes
        }
    }
}

/// The first half of plan and apply: infra.yaml's declaration against what the project holds.
enum LoadBalancerPlanning {
    static func plan(_ session: ToolSession, client: HetznerCloudClient) async throws -> LoadBalancerPlan {
        let declaration = try LoadBalancerNaming.declaration(session)
        let inventory = try await LoadBalancerInventory.read(for: declaration, client: client)
        let plan = try LoadBalancerPlanner.plan(declaration, inventory: inventory)
        for note in plan.notes { session.console.note(note) }
        return plan
    }
}
