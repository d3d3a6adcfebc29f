import Foundation

/// Puts a new certificate on every https service of a load balancer:
/// 1. uploads it as `<name>-<UTC time>` (`-2`, `-3`… after it when a deploy in the same second
///    took that name), labelled `managed-by=infra-lb`;
/// 2. switches each https service to it (one `update_service` each, waited for);
/// 3. deletes each certificate it replaced that carries the same label and serves nothing else;
/// 4. renames the new one to `<name>` once that name is free, so infra.yaml's `ssl.certificate`
///    keeps naming the certificate in use.
public enum CertificateDeployment {
    public static let label = (key: "managed-by", value: "infra-lb")

    public struct Outcome: Sendable {
        public var certificate: HetznerCertificate
        public var services: [Int]
        public var deleted: [String]
        /// Replaced certificates left alone, with why.
        public var kept: [String]
    }

    public static func deploy(
        chain: String, key: Secret, loadBalancer name: String, certificateName: String, client: HetznerCloudClient,
        now: Date = Date()
    ) async throws -> Outcome {
        guard let lb = try await client.loadBalancer(named: name) else {
            throw LoadBalancerError.missing("no load balancer named '\(name)' in the project")
        }
        let https = lb.services.filter { $0.protocol == "https" }.sorted { $0.listenPort < $1.listenPort }
        guard !https.isEmpty else { throw LoadBalancerError.missing("\(name) has no https service to put a certificate on") }

        let uploaded = try await upload(chain: chain, key: key, as: "\(certificateName)-\(stamp(now))", client: client)
        for service in https {
            try await client.updateService(
                HetznerLoadBalancerServiceUpdate(
                    listenPort: service.listenPort, http: HetznerLoadBalancerService.HTTP(certificates: [uploaded.id])),
                onLoadBalancer: lb.id)
        }

        var deleted: [String] = []
        var kept: [String] = []
        let replaced = Set(https.flatMap { $0.http?.certificates ?? [] }).subtracting([uploaded.id]).sorted()
        for id in replaced {
            let old = try await client.certificate(id: id)
            if old.labels[label.key] != label.value {
                kept.append("\(old.name): not labelled \(label.key)=\(label.value), so not ours to delete")
            } else if let users = old.usedBy, !users.isEmpty {
                kept.append("\(old.name): still used by " + users.map { "\($0.type) \($0.id)" }.joined(separator: ", "))
            } else {
                try await client.deleteCertificate(id: id)
                deleted.append("\(old.name) (id \(old.id))")
            }
        }
        var certificate = uploaded
        if try await client.certificate(named: certificateName) == nil {
            certificate = try await client.updateCertificate(id: uploaded.id, name: certificateName)
        }
        return Outcome(certificate: certificate, services: https.map(\.listenPort), deleted: deleted, kept: kept)
    }

    /// Uploads under `name`, or the first of `name-2` … `name-9` that is free: the configured name
    /// may be held by a certificate that is not ours, and then every deploy keeps its stamped name.
    private static func upload(
        chain: String, key: Secret, as name: String, client: HetznerCloudClient
    ) async throws(HetznerCloudError) -> HetznerCertificate {
        var attempt = 1
        while true {
            do {
                return try await client.uploadCertificate(
                    name: attempt == 1 ? name : "\(name)-\(attempt)", certificate: chain, privateKey: key,
                    labels: [label.key: label.value])
            } catch where error.code == "uniqueness_error" && attempt < 9 {
                attempt += 1
            }
        }
    }

    /// `20261203-072544`, UTC.
    static func stamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ value: Int?) -> String { String(format: "%02d", value ?? 0) }
        return "\(parts.year ?? 0)\(two(parts.month))\(two(parts.day))-\(two(parts.hour))\(two(parts.minute))\(two(parts.second))"
    }
}
