/// Where alerts are listed: one repository, or every repository of an organisation at once (the
/// org-level endpoints, which need an owner or security manager of the organisation).
public enum AlertScope: Sendable, Hashable, Comparable, CustomStringConvertible {
    case repository(RepositoryName)
    case organization(String)

    /// `OWNER/NAME`, or the organisation's login.
    public var name: String {
        switch self {
        case .repository(let repository): repository.fullName
        case .organization(let login): login
        }
    }

    public var description: String {
        switch self {
        case .repository(let repository): repository.fullName
        case .organization(let login): "organization \(login)"
        }
    }

    /// The list endpoint for `kind`, relative to the API root gh chooses (`GH_HOST`): only open
    /// alerts are asked for, and secret scanning without the secret literal.
    public func endpoint(for kind: AlertKind) -> String {
        let base =
            switch self {
            case .repository(let repository): "repos/\(repository.fullName)/\(kind.rawValue)/alerts"
            case .organization(let login): "orgs/\(login)/\(kind.rawValue)/alerts"
            }
        return base + "?state=open" + (kind == .secretScanning ? "&hide_secret=true" : "")
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        switch (lhs, rhs) {
        case (.repository(let left), .repository(let right)): left < right
        case (.organization(let left), .organization(let right)): left.lowercased() < right.lowercased()
        case (.repository, .organization): true
        case (.organization, .repository): false
        }
    }
}

/// The `gh` command lines infra-monitor runs, written for gh 2.23 (Debian 12) and later.
public enum GHCommand {
    /// The REST API version asked for; the alert shapes decoded are those of this version.
    public static let apiVersion = "2022-11-28"

    /// Lists every item of `endpoint`: gh follows `Link: rel="next"` (offset or cursor paging alike,
    /// never adding `page` itself, which Dependabot refuses), prints each page's headers
    /// (`--include`: rate-limit waits and resume links are read from them) and its items one JSON
    /// object per line (`--jq '.[]'`, as 2.23 would otherwise print the pages' arrays back to back).
    /// `endpoint` may be an absolute URL (a `next` link to resume from), which gh uses verbatim.
    public static func listArguments(endpoint: String) -> [String] {
        [
            "api", "--include", "--paginate", "--jq", ".[]",
            "-H", "Accept: application/vnd.github+json",
            "-H", "X-GitHub-Api-Version: \(apiVersion)",
            endpoint,
        ]
    }

    /// Settings added to the caller's environment for every gh run: no prompts, pager, color or
    /// update check, whatever the user's gh configuration says.
    public static let quietEnvironment: [String: String] = [
        "GH_PROMPT_DISABLED": "1", "GH_NO_UPDATE_NOTIFIER": "1", "GH_PAGER": "cat", "NO_COLOR": "1",
        "CLICOLOR": "0",
    ]

    /// The variables gh reads that change what infra-monitor sees, for help and man pages.
    public enum Variables {
        public static let token = EnvironmentVariable("GH_TOKEN", "Token gh sends to github.com instead of its stored login.")
        public static let enterpriseToken = EnvironmentVariable(
            "GH_ENTERPRISE_TOKEN", "Token gh sends to a GitHub Enterprise host (any GH_HOST but github.com).")
        public static let host = EnvironmentVariable("GH_HOST", "GitHub host gh talks to (github.com by default).")
        public static let configDirectory = EnvironmentVariable("GH_CONFIG_DIR", "Where gh keeps its login and settings.")
        public static let all = [token, enterpriseToken, host, configDirectory]
    }
}
