/// What one decode of `infra.yaml` accumulates besides the model: warnings, and the host
/// references that can only be checked once every host is known.
final class ConfigDecodingState {
    struct HostReference {
        let name: String
        let mark: YAMLMark
        let path: YAMLPath
    }

    let file: String
    var warnings: [ConfigWarning] = []
    var hostReferences: [HostReference] = []
    /// Where each host's `ssh.proxy_jump` was written, for cycle errors.
    var proxyJumpMarks: [String: (mark: YAMLMark, path: YAMLPath)] = [:]
    /// A node shared through an alias is decoded once per use; it is reported once.
    private var warnedMarks: Set<YAMLMark> = []

    init(file: String) {
        self.file = file
    }

    func warn(_ detail: String, at mark: YAMLMark, path: YAMLPath) {
        guard warnedMarks.insert(mark).inserted else { return }
        warnings.append(ConfigWarning(file: file, mark: mark, path: path, detail: detail))
    }
}

@available(*, unavailable)
extension ConfigDecodingState: Sendable {}
