import Foundation
import InfraKit

/// `infra-lb cert deploy --cert FULLCHAIN --key KEY [NAME]`, or the same as an ACME client's
/// deploy hook (see ``CertificateHookInput``).
enum CertificateDeployCommand {
    @Sendable static func run(_ invocation: Invocation, _ context: Context) async throws -> ExitStatus {
        let session = ToolSession(invocation, context)
        let resolution = CertificateHookInput.resolve(
            certificate: try invocation[LoadBalancerTool.Options.certificate], key: try invocation[LoadBalancerTool.Options.key],
            arguments: invocation.arguments(named: "NAME"), environment: context.environment)
        let files: (certificate: String, key: String, name: String?, via: String)
        switch resolution {
        case .failure(let error):
            throw UsageError(.invalidCombination(error.message), commandPath: invocation.commandPath)
        case .success(.ignore(let event)):
            session.console.trace("dehydrated event \(event): nothing to do")
            return .success
        case .success(.deploy(let certificate, let key, let name, let via)):
            files = (certificate, key, name, via)
        }
        let chain = try read(files.certificate, what: "certificate", context)
        let key = Secret(try read(files.key, what: "private key", context))
        let config = try session.optionalConfig()?.config
        let name = try files.name ?? LoadBalancerNaming.name(session, given: nil)
        let declared = config?.loadBalancer?.name == name ? config?.loadBalancer?.ssl?.certificate : nil
        let certificateName = declared ?? "\(name)-certificate"
        session.console.trace("certificate from \(files.via): \(files.certificate)")

        let outcome = try await CertificateDeployment.deploy(
            chain: chain, key: key, loadBalancer: name, certificateName: certificateName, client: session.hetznerCloud())
        for reason in outcome.kept { session.console.note("kept \(reason)") }
        if outcome.certificate.name != certificateName {
            session.console.warning(
                "the new certificate is named \(outcome.certificate.name): \(certificateName) still exists; "
                    + "point load_balancer.ssl.certificate at it or delete \(certificateName), or plan will switch back")
        }
        if session.json {
            try session.printJSON(
                DeployJSON(
                    load_balancer: name, certificate: outcome.certificate.name, certificate_id: outcome.certificate.id,
                    domains: outcome.certificate.domainNames ?? [], not_valid_after: outcome.certificate.notValidAfter,
                    services: outcome.services, deleted: outcome.deleted))
        } else {
            let ports = outcome.services.map(String.init).joined(separator: ", ")
            var line = "\(name): certificate \(outcome.certificate.name) (id \(outcome.certificate.id)) on port \(ports)"
            if !outcome.deleted.isEmpty { line += "; replaced and deleted \(outcome.deleted.joined(separator: ", "))" }
            context.stdout.write(line + "\n")
        }
        return .success
    }

    struct DeployJSON: Encodable {
        var load_balancer: String
        var certificate: String
        var certificate_id: Int64
        var domains: [String]
        var not_valid_after: String?
        var services: [Int]
        var deleted: [String]
    }

    /// A PEM file's text; missing or unreadable is exit 66 naming the file (never its content).
    static func read(_ path: String, what: String, _ context: Context) throws -> String {
        let resolved = context.resolvedPath(path)
        guard let data = FileManager.default.contents(atPath: resolved), let text = String(data: data, encoding: .utf8),
            text.contains("-----BEGIN")
        else {
            let reason = FileManager.default.fileExists(atPath: resolved) ? "is not a readable PEM file" : "does not exist"
            throw LoadBalancerError("\(what) \(path) \(reason)", exitStatus: .noInput)
        }
        return text
    }
}
