import Foundation

/// Turns the alert objects gh prints (one JSON object per line) into findings. Only the fields a
/// finding needs are declared, so a secret literal, should the server send one despite
/// `hide_secret=true`, is never decoded, kept or printed.
public enum AlertDecoding {
    /// Decodes one alert of `kind`. `repository` names the repository of a repository-level list;
    /// organisation-level alerts carry their own (`repository.full_name`), which wins.
    public static func finding(
        kind: AlertKind, json: some Collection<UInt8>, repository: String?
    ) throws(AlertDecodingError) -> Finding {
        let data = Data(json)
        do {
            switch kind {
            case .codeScanning: return try decoder.decode(CodeScanningAlert.self, from: data).finding(repository)
            case .dependabot: return try decoder.decode(DependabotAlert.self, from: data).finding(repository)
            case .secretScanning: return try decoder.decode(SecretScanningAlert.self, from: data).finding(repository)
            }
        } catch let error as AlertDecodingError {
            throw error
        } catch let error as DecodingError {
            throw AlertDecodingError(detail: Self.describe(error))
        } catch {
            throw AlertDecodingError(detail: "\(error)")
        }
    }

    private static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            if let date = try? Date(text, strategy: .iso8601) { return date }
            if let date = try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) {
                return date
            }
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "not an ISO 8601 date: \(text)"))
        }
        return decoder
    }()

    /// The key path and problem, never the value (which could be anything the server sent).
    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context):
            let parent = path(context)
            return "missing \(parent.isEmpty ? "" : parent + ".")\(key.stringValue)"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "unexpected value at \(path(context))"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "not a JSON object" : "unreadable value at \(path(context))"
        @unknown default:
            return "unreadable alert"
        }
    }
}

/// An alert gh printed that is not shaped like one.
public struct AlertDecodingError: Error, Sendable, Hashable {
    public let detail: String

    public init(detail: String) { self.detail = detail }
}

/// The four-level scale from each kind's own (reference §1.4): code scanning's security severity
/// when the rule has one, else its SARIF level (error → medium, warning and note → low);
/// Dependabot's advisory severity (moderate is medium); secret scanning is always critical.
public enum SeverityMapping {
    public static func codeScanning(securitySeverity: String?, ruleSeverity: String?) -> (Severity, raw: String?) {
        if let level = securitySeverity?.lowercased(), let severity = Severity(rawValue: level) {
            return (severity, securitySeverity)
        }
        switch ruleSeverity?.lowercased() {
        case "error": return (.medium, ruleSeverity)
        default: return (.low, ruleSeverity)
        }
    }

    public static func dependabot(_ raw: String?) -> (Severity, raw: String?) {
        switch raw?.lowercased() {
        case "critical": (.critical, raw)
        case "high": (.high, raw)
        case "medium", "moderate": (.medium, raw)
        default: (.low, raw)
        }
    }
}

private struct RepositoryField: Decodable {
    let fullName: String
    enum CodingKeys: String, CodingKey { case fullName = "full_name" }
}

private struct PathAndLine: Decodable {
    let path: String?
    let startLine: Int?
    enum CodingKeys: String, CodingKey {
        case path
        case startLine = "start_line"
    }
}

/// A repository-level list names no repository: the caller knows it; an org-level one does.
private func repositoryName(_ field: RepositoryField?, _ known: String?) throws -> String {
    guard let name = field?.fullName ?? known else { throw AlertDecodingError(detail: "missing repository.full_name") }
    return name
}

private struct CodeScanningAlert: Decodable {
    struct Rule: Decodable {
        let id: String?
        let name: String?
        let severity: String?
        let securitySeverityLevel: String?
        let description: String?
        enum CodingKeys: String, CodingKey {
            case id, name, severity, description
            case securitySeverityLevel = "security_severity_level"
        }
    }
    struct Instance: Decodable {
        struct Message: Decodable { let text: String? }
        let message: Message?
        let location: PathAndLine?
    }
    struct Tool: Decodable { let name: String? }

    let number: Int
    let createdAt: Date
    let htmlURL: String?
    let rule: Rule?
    let tool: Tool?
    let mostRecentInstance: Instance?
    let repository: RepositoryField?

