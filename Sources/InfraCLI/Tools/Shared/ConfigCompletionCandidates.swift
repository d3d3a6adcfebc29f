import InfraKit

/// Answers `<tool> __complete host|role|zone|load-balancer|repository|organization` from the user's `infra.yaml`.
struct ConfigCompletionCandidates: CompletionCandidateProvider {
    func candidates(for kind: DynamicCompletion, configPath: String?, context: Context) throws -> [String] {
        let config = try ConfigLoading.loadQuietly(configPath: configPath, context).config
        switch kind {
        case .host: return config.hostNames
        case .role: return config.roles
        case .zone: return config.dnsZoneNames
        case .loadBalancer: return config.loadBalancer?.name.map { [$0] } ?? []
        case .repository: return config.monitoring?.repos ?? []
        case .organization: return config.monitoring?.orgs ?? []
        default: return []
        }
    }
}
