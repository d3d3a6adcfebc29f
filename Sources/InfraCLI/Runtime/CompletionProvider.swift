/// Supplies the values of dynamic completions (host names, roles, zones, …) when a shell asks a
/// tool through its hidden `__complete KIND [--config FILE]` command.
///
/// Implementations must not print anything: the runner prints the candidates, one per line, and
/// turns any thrown error into an empty answer, because a completion must never fail loudly.
public protocol CompletionCandidateProvider: Sendable {
    /// - Parameters:
    ///   - configPath: the `--config` value typed on the command line being completed, if any.
    func candidates(for kind: DynamicCompletion, configPath: String?, context: Context) async throws -> [String]
}

/// Offers nothing; the default until a provider that reads infra.yaml is registered.
public struct NoCompletionCandidates: CompletionCandidateProvider {
    public init() {}
    public func candidates(for kind: DynamicCompletion, configPath: String?, context: Context) -> [String] { [] }
}

/// A provider made of a closure, handy in tests.
public struct CompletionCandidateClosure: CompletionCandidateProvider {
    let body: @Sendable (DynamicCompletion, String?, Context) async throws -> [String]

    public init(_ body: @escaping @Sendable (DynamicCompletion, String?, Context) async throws -> [String]) {
        self.body = body
    }

    public func candidates(for kind: DynamicCompletion, configPath: String?, context: Context) async throws -> [String] {
        try await body(kind, configPath, context)
    }
}
