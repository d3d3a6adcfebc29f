import Foundation

/// Turns a probe transcript into a verdict per service of one host.
struct ServiceEvaluator {
    struct Container: Equatable {
        var name: String
        var image: String
        var status: String
    }

    let transcript: ProbeTranscript
    let target: ProbeTarget
    /// The deadline cut the probe short: unreached checks are unknown rather than down.
    let cutShort: Bool

    var containers: [Container] {
        guard let attempt = transcript.last("containers"), attempt.succeeded else { return [] }
        return attempt.lines.compactMap { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 3, !fields[0].isEmpty else { return nil }
            return Container(name: fields[0], image: fields[1], status: fields[2])
        }
    }

    func evaluate() -> [CheckResult] {
        target.services.map { name in
            let key = name.lowercased()
            switch key {
            case "docker": return docker(name)
            case "galera": return galera(name)
            case "redis": return redis(name)
            case "forgejo-runner": return runner(name)
            default: return container(name)
            }
        }
    }

    /// `docker`: the daemon answers `docker ps`.
    private func docker(_ name: String) -> CheckResult {
        if transcript.absent.contains("docker") { return .init(name: name, state: .down, detail: "docker is not installed") }
        guard let list = transcript.last("containers") else { return notReached(name, "docker ps") }
        guard list.finished else { return hung(name, "docker ps") }
        guard list.succeeded else { return .init(name: name, state: .down, detail: list.firstLine ?? "docker ps failed") }
        let count = containers.count
        return .init(name: name, state: .up, detail: "\(count) container\(count == 1 ? "" : "s") running")
    }

    /// `galera`: cluster size, status and local state; degraded unless Primary, Synced and full size.
    private func galera(_ name: String) -> CheckResult {
        guard let attempt = transcript.last("galera") else {
            if let hang = hangBefore(name, "the galera check") { return hang }
            return .init(name: name, state: .down, detail: "no mariadb container and no mariadb/mysql client on the host")
        }
        let place = attempt.source.map { " (\($0))" } ?? ""
        guard attempt.finished else { return hung(name, "the galera query" + place) }
        guard attempt.succeeded else {
            return .init(name: name, state: .down, detail: (attempt.firstLine ?? "query failed") + place)
        }
        let status = GaleraStatus(lines: attempt.lines)
        guard let size = status.clusterSize else {
            return .init(name: name, state: .down, detail: "no wsrep status (not a Galera node?)" + place)
        }
        var facts = ["size \(size)" + (target.expectedClusterSize.map { "/\($0)" } ?? "")]
        facts.append(status.clusterStatus ?? "status unknown")
        facts.append(status.localState ?? "state unknown")
        if status.ready == false { facts.append("not ready") }
        let healthy = status.clusterStatus == "Primary" && status.localState == "Synced" && status.ready != false
            && size >= (target.expectedClusterSize ?? 0)
        return .init(name: name, state: healthy ? .up : .degraded, detail: facts.joined(separator: ", ") + place)
    }

    /// `redis`: PING answers PONG (and the replication role when sentinel is on).
    private func redis(_ name: String) -> CheckResult {
        guard let ping = transcript.last("redis") else {
            if let hang = hangBefore(name, "the redis check") { return hang }
            return .init(name: name, state: .down, detail: "no redis container and no redis-cli on the host")
        }
        let place = ping.source.map { " (\($0))" } ?? ""
        guard ping.finished else { return hung(name, "redis-cli ping" + place) }
        let answer = ping.firstLine ?? ""
        guard ping.succeeded, answer == "PONG" else {
            return .init(name: name, state: .down, detail: (answer.isEmpty ? "no answer to PING" : answer) + place)
        }
        var detail = "PONG"
        if target.redisSentinel {
            let role = transcript.last("redis-role")
            if let role, role.succeeded, let first = role.firstLine { detail += ", role \(first)" } else { detail += ", role unknown" }
        }
        return .init(name: name, state: .up, detail: detail + place)
    }

    /// `forgejo-runner`: the systemd unit is active, else a runner container runs.
    private func runner(_ name: String) -> CheckResult {
        let unit = transcript.last("runner-unit")
        if let unit, !unit.finished { return hung(name, "systemctl is-active forgejo-runner") }
        let unitState = unit?.firstLine
        if unitState == "active" { return .init(name: name, state: .up, detail: "systemd unit active") }
        if let match = containers.first(where: { $0.name.contains("runner") }) {
            return describe(name, match)
        }
        if transcript.last("containers") == nil, let hang = hangBefore(name, "docker ps") { return hang }
        let unitText = unitState.map { "systemd unit \($0)" } ?? "no systemctl"
        return .init(name: name, state: .down, detail: "\(unitText); no runner container")
    }

    /// Any other name: a running container whose name (else image) contains it.
    private func container(_ name: String) -> CheckResult {
        if transcript.absent.contains("docker") {
            return .init(name: name, state: .down, detail: "docker is not installed")
        }
        guard let list = transcript.last("containers") else { return notReached(name, "docker ps") }
        guard list.finished else { return hung(name, "docker ps") }
        let needle = name.lowercased()
        let match = containers.first { $0.name.lowercased().contains(needle) }
            ?? containers.first { $0.image.lowercased().contains(needle) }
        guard let match else { return .init(name: name, state: .down, detail: "no running container matching \"\(name)\"") }
        return describe(name, match)
    }

    /// A container's health from its `docker ps` status (`Up 3 days (healthy)`).
    private func describe(_ name: String, _ container: Container) -> CheckResult {
        let status = container.status.lowercased()
        let detail = "container \(container.name) (\(container.image)): \(container.status)"
        if status.hasPrefix("restarting") { return .init(name: name, state: .down, detail: detail) }
        let troubled = status.contains("unhealthy") || status.contains("health: starting") || status.contains("paused")
        return .init(name: name, state: troubled ? .degraded : .up, detail: detail)
    }

    private func hung(_ name: String, _ what: String) -> CheckResult {
        .init(name: name, state: .unknown, detail: "\(what) did not finish before the deadline")
    }

    private func notReached(_ name: String, _ what: String) -> CheckResult {
        if let hang = hangBefore(name, what) { return hang }
        return .init(name: name, state: .unknown, detail: "\(what) did not run")
    }

    /// When the transcript stops early, a check it never reached is unknown, with the culprit named.
    private func hangBefore(_ name: String, _ what: String) -> CheckResult? {
        guard cutShort || !transcript.finished else { return nil }
        let culprit = transcript.unfinishedStep.map { " (the probe hung in \(Self.commandName($0)))" } ?? ""
        return .init(name: name, state: .unknown, detail: "not checked: the probe stopped before \(what)\(culprit)")
    }

    static func commandName(_ step: String) -> String {
        switch step {
        case "containers": "docker ps"
        case "docker": "docker --version"
        case "runner-unit": "systemctl is-active"
        case "redis-role": "redis-cli role"
        default: step
        }
    }
}

/// The wsrep rows of `SHOW GLOBAL STATUS`, tab separated.
struct GaleraStatus {
    var clusterSize: Int?
    var clusterStatus: String?
    var localState: String?
    var ready: Bool?

    init(lines: [String]) {
        for line in lines {
            let fields = line.split(separator: "\t", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard fields.count == 2 else { continue }
            switch fields[0].lowercased() {
            case "wsrep_cluster_size": clusterSize = Int(fields[1])
            case "wsrep_cluster_status": clusterStatus = fields[1]
            case "wsrep_local_state_comment": localState = fields[1]
            case "wsrep_ready": ready = fields[1].uppercased() == "ON"
            default: continue
            }
        }
    }
}
