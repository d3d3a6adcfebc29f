import Foundation
@testable import InfraKit
import TestSupport
import Testing

struct StatusTranscriptTests {
    @Test func aCompleteTranscriptGivesEveryFact() {
        let transcript = ProbeTranscript(parsing: """
            infra-probe\t1
            os\t"Debian GNU/Linux 12 (bookworm)"
            docker\tbegin
            docker\tline\tDocker version 27.3.1, build ce12230
            docker\tend\t0
            galera\tsource\tcontainer mariadb
            galera\tbegin
            galera\tline\twsrep_cluster_size\t3
            galera\tend\t0
            redis\tabsent
            infra-probe\tdone

            """)
        #expect(transcript.started && transcript.finished)
        #expect(transcript.operatingSystem == "Debian GNU/Linux 12 (bookworm)")
        #expect(transcript.absent == ["redis"])
        #expect(transcript.last("galera") == .init(source: "container mariadb", lines: ["wsrep_cluster_size\t3"], exitStatus: 0))
        #expect(transcript.unfinishedStep == nil)
    }

    @Test func aTranscriptCutByAHangKeepsWhatCameBefore() {
        let transcript = ProbeTranscript(parsing: "infra-probe\t1\nos\tUbuntu 24.04.1 LTS\ncontainers\tbegin\ncontainers\tline\tpartial")
        #expect(transcript.started && !transcript.finished)
        #expect(transcript.operatingSystem == "Ubuntu 24.04.1 LTS")
        #expect(transcript.unfinishedStep == "containers")
        #expect(transcript.last("containers")?.finished == false)
        #expect(transcript.last("containers")?.lines == ["partial"])
    }

    @Test func noiseFromALoginShellIsIgnored() {
        let transcript = ProbeTranscript(parsing: "Welcome to the server!\r\ninfra-probe\t1\r\nos\tAlpine\r\ninfra-probe\tdone\r\n")
        #expect(transcript.operatingSystem == "Alpine")
        #expect(transcript.finished)
    }

    @Test(arguments: [
        ["docker"], ["galera"], ["redis"], ["forgejo-runner"], ["docker", "traefik", "galera", "redis", "forgejo-runner"], [],
    ])
    func theProbeScriptIsValidPOSIXShell(services: [String]) async throws {
        for sentinel in [false, true] {
            let target = ProbeTarget(name: "h", address: "127.0.0.1", user: "u", services: services, redisSentinel: sentinel)
            let result = try await runShell(["-n", "-c", ProbeScript.script(for: target)])
            #expect(result.status == 0, "\(result.output)")
        }
    }

    @Test func theScriptRunsLocallyAndItsOutputParses() async throws {
        // No docker, mariadb, redis-cli or systemctl on this PATH: every check reports absence.
        let target = ProbeTarget(name: "h", address: "127.0.0.1", user: "u", services: ["docker", "galera", "redis"])
        let result = try await runShell(["-c", "PATH=/nonexistent; " + ProbeScript.script(for: target)])
        let transcript = ProbeTranscript(parsing: result.output)
        #expect(transcript.started && transcript.finished)
        #expect(transcript.operatingSystem?.isEmpty == false)
        #expect(transcript.absent.contains("docker"))
        let services = ServiceEvaluator(transcript: transcript, target: target, cutShort: false).evaluate()
        #expect(services.map(\.state) == [.down, .down, .down])
        #expect(services[1].detail == "no mariadb container and no mariadb/mysql client on the host")
    }

    @Test func theExecCommandQuotesTheScriptForAnyLoginShell() async throws {
        let quoted = ProbeScript.shellQuoted("it's \"fine\" $HOME `x`")
        let result = try await runShell(["-c", "printf %s " + quoted])
        #expect(result.output == "it's \"fine\" $HOME `x`")
    }

    private func runShell(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        try await onDedicatedThread { try FleetCommand.run("/bin/sh", arguments) }
    }
}