    enum CodingKeys: String, CodingKey {
        case number, rule, tool, repository
        case createdAt = "created_at"
        case htmlURL = "html_url"
        case mostRecentInstance = "most_recent_instance"
    }

    func finding(_ known: String?) throws -> Finding {
        let (severity, raw) = SeverityMapping.codeScanning(
            securitySeverity: rule?.securitySeverityLevel, ruleSeverity: rule?.severity)
        let location = mostRecentInstance?.location
        return Finding(
            kind: .codeScanning, repository: try repositoryName(repository, known), number: number,
            severity: severity, rawSeverity: raw, rule: rule?.id ?? rule?.name ?? "",
            path: location?.path, line: location?.startLine, tool: tool?.name,
            message: mostRecentInstance?.message?.text ?? rule?.description ?? rule?.name ?? "",
            url: htmlURL ?? "", created: createdAt)
    }
}

private struct DependabotAlert: Decodable {
    struct Package: Decodable {
        let ecosystem: String?
        let name: String?
    }
    struct Dependency: Decodable {
        let package: Package?
        let manifestPath: String?
        enum CodingKeys: String, CodingKey {
            case package
            case manifestPath = "manifest_path"
        }
    }
    struct Advisory: Decodable {
        let ghsaID: String?
        let cveID: String?
        let summary: String?
        let severity: String?
        enum CodingKeys: String, CodingKey {
            case summary, severity
            case ghsaID = "ghsa_id"
            case cveID = "cve_id"
        }
    }
    struct Vulnerability: Decodable {
        struct Version: Decodable { let identifier: String? }
        let severity: String?
        let firstPatchedVersion: Version?
        enum CodingKeys: String, CodingKey {
            case severity
            case firstPatchedVersion = "first_patched_version"
        }
    }

    let number: Int
    let createdAt: Date
    let htmlURL: String?
    let dependency: Dependency?
    let securityAdvisory: Advisory?
    let securityVulnerability: Vulnerability?
    let repository: RepositoryField?

    enum CodingKeys: String, CodingKey {
        case number, dependency, repository
        case createdAt = "created_at"
        case htmlURL = "html_url"
        case securityAdvisory = "security_advisory"
        case securityVulnerability = "security_vulnerability"
    }

    func finding(_ known: String?) throws -> Finding {
        let (severity, raw) = SeverityMapping.dependabot(securityVulnerability?.severity ?? securityAdvisory?.severity)
        let package = dependency?.package
        return Finding(
            kind: .dependabot, repository: try repositoryName(repository, known), number: number,
            severity: severity, rawSeverity: raw, rule: securityAdvisory?.ghsaID ?? securityAdvisory?.cveID ?? "",
            cve: securityAdvisory?.cveID, package: package?.name, ecosystem: package?.ecosystem,
            fixedIn: securityVulnerability?.firstPatchedVersion?.identifier, path: dependency?.manifestPath,
            message: securityAdvisory?.summary ?? "", url: htmlURL ?? "", created: createdAt)
    }
}

/// Deliberately without `secret`: see ``AlertDecoding``.
private struct SecretScanningAlert: Decodable {
    let number: Int
    let createdAt: Date
    let htmlURL: String?
    let secretType: String?
    let secretTypeDisplayName: String?
    let validity: String?
    let firstLocationDetected: PathAndLine?
    let repository: RepositoryField?

    enum CodingKeys: String, CodingKey {
        case number, validity, repository
        case createdAt = "created_at"
        case htmlURL = "html_url"
        case secretType = "secret_type"
        case secretTypeDisplayName = "secret_type_display_name"
        case firstLocationDetected = "first_location_detected"
    }

    func finding(_ known: String?) throws -> Finding {
        var message = secretTypeDisplayName ?? secretType ?? "secret"
        if let validity, validity != "unknown" { message += " (\(validity))" }
        return Finding(
            kind: .secretScanning, repository: try repositoryName(repository, known), number: number,
            severity: .critical, rule: secretType ?? "", path: firstLocationDetected?.path,
            line: firstLocationDetected?.startLine, message: message, url: htmlURL ?? "", created: createdAt)
    }
}
