import Foundation
import InfraKit
import TestSupport
import Testing

struct FleetFixtureTests {
    @Test func stoppingTheFleetEndsListenersSessionsAndHungCommands() async throws {
        let fleet = try await onDedicatedThread { try FleetFixture.start(layout: [("app", "healthy"), ("app", "hang"), ("db", "tarpit")]) }
        let options = ProbeOptions(
            timeout: .seconds(1), knownHosts: KnownHostsPolicy(file: KnownHostsFile(path: fleet.knownHostsPath)),
            agentSocket: nil)
        let report = await FleetProber.probe(fleet.hosts.map { fleet.target($0) }, options: options)
        #expect(report.hosts.map(\.state) == [.ok, .timeout, .timeout])
        let running = fleet.livePIDs()
        // Two sshd listeners, the tarpit, the hung `docker ps` (and any session still around it).
        #expect(running.count >= 4)
        await onDedicatedThread { fleet.stop() }
        let survivors = running.filter { kill($0, 0) == 0 && !isZombie($0) }
        #expect(survivors.isEmpty, "still running: \(survivors)")
    }

    private func isZombie(_ pid: Int32) -> Bool {
        let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
        guard let close = stat.lastIndex(of: ")") else { return true }
        return stat[stat.index(after: close)...].split(separator: " ").first == "Z"
    }
}
