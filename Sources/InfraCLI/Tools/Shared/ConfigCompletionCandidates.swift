import InfraKit

/// Answers `<tool> __complete host|role|zone|load-balancer` from the user's `infra.yaml`.
struct ConfigCompletionCandidates: CompletionCandidateProvider {
    func candidates(for kind: DynamicCompletion, configPath: String?, context: Context) throws -> [String] {
        let config = try ConfigLoading.loadQuietly(configPath: configPath, context).config
        switch kind {
        case .host: return config.hostNames
        case .role: return config.roles
        case .zone: return config.dnsZoneNames
        case .loadBalancer: return config.loadBalancer?.name.map { [$0] } ?? []
        default: return []
        }
    }
}
