import Foundation
import InfraKit
import TestSupport
import Testing

extension StatusEndToEnd {
    /// `infra-status` as built, against a fleet of real sshd servers: what a user sees for each
    /// kind of host, in each output format, with the exit status a script or monitor acts on.
    @Suite("infra-status on the fleet")
    struct FleetTests {
        /// Every kind of host of the standard fleet and the state it must be reported in.
        static let expectedStates: [String: HostState] = [
            "healthy": .ok, "ecdsa_known": .ok, "galera1": .degraded, "redis_down": .serviceDown,
            "badkey": .hostKeyMismatch, "down": .unreachable, "tarpit": .timeout, "hang": .timeout,
            "unknown": .unknownHost, "rsa_host": .unreachable,
        ]

        static func expectedState(of host: FleetFixture.Host) -> HostState {
            guard let state = expectedStates[host.kind] else { preconditionFailure("no expectation for \(host.kind)") }
            return state
        }

        // MARK: The whole fleet

        @Test("the whole fleet: every host classified, within one deadline", arguments: StatusFleet.formats)
        func wholeFleet(format: String) async throws {
            let context = StatusFleet.shared
            let fleet = context.fleet
            let result = try #require(context.wholeFleet[format])

            #expect(result.seconds <= StatusFleet.timeoutSeconds + StatusFleet.slackSeconds, "took \(result.seconds) s")
            #expect(result.stderr.isEmpty, "\(result.stderr)")
            switch format {
            case "table":
                #expect(result.status == 1)
                let rows = result.stdout.split(separator: "\n").filter { !$0.hasPrefix(" ") }
                #expect(rows.first?.hasPrefix("HOST ") == true)
                #expect(rows.dropFirst().map { String($0.split(separator: " ")[0]) } == fleet.hosts.map(\.name))
                for host in fleet.hosts {
                    let row = rows.first { $0.hasPrefix(host.name + " ") }
                    #expect(row?.hasSuffix(Self.expectedState(of: host).label) == true, "\(row ?? "no row for \(host.name)")")
                }
            case "json":
                #expect(result.status == 1)
                let hosts = try result.jsonHosts()
                #expect(hosts.map(\.name) == fleet.hosts.map(\.name))
                for (name, host) in hosts {
                    let expected = Self.expectedState(of: fleet.host(name))
                    #expect(host["state"] as? String == expected.rawValue, "\(name): \(host["detail"] ?? "")")
                    let probeSeconds = try #require(host["probe_seconds"] as? Double)
                    #expect(probeSeconds <= StatusFleet.timeoutSeconds + 0.3, "\(name) took \(probeSeconds) s")
                }
                let summary = try #require(try result.json()["summary"] as? [String: Any])
                #expect(summary["exit_status"] as? Int == 1)
                #expect(summary["hosts"] as? Int == fleet.hosts.count)
            case "prometheus":
                #expect(result.status == 1)
                #expect(result.stdout.isEmpty)
                let metrics = try String(contentsOfFile: context.wholeFleetMetricsPath, encoding: .utf8)
                for host in fleet.hosts {
                    let state = Self.expectedState(of: host)
                    #expect(metrics.contains("infra_host_state{host=\"\(host.name)\",state=\"\(state.rawValue)\"} 1\n"))
                    let up = "infra_host_up{host=\"\(host.name)\",address=\"\(host.address)\",role=\"\(host.role)\"} "
                    #expect(metrics.contains(up + (state.answered ? "1\n" : "0\n")), "\(host.name)")
                }
            default:
                #expect(result.status == 2)
                let lines = result.stdout.split(separator: "\n").map(String.init)
                #expect(lines.first?.hasPrefix("INFRA-STATUS CRITICAL - \(fleet.hosts.count) hosts: ") == true)
                #expect(lines.first?.contains(" | hosts=\(fleet.hosts.count);;;0 ") == true)
                for host in fleet.hosts {
                    let state = Self.expectedState(of: host)
                    let mentioned = lines.dropFirst().contains { $0.hasPrefix("\(host.name): \(state.label) - ") }
                    #expect(mentioned == (state != .ok), "\(host.name)")
                }
            }
        }

        // MARK: A healthy fleet

