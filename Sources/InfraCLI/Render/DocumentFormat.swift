/// The files generated from a tool's spec and committed under `man/` and `completions/`.
public enum DocumentFormat: String, CaseIterable, Sendable {
    case man, bash, zsh, fish

    /// The file's contents for `spec`.
    public func render(_ spec: ToolSpec) -> String {
        switch self {
        case .man: ManPageRenderer(spec: spec).render()
        case .bash: BashCompletionRenderer(spec: spec).render()
        case .zsh: ZshCompletionRenderer(spec: spec).render()
        case .fish: FishCompletionRenderer(spec: spec).render()
        }
    }

    /// Where the file lives, relative to the package root.
    public func path(for tool: String) -> String {
        switch self {
        case .man: "man/\(tool).1"
        case .bash: "completions/bash/\(tool)"
        case .zsh: "completions/zsh/_\(tool)"
        case .fish: "completions/fish/\(tool).fish"
        }
    }
}

/// Every generated file of the suite, for the drift test and `scripts/regenerate-docs`.
public enum GeneratedDocuments {
    public static func all(_ specs: [ToolSpec] = InfraTools.all) -> [(path: String, contents: String)] {
        specs.flatMap { spec in
            DocumentFormat.allCases.map { (path: $0.path(for: spec.name), contents: $0.render(spec)) }
        }
    }
}
