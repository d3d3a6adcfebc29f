import InfraKit

/// The hosts a status run covers: those named with `--host` plus those having a `--role`, in the
/// order of infra.yaml; every host when neither option is given.
enum HostSelection {
    /// Throws a usage error for a name or role infra.yaml does not have, with the nearest one
    /// as a hint. `file` names the configuration in the message.
    static func hosts(
        in config: InfraConfig, file: String, names: [String], roles: [String]
    ) throws(UsageError) -> [InfraConfig.Host] {
        if names.isEmpty && roles.isEmpty { return config.hosts }
        for name in names where config.host(named: name) == nil {
            let hint = config.closestHostName(to: name).map { "; did you mean '\($0)'?" } ?? ""
            throw UsageError(.invalidCombination("no host '\(name)' in \(file)\(hint)"))
        }
        let knownRoles = config.roles
        for role in roles where !knownRoles.contains(role) {
            let hint = ClosestMatch.find(role, in: knownRoles).map { "; did you mean '\($0)'?" }
                ?? (knownRoles.isEmpty ? "; no host has a role" : " (roles: \(knownRoles.joined(separator: ", ")))")
            throw UsageError(.invalidCombination("no host with role '\(role)' in \(file)\(hint)"))
        }
        let wantedNames = Set(names)
        let wantedRoles = Set(roles)
        return config.hosts.filter { host in
            wantedNames.contains(host.name) || host.role.map(wantedRoles.contains) == true
        }
    }
}
