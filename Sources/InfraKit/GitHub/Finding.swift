import Foundation

/// The three kinds of GitHub security alert. The raw value is the word used on the command line,
/// in JSON and CSV, and in the API's paths.
public enum AlertKind: String, Sendable, Hashable, CaseIterable, Comparable, Codable {
    case codeScanning = "code-scanning"
    case dependabot
    case secretScanning = "secret-scanning"

    /// How people write it: "code scanning".
    public var title: String {
        switch self {
        case .codeScanning: "code scanning"
        case .dependabot: "Dependabot"
        case .secretScanning: "secret scanning"
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// A finding's severity on one four-level scale, whatever scale the alert itself used.
/// Its cases are listed most severe first, the order of tables, summaries and help.
public enum Severity: String, Sendable, Hashable, CaseIterable, Comparable, Codable {
    case critical, high, medium, low

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! > allCases.firstIndex(of: rhs)!
    }

    /// Most severe first: the order of tables and summaries.
    public static let descending: [Severity] = allCases
}

/// One open security alert, whatever its kind, reduced to what a person acts on. It never holds a
/// secret: secret scanning alerts are asked for without it and decoded without it.
public struct Finding: Sendable, Hashable {
    public var kind: AlertKind
    /// `OWNER/NAME`.
    public var repository: String
    /// The alert's number in its repository and kind.
    public var number: Int
    public var severity: Severity
    /// The severity as the alert gave it (`error`, `moderate`, …); nil for secret scanning, which has none.
    public var rawSeverity: String?
    /// Code scanning rule id, advisory id (GHSA) or secret type.
    public var rule: String
    /// The CVE of a Dependabot advisory, when it has one.
    public var cve: String?
    /// Dependabot: the vulnerable package and its ecosystem.
    public var package: String?
    public var ecosystem: String?
    /// Dependabot: the first version without the vulnerability.
    public var fixedIn: String?
    /// The file (a manifest for Dependabot) and line, when known.
    public var path: String?
    public var line: Int?
    /// Code scanning: the tool that found it (CodeQL, Semgrep, …).
    public var tool: String?
    public var message: String
    public var url: String
    public var created: Date

    public init(
        kind: AlertKind, repository: String, number: Int, severity: Severity, rawSeverity: String? = nil,
        rule: String, cve: String? = nil, package: String? = nil, ecosystem: String? = nil, fixedIn: String? = nil,
        path: String? = nil, line: Int? = nil, tool: String? = nil, message: String, url: String, created: Date
    ) {
        self.kind = kind
        self.repository = repository
        self.number = number
        self.severity = severity
        self.rawSeverity = rawSeverity
        self.rule = rule
        self.cve = cve
        self.package = package
        self.ecosystem = ecosystem
        self.fixedIn = fixedIn
        self.path = path
        self.line = line
        self.tool = tool
        self.message = message
        self.url = url
        self.created = created
    }

    /// `path:line`, `path`, or nil.
    public var location: String? {
        guard let path else { return nil }
        return line.map { "\(path):\($0)" } ?? path
    }

    /// Whole days from `created` to `now`; never negative.
    public func ageInDays(at now: Date) -> Int {
        max(0, Int(now.timeIntervalSince(created) / 86_400))
    }

    /// Most severe first, then oldest first (longest open), then by repository, kind and number so
    /// that equal findings always print in the same order.
    public static func triageOrder(_ lhs: Finding, _ rhs: Finding) -> Bool {
        if lhs.severity != rhs.severity { return lhs.severity > rhs.severity }
        if lhs.created != rhs.created { return lhs.created < rhs.created }
        if lhs.repository != rhs.repository { return lhs.repository < rhs.repository }
        if lhs.kind != rhs.kind { return lhs.kind < rhs.kind }
        return lhs.number < rhs.number
    }
}
