import Foundation

/// A decoded `infra.yaml`, where it came from, and the warnings worth printing.
public struct LoadedConfig: Sendable {
    public var config: InfraConfig
    /// The path as given to `load`, or as found by `discover`.
    public var path: String
    /// Unknown keys and the like, in file order; print each as `<tool>: warning: \(warning)`.
    public var warnings: [ConfigWarning]

    public init(config: InfraConfig, path: String, warnings: [ConfigWarning] = []) {
        self.config = config
        self.path = path
        self.warnings = warnings
    }
}

extension InfraConfig {
    /// The file name `discover(from:)` looks for.
    public static let fileName = "infra.yaml"

    /// Reads and decodes the file at `path`. `~` in `ssh.key` expands to `environment["HOME"]`;
    /// `ssh.port` defaults to 22 and `ssh.user` to `root`.
    ///
    /// Throws `ConfigError`: `.fileMissing`/`.unreadable` (exit 66) when the file cannot be
    /// opened, any other kind (exit 78) when its content is wrong.
    public static func load(
        path: String, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(ConfigError) -> LoadedConfig {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ConfigError(.fileMissing, file: path, mark: nil, detail: "no such file")
        }
        guard !isDirectory.boolValue else {
            throw ConfigError(.unreadable, file: path, mark: nil, detail: "is a directory, expected a YAML file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.isReadableFile(atPath: path) ? "cannot be read" : "permission denied"
            throw ConfigError(.unreadable, file: path, mark: nil, detail: reason)
        }
        return try decode(Array(data), file: path, environment: environment)
    }

    /// Looks for `infra.yaml` in `directory`, then in each parent up to `/`, and loads the first
    /// one found. Relative directories are taken from the current directory.
    ///
    /// When there is none, throws `ConfigError` of kind `.notDiscovered` (exit 78: the tool has
    /// no configuration), whose message names the directory the search started from.
    public static func discover(
        from directory: String, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(ConfigError) -> LoadedConfig {
        let start = absoluteDirectory(directory)
        var candidate = start
        while true {
            let path = candidate == "/" ? "/" + fileName : candidate + "/" + fileName
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                return try load(path: path, environment: environment)
            }
            guard candidate != "/" else { break }
            candidate = parent(of: candidate)
        }
        throw ConfigError(
            .notDiscovered, file: fileName, mark: nil,
            detail: "not found in \(start) or any directory above it")
    }

    /// Decodes `infra.yaml` content already in memory; `file` is only used in messages.
    public static func decode(
        _ bytes: some Collection<UInt8>, file: String, environment: [String: String] = [:]
    ) throws(ConfigError) -> LoadedConfig {
        let root: YAMLNode?
        do {
            root = try YAMLParser.parse(bytes)
        } catch {
            throw ConfigError(.syntax, file: file, mark: error.mark, path: error.path, detail: error.problem)
        }
        guard let root else {
            throw ConfigError(
                .invalidValue, file: file, mark: YAMLMark(line: 1, column: 1),
                detail: "the file is empty; expected a mapping of sections (hosts, dns, …)")
        }
        let state = ConfigDecodingState(file: file)
        let config = try decode(root: ConfigNode(node: root, path: .root, state: state), home: environment["HOME"])
        return LoadedConfig(config: config, path: file, warnings: state.warnings.sorted { $0.mark < $1.mark })
    }

    private static func absoluteDirectory(_ directory: String) -> String {
        let base = directory.hasPrefix("/") ? directory : FileManager.default.currentDirectoryPath + "/" + directory
        var parts: [Substring] = []
        for part in base.split(separator: "/") {
            switch part {
            case ".": continue
            case "..": _ = parts.popLast()
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }

    private static func parent(of directory: String) -> String {
        guard let slash = directory.lastIndex(of: "/"), slash != directory.startIndex else { return "/" }
        return String(directory[..<slash])
    }
}
