/// Whether one kind of alert could be read for one repository or organisation.
public enum CoverageStatus: String, Sendable, Hashable, CaseIterable, Codable {
    /// Read completely (possibly with no alerts).
    case ok
    /// The feature is off or not set up there.
    case disabled
    /// The token lacks a scope, permission or role for it.
    case noAccess = "no-access"
    /// No such repository or organisation, or one the token cannot see.
    case notFound = "not-found"
    /// A failure that may pass: network, server error, timeout, a rate limit that outlasted the waits.
    case error

    /// How a table shows it.
    public var label: String {
        switch self {
        case .ok: "ok"
        case .disabled: "disabled"
        case .noAccess: "no access"
        case .notFound: "not found"
        case .error: "error"
        }
    }
}

/// One cell of the coverage table: a repository (or organisation) and an alert kind.
public struct CoverageEntry: Sendable, Hashable {
    public var scope: AlertScope
    public var kind: AlertKind
    public var status: CoverageStatus
    /// GitHub's (or gh's) words when the status is not ok.
    public var detail: String?
    /// Open alerts read.
    public var findings: Int

    public init(scope: AlertScope, kind: AlertKind, status: CoverageStatus, detail: String? = nil, findings: Int = 0) {
        self.scope = scope
        self.kind = kind
        self.status = status
        self.detail = detail
        self.findings = findings
    }
}
