import InfraKit

/// Runs every form of `acme-cloudns-hook`: the words (command first) and the environment say
/// which ACME client called and what to do; see ``ACMEHookRequest``.
enum ACMEHookCommand {
    @Sendable static func run(_ invocation: Invocation, _ context: Context) async throws -> ExitStatus {
        let request = try ACMEHookRequest.parse(invocation.commandPath + invocation.arguments, environment: context.environment)
        if case .ignored = request { return .success }  // dehydrated's other events: silent, whatever the setup

        let environment = context.environment
        let settings = try ACMEHookSettings.fromEnvironment(environment)
        let output = ACMEHookOutput(
            toolName: invocation.toolName, stderr: context.stderr, quiet: invocation.global.quiet,
            verbose: invocation.global.verbose || settings.verbose)
        let client = try ToolSession(invocation, context).cloudNS { options in
            options.trace = { output.apiRequest($0) }
            options.notice = { output.step($0) }
            if let rate = request.maxRequestsPerSecond { options.maxRequestsPerSecond = rate }
        }
        let hook = ACMEChallengeHook(client: client, settings: settings, log: output.log)

        var succeeded = false
        defer { output.summary(succeeded: succeeded) }
        switch request {
        case .present(let challenges, let convention):
            output.trace("called as \(convention.rawValue): present \(challenges.map(\.description).joined(separator: ", "))")
            try await hook.present(challenges) { records in
                // certbot keeps the auth run's stdout and hands it to the cleanup run.
                if convention == .certbot, let record = records.first {
                    context.stdout.write("\(record.handOver)\n")
                }
            }
        case .cleanup(let challenges, let convention, let handOver):
            output.trace(
                "called as \(convention.rawValue): cleanup \(challenges.map(\.description).joined(separator: ", "))"
                    + (handOver.map { " (record \($0))" } ?? ""))
            try await hook.cleanup(challenges, handOver: handOver)
        case .check:
            let zones = try await hook.check()
            output.step(
                "CloudNS accepted the credentials of \(client.identity); \(zones.count) zone\(zones.count == 1 ? "" : "s") to manage")
            if invocation.global.json {
                let rows = zones.map { CheckedZone(name: $0.name, type: $0.type) }
                context.stdout.write(try JSONOutput.encode(CheckReport(identity: client.identity.description, zones: rows)))
            } else {
                context.stdout.write(zones.map { $0.name + "\n" }.joined())
            }
        case .ignored:
            break
        }
        succeeded = true
        return .success
    }

    private struct CheckReport: Encodable {
        let identity: String
        let zones: [CheckedZone]
    }

    private struct CheckedZone: Encodable {
        let name: String
        let type: String
    }
}
