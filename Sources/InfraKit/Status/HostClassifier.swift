/// Decides a host's state from what the SSH exchange and the probe script produced.
enum HostClassifier {
    static func report(for target: ProbeTarget, outcome: SSHCommandOutcome) -> HostReport {
        let transcript = ProbeTranscript(parsing: outcome.standardOutput)
        var report = HostReport(
            name: target.name, address: target.address, port: target.port, role: target.role,
            state: .ok, detail: nil, sshSeconds: outcome.sessionSeconds, probeSeconds: outcome.totalSeconds,
            operatingSystem: transcript.operatingSystem, dockerVersion: dockerVersion(in: transcript),
            services: [], hostKeyFingerprint: outcome.hostKeyFingerprint, hostKeyRecorded: outcome.recordedHostKey,
            via: target.jumps.map(\.name))

        if let failure = outcome.failure, !transcript.started {
            // Nothing ran on the host: every service is unknown and the failure is the story.
            report.state = state(for: failure)
            report.detail = failure.message
            report.services = target.services.map {
                CheckResult(name: $0, state: .unknown, detail: "not checked: \(report.state.label)")
            }
            return report
        }

        let evaluator = ServiceEvaluator(transcript: transcript, target: target, cutShort: outcome.failure != nil)
        report.services = evaluator.evaluate()
        report.galeraClusterSize = transcript.last("galera").flatMap { GaleraStatus(lines: $0.lines).clusterSize }

        if let failure = outcome.failure {
            // The probe started but did not finish: keep what it printed, say where it stopped.
            report.state = failure.kind == .timeout ? .timeout : .unreachable
            let culprit = transcript.unfinishedStep.map { "; it was running \(ServiceEvaluator.commandName($0))" } ?? ""
            report.detail = failure.message + culprit
            return report
        }
        if !transcript.started || !transcript.finished {
            let reason = outcome.standardError.split(separator: "\n").first.map(String.init)
                ?? "exit status \(outcome.exitStatus.map(String.init) ?? "unknown")"
            report.detail = "the probe script did not complete: \(reason)"
        }
        let states = report.services.map(\.state)
        if states.contains(.down) {
            report.state = .serviceDown
        } else if states.contains(.degraded) || states.contains(.unknown) || report.detail != nil {
            report.state = .degraded
        }
        if report.state != .ok && report.detail == nil {
            report.detail = report.services.filter { $0.state != .up }
                .map { "\($0.name) \($0.state.rawValue): \($0.detail)" }
                .joined(separator: "; ")
        }
        return report
    }

    /// The host state for an SSH failure that kept the probe from running.
    static func state(for failure: SSHError) -> HostState {
        switch failure.kind {
        case .hostKeyMismatch: .hostKeyMismatch
        case .hostKeyUnknown: .unknownHost
        case .authenticationFailed, .localFile: .authFailed
        case .rsaUnsupported: failure.phase == .auth ? .authFailed : .unreachable
        case .timeout: .timeout
        case .connectionRefused, .unreachable, .protocolFailure: .unreachable
        }
    }

    /// `27.3.1` from `Docker version 27.3.1, build ce12230`.
    static func dockerVersion(in transcript: ProbeTranscript) -> String? {
        guard let attempt = transcript.last("docker"), attempt.succeeded, let line = attempt.firstLine else { return nil }
        guard let range = line.range(of: "version ") else { return line }
        return String(line[range.upperBound...].prefix { $0 != "," && $0 != " " })
    }
}
