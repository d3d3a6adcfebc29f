/// The GitHub repository a clone's git remote points at.
public enum GitRemote {
    /// The repository of the remote `origin` of the clone holding `directory`, or of its only
    /// remote; nil outside a clone, without git, or when the remote is no GitHub-style URL.
    public static func repository(in directory: String, environment: [String: String]) async -> RepositoryName? {
        func git(_ arguments: [String]) async -> String? {
            let request = ProcessRequest(
                "git", ["-C", directory] + arguments, environment: environment, outputLimit: 1 << 16,
                timeout: .seconds(10))
            guard let result = try? await ChildProcess.run(request), result.status == 0 else { return nil }
            return result.stdoutText
        }
        // The URL as configured: `remote get-url` would apply url.*.insteadOf rewrites (mirrors).
        if let url = await git(["config", "--get", "remote.origin.url"]) { return RepositoryName.fromRemoteURL(url) }
        let remotes = await git(["remote"])?.split(whereSeparator: \.isNewline) ?? []
        guard remotes.count == 1, let url = await git(["config", "--get", "remote.\(remotes[0]).url"]) else { return nil }
        return RepositoryName.fromRemoteURL(url)
    }
}
