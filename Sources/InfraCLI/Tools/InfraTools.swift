/// The suite: every tool's spec, the version they share, and the dynamic completion source.
public enum InfraTools {
    /// The executables' names, for SEE ALSO (which the specs themselves are built with, so this
    /// cannot be derived from `all`). A test holds it, `all` and Package.swift's products together.
    public static let names = [
        "infra-dns", "infra-lb", "infra-status", "infra-ssh", "infra-monitor", "acme-cloudns-hook", "infra-setup",
    ]

    /// Every tool's spec, in the order of `names`.
    public static var all: [ToolSpec] {
        [
            DNSTool.spec, LoadBalancerTool.spec, StatusTool.spec, SSHTool.spec, MonitorTool.spec, ACMEHookTool.spec,
            SetupTool.spec,
        ]
    }

    /// Where `<tool> __complete host|role|zone|…` gets its candidates: the user's infra.yaml.
    public static var completionCandidates: any CompletionCandidateProvider { ConfigCompletionCandidates() }

    /// SEE ALSO for `tool`: its siblings, plus any extra pages.
    static func seeAlso(for tool: String, extra: [ManualReference] = []) -> [ManualReference] {
        (names.filter { $0 != tool }.map { ManualReference($0) } + extra).sorted()
    }

    /// The handler of a command whose implementation has not landed yet: exits 70 saying so.
    static func notImplemented(_ command: String) -> CommandHandler {
        { _, _ in throw NotImplementedError(command) }
    }
}
