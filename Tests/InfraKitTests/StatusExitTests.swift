import InfraKit
import Testing

/// The default exit status tells the causes apart: 69 only when no host answered, 77 only when
/// key or login problems are all that is wrong, 1 for anything else unhealthy.
struct StatusExitTests {
    static let cases: [(states: [HostState], checks: [ServiceState], exit: InfraKit.ExitStatus)] = [
        ([], [], .success),
        ([.ok], [], .success),
        ([.ok, .ok], [.up], .success),
        ([.unreachable], [], .unavailable),
        ([.timeout], [], .unavailable),
        ([.unreachable, .timeout], [], .unavailable),
        ([.unreachable, .ok], [], .failure),
        ([.timeout, .degraded], [], .failure),
        ([.hostKeyMismatch], [], .noPermission),
        ([.unknownHost], [], .noPermission),
        ([.authFailed], [], .noPermission),
        ([.ok, .hostKeyMismatch, .authFailed, .unknownHost], [], .noPermission),
        ([.hostKeyMismatch, .unreachable], [], .failure),
        ([.authFailed, .serviceDown], [], .failure),
        ([.authFailed], [.down], .failure),
        ([.ok, .degraded], [], .failure),
        ([.serviceDown], [], .failure),
        ([.ok], [.down], .failure),
        ([.ok], [.up, .degraded], .failure),
        ([], [.down], .failure),
    ]

    @Test("hosts and checks map to the exit status", arguments: cases)
    func exitStatus(states: [HostState], checks: [ServiceState], exit: InfraKit.ExitStatus) {
        let hosts = states.enumerated().map { index, state in
            HostReport(
                name: "h\(index)", address: "192.0.2.\(index + 1)", port: 22, role: nil, state: state,
                detail: state == .ok ? nil : state.label, sshSeconds: nil, probeSeconds: 0.1,
                operatingSystem: nil, dockerVersion: nil, services: [])
        }
        let results = checks.enumerated().map { index, state in
            CheckResult(name: "lb/lb1 target \(index)", state: state, detail: state.rawValue)
        }
        #expect(StatusExit.status(for: FleetReport(hosts: hosts, checks: results)) == exit)
    }
}
