/// A problem with `infra.yaml`: where it is (file as given, line, column, key path) and what was
/// expected. Every tool exits 78 (configuration error) for it, except when the file named on the
/// command line cannot be opened (66, sysexits' "cannot open input").
public struct ConfigError: ClassifiedError, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// `load(path:)` was given a file that does not exist (exit 66).
        case fileMissing
        /// The file exists but could not be read (exit 66).
        case unreadable
        /// `discover(from:)` found no `infra.yaml` in the directory or any parent (exit 78).
        case notDiscovered
        /// libyaml rejected the text, or the document breaks a YAML rule (duplicate key, bad alias,
        /// second document, alias expansion past the limit).
        case syntax
        /// A value has the wrong type or is out of range (`expected an integer, got "x"`).
        case invalidValue
        /// A required key is absent.
        case missingKey
        /// A reference names no host (`load_balancer.backends[0].host`, `ssh.proxy_jump`, …).
        case unknownHost
        /// `ssh.proxy_jump` entries form a loop.
        case proxyJumpCycle
    }

    public var kind: Kind
    /// The file name as the caller gave it (not made absolute).
    public var file: String
    public var mark: YAMLMark?
    public var path: YAMLPath
    /// What was wrong, without position: `expected an integer, got "twenty-two"`.
    public var detail: String

    public init(_ kind: Kind, file: String, mark: YAMLMark?, path: YAMLPath = .root, detail: String) {
        self.kind = kind
        self.file = file
        self.mark = mark
        self.path = path
        self.detail = detail
    }

    public var exitStatus: ExitStatus {
        switch kind {
        case .fileMissing, .unreadable: .noInput
        default: .configuration
        }
    }

    /// `infra.yaml:14:7: hosts.web1.ssh.port: expected an integer, got "twenty-two"`.
    public var message: String {
        var text = file
        if let mark { text += ":\(mark)" }
        text += ": "
        if !path.isEmpty { text += "\(path): " }
        return text + detail
    }

    public var description: String { message }
}

/// Something in `infra.yaml` worth telling the user that does not stop the tool (an unknown key).
/// Tools print it to stderr as `<tool>: warning: <description>`.
public struct ConfigWarning: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var mark: YAMLMark
    public var path: YAMLPath
    public var detail: String

    public init(file: String, mark: YAMLMark, path: YAMLPath, detail: String) {
        self.file = file
        self.mark = mark
        self.path = path
        self.detail = detail
    }

    /// `infra.yaml:5:5: hosts.web1.fqnd: unknown key (did you mean "fqdn"?)`.
    public var description: String {
        path.isEmpty ? "\(file):\(mark): \(detail)" : "\(file):\(mark): \(path): \(detail)"
    }
}
