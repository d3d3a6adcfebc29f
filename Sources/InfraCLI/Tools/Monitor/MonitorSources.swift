import Foundation
import InfraKit

/// Which repositories and organisations to read: those the command line names; else those of
/// infra.yaml's `monitoring` section; else the repository of the current directory's git remote.
enum MonitorSources {
    static func scopes(_ options: MonitorOptions, _ session: ToolSession) async throws -> [AlertScope] {
        if options.namesSources {
            var repositories = options.repositories
            if let file = options.repositoriesFile {
                for repository in try listed(in: file, session.context) where !repositories.contains(repository) {
                    repositories.append(repository)
                }
            }
            return repositories.map(AlertScope.repository) + options.organizations.map(AlertScope.organization)
        }
        if let loaded = try session.optionalConfig(), let monitoring = loaded.config.monitoring,
            !monitoring.repos.isEmpty || !monitoring.orgs.isEmpty
        {
            // The decoder has checked every name already.
            return monitoring.repos.compactMap(RepositoryName.init).map(AlertScope.repository)
                + monitoring.orgs.map(AlertScope.organization)
        }
        if let repository = await GitRemote.repository(in: session.context.currentDirectory, environment: session.context.environment) {
            session.console.trace("checking \(repository), the repository of the git remote")
            return [.repository(repository)]
        }
        throw UsageError(.invalidCombination(
            "nothing to check: name repositories with --repo, --repos-file or --org, list them in infra.yaml "
                + "(monitoring.repos, monitoring.orgs), or run inside a clone of a GitHub repository"))
    }

    private static func listed(in file: String, _ context: Context) throws -> [RepositoryName] {
        if file == "-" { return try RepositoryList.parse(context.stdin.readAll(), file: "standard input") }
        let path = context.resolvedPath(file)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RepositoriesFileError(path: file)
        }
        return try RepositoryList.parse(String(decoding: data, as: UTF8.self), file: file)
    }
}

/// The `--repos-file` cannot be read.
struct RepositoriesFileError: ClassifiedError {
    let path: String
    var exitStatus: ExitStatus { .noInput }
    var message: String { "cannot read the repository list \(path)" }
}