        @Test("a healthy fleet exits 0 and reads well in every format", arguments: StatusFleet.formats)
        func healthyFleet(format: String) async throws {
            let context = StatusFleet.shared
            let healthy = context.healthyHosts
            let result = try await context.run(StatusFleet.formatArguments(format) + healthy.flatMap { ["--host", $0.name] })
            #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
            #expect(result.stderr.isEmpty)

            switch format {
            case "table":
                let lines = result.stdout.split(separator: "\n").map(String.init)
                let header = try #require(lines.first).split(separator: " ")
                #expect(header == ["HOST", "IP", "ROLE", "SSH", "OS", "DOCKER", "STATE"])
                let rows = lines.filter { !$0.hasPrefix(" ") }.dropFirst()
                #expect(rows.map { String($0.split(separator: " ")[0]) } == healthy.map(\.name))
                #expect(rows.allSatisfy { $0.hasSuffix("  ok") && $0.contains(" ms ") })
                #expect(lines.contains { $0.contains("galera") && $0.contains("up") && $0.hasSuffix("size 3/3, Primary, Synced (host mariadb)") })
                #expect(lines.contains { $0.contains("redis") && $0.hasSuffix("PONG, role master (container redis)") })
                #expect(lines.contains { $0.contains("forgejo-runner") && $0.hasSuffix("systemd unit active") })
                #expect(!result.stdout.contains("\u{1B}["))
            case "json":
                let hosts = try result.jsonHosts()
                #expect(hosts.map(\.name) == healthy.map(\.name))
                for (name, host) in hosts {
                    #expect(host["state"] as? String == "ok")
                    #expect((host["os"] as? String)?.isEmpty == false)
                    #expect((host["ssh_seconds"] as? Double).map { $0 > 0 && $0 < StatusFleet.timeoutSeconds } == true)
                    let services = try #require(host["services"] as? [[String: Any]])
                    #expect(services.map { $0["name"] as? String } == context.fleet.host(name).services)
                    #expect(services.allSatisfy { $0["state"] as? String == "up" }, "\(name): \(services)")
                }
                let database = try #require(hosts.first { $0.name == healthy[1].name }?.host)
                #expect(database["galera_cluster_size"] as? Int == 3)
                #expect((try result.json()["summary"] as? [String: Any])?["exit_status"] as? Int == 0)
            case "prometheus":
                try Self.checkExpositionSyntax(result.stdout)
                for host in healthy {
                    #expect(result.stdout.contains("infra_host_up{host=\"\(host.name)\",address=\"\(host.address)\",role=\"\(host.role)\"} 1\n"))
                    for service in host.services {
                        #expect(result.stdout.contains("infra_service_up{host=\"\(host.name)\",service=\"\(service)\"} 1\n"))
                    }
                    // Below the deadline: a healthy host answers, however busy the machine.
                    let prefix = "infra_ssh_seconds{host=\"\(host.name)\"} "
                    let seconds = result.stdout.split(separator: "\n").first { $0.hasPrefix(prefix) }
                        .flatMap { Double($0.dropFirst(prefix.count)) }
                    #expect(seconds.map { $0 > 0 && $0 < StatusFleet.timeoutSeconds } == true, "\(host.name)")
                }
                #expect(result.stdout.contains("infra_galera_cluster_size{host=\"\(healthy[1].name)\"} 3\n"))
            default:
                let count = healthy.count
                #expect(result.stdout.hasPrefix(
                    "INFRA-STATUS OK - \(count) hosts: \(count) ok | hosts=\(count);;;0 hosts_ok=\(count);;;0;\(count) "))
                #expect(result.stdout.split(separator: "\n").count == 1)
                #expect(result.stdout.contains(" \(healthy[0].name)_ssh="))
            }
        }

        /// Every line is a HELP or TYPE comment or a sample `name{labels} value`, and every metric
        /// has its HELP and TYPE before its first sample.
        static func checkExpositionSyntax(_ text: String) throws {
            let sample = try Regex(#"^([a-z_]+)(\{([a-z_]+="([^"\\]|\\.)*",?)*\})? -?[0-9.e+]+$"#)
            var declared: Set<String> = []
            for line in text.split(separator: "\n") {
                if line.hasPrefix("# HELP ") || line.hasPrefix("# TYPE ") {
                    declared.insert(String(line.split(separator: " ")[2]))
                    continue
                }
                #expect(try sample.wholeMatch(in: String(line)) != nil, "not a sample: \(line)")
                let name = String(line.prefix { $0 != "{" && $0 != " " })
                #expect(declared.contains(name), "\(name) has no HELP/TYPE")
            }
        }

        // MARK: One fault at a time

        /// A host of each kind, alone: its state and the exit status (and Nagios status) it causes.
        static let faults: [(kind: String, exit: Int32, nagios: Int32)] = [
            ("galera1", 1, 1), ("redis_down", 1, 2), ("badkey", 77, 2), ("down", 69, 2), ("unknown", 77, 2),
            ("rsa_host", 69, 2),
        ]

        @Test("a faulty host is classified and sets the exit status", arguments: faults)
        func fault(kind: String, exit: Int32, nagios: Int32) async throws {
            let context = StatusFleet.shared
            let host = context.fleet.host(kind: kind)
            let result = try await context.run(["--json", "--host", host.name])
            #expect(result.status == exit)
            let report = try #require(try result.jsonHosts().first?.host)
            #expect(report["state"] as? String == Self.expectedState(of: host).rawValue, "\(report["detail"] ?? "")")
            let probeSeconds = try #require(report["probe_seconds"] as? Double)
            // Found out before the deadline, not by it (half the deadline was too tight for a
            // parallel test run at a load average of 25: 1.6 and 2.0 s were seen).
            #expect(probeSeconds < StatusFleet.timeoutSeconds * 0.9, "found out only after \(probeSeconds) s")

            let plugin = try await context.run(["--nagios", "--host", host.name])
            #expect(plugin.status == nagios, "\(plugin.stdout)")
        }

        @Test func aTarpitAndAHangingProbeCostTheDeadlineOnceAndDelayNoOne() throws {
            let context = StatusFleet.shared
            let hosts = Dictionary(uniqueKeysWithValues: try #require(context.wholeFleet["json"]).jsonHosts())
            let tarpit = try #require(hosts[context.fleet.host(kind: "tarpit").name])
            #expect((tarpit["detail"] as? String)?.contains("SSH handshake") == true)
            let hang = try #require(hosts[context.fleet.host(kind: "hang").name])
            #expect((hang["detail"] as? String)?.contains("docker ps") == true)
            #expect(hang["os"] as? String != nil, "what the probe printed before hanging is kept")
            for (name, host) in hosts where host["state"] as? String == "timeout" {
                let seconds = try #require(host["probe_seconds"] as? Double)
                // Once, not once per phase: a second deadline would make it twice as long.
                #expect(seconds >= StatusFleet.timeoutSeconds - 0.05 && seconds < StatusFleet.timeoutSeconds * 1.6, "\(name)")
            }
            for (name, host) in hosts where host["state"] as? String == "ok" {
                let seconds = try #require(host["probe_seconds"] as? Double)
                #expect(seconds < StatusFleet.timeoutSeconds * 0.9, "\(name) took \(seconds) s, as if it waited for the hung hosts")
            }
        }

        @Test func aKeyTheHostsDoNotAcceptIsAnAuthFailure() async throws {
            let context = StatusFleet.shared
            let host = context.healthyHosts[0]
            let config = try context.writeConfig("stranger.yaml", hosts: [host], keyPath: context.fleet.strangerKeyPath)
            let result = try await context.run(["--json"], config: config)
            #expect(result.status == 77)
            let report = try #require(try result.jsonHosts().first?.host)
            #expect(report["state"] as? String == "auth_failed")
            #expect((report["detail"] as? String)?.contains("authentication failed") == true)
        }

        /// Hosts of several kinds at once: 69 only when no host answered, 77 only when key or
        /// login problems are the whole story, 1 for any other mix.
        static let mixes: [(kinds: [String], exit: Int32)] = [
            (["down", "rsa_host"], 69), (["badkey", "unknown"], 77), (["healthy", "badkey"], 77),
            (["galera1", "down"], 1), (["healthy", "down"], 1), (["down", "badkey"], 1),
            (["redis_down", "unknown"], 1), (["healthy", "galera1"], 1),
        ]

        @Test("the exit status tells the causes apart", arguments: mixes)
        func exitStatusPrecedence(kinds: [String], exit: Int32) async throws {
            let context = StatusFleet.shared
            let names = kinds.map { context.fleet.host(kind: $0).name }
            let result = try await context.run(names.flatMap { ["--host", $0] })
            #expect(result.status == exit, "\(result.stdout)")
        }

        // MARK: What infra.yaml says about the services

        @Test func theGaleraSizeIsCheckedAgainstTheNodesOfInfraYaml() async throws {
            let context = StatusFleet.shared
            let database = context.healthyHosts.first { $0.role == "db" }!
            let config = try context.writeConfig("four-nodes.yaml", databaseNodes: 4)
            let result = try await context.run(["--json", "--host", database.name], config: config)
            #expect(result.status == 1)
            let report = try #require(try result.jsonHosts().first?.host)
            #expect(report["state"] as? String == "degraded")
            let galera = try #require((report["services"] as? [[String: Any]])?.first)
            #expect(galera["detail"] as? String == "size 3/4, Primary, Synced (host mariadb)")
        }

        @Test func theRedisRoleIsReportedOnlyWithSentinel() async throws {
            let context = StatusFleet.shared
            let cache = context.healthyHosts.first { $0.role == "cache" }!
            let config = try context.writeConfig("no-sentinel.yaml", sentinel: false)
            let result = try await context.run(["--json", "--host", cache.name], config: config)
            #expect(result.status == 0)
            let redis = try #require((try result.jsonHosts().first?.host["services"] as? [[String: Any]])?.first)
            #expect(redis["detail"] as? String == "PONG (container redis)")
        }
    }
}
