import Foundation
import InfraKit
import Testing
import TestSupport

/// The built `acme-cloudns-hook` interrupted during `present`, as ACME clients do on a timeout:
/// it removes the record this run added, says so, exits 128 + the signal's number by itself, and
/// a second signal ends it at once. Each test has an emulator of its own, on loopback.
@Suite("acme-cloudns-hook interrupted by a signal")
struct ACMEHookSignalTests {
    static let zone = "sig.test"
    static let name = "_acme-challenge.sig.test"
    static let value = "Xq3V0gq2b0mW7x4Yb8pNQ1r6sJdKf9LhT2uAe5ZcGvE"
    static let seed = EmulatorProcess.Seed(zones: [
        EmulatorProcess.Zone(zone, records: [
            .init("www", "A", "192.0.2.1"), .init("", "TXT", "v=spf1 -all"), .init("", "MX", "mail.sig.test", priority: 10),
            .init("_acme-challenge.other", "TXT", "someone-elses-challenge"),
        ])
    ])
    static let signals: [(Int32, String)] = [(SIGTERM, "SIGTERM"), (SIGINT, "SIGINT"), (SIGHUP, "SIGHUP")]

    struct Run {
        let emulator: EmulatorProcess
        let before: [EmulatorProcess.Record]
        let hook: SignalledTool
    }

    /// An emulator whose zone updates take a minute, and the hook presenting a value to it.
    static func start(faults: [[String: any Sendable]] = []) async throws -> Run {
        let emulator = try await EmulatorProcess.start()
        try await emulator.seed(seed)
        try await emulator.settings(["propagation_delay": 60])
        for fault in faults { try await emulator.addFault(fault) }
        let before = try await emulator.records(in: zone)
        // A closed port on loopback: the CNAME check fails at once and nothing leaves the machine.
        var environment = emulator.environment
        environment["ACME_CLOUDNS_DNS_SERVERS"] = "127.0.0.1:9"
        let hook = try SignalledTool("acme-cloudns-hook", ["present", name + ".", value], environment: environment)
        return Run(emulator: emulator, before: before, hook: hook)
    }

    /// The emulator holds exactly what was seeded: no challenge record of this run, every
    /// unrelated record as it was (ids included).
    static func expectNothingLeft(_ run: Run) async throws {
        let after = try await run.emulator.records(in: zone)
        #expect(after.filter { $0.record == value }.isEmpty, "left behind: \(after)")
        #expect(Set(after) == Set(run.before))
    }

    @Test("a signal while waiting for propagation removes the added record", arguments: signals)
    func whileWaiting(signal: Int32, signalName: String) async throws {
        let run = try await Self.start()
        defer { run.emulator.stop() }
        let waiting = await run.hook.waitUntil { run.hook.stderr.contains("added TXT \(Self.name)") }
        #expect(waiting, "the hook never added the record: \(run.hook.stderr)")
        try await Task.sleep(for: .milliseconds(300))  // into the update-status polling
        run.hook.signal(signal)
        let exit = await run.hook.exit()

        #expect(exit.status == 128 + signal && !exit.bySignal, "\(exit) \(run.hook.stderr)")
        let stderr = run.hook.stderr
        #expect(stderr.contains("acme-cloudns-hook: \(signalName): stopping (a second signal exits at once)\n"))
        #expect(stderr.contains("acme-cloudns-hook: removed TXT \(Self.name) (id "))
        #expect(stderr.hasSuffix("again after the interruption\nacme-cloudns-hook: error: interrupted by \(signalName)\n"), "\(stderr)")
        #expect(run.hook.stdout.isEmpty)
        try await Self.expectNothingLeft(run)
    }

    /// The emulator holds add-record for 2 s, before or after adding the record; the signal comes
    /// while the request is unanswered. The hook waits for the answer and removes that record.
    @Test(
        "a signal while add-record is in flight removes the record it added",
        arguments: [(SIGTERM, "SIGTERM", false), (SIGINT, "SIGINT", true), (SIGHUP, "SIGHUP", false)])
    func whileAdding(signal: Int32, signalName: String, appliedFirst: Bool) async throws {
        let run = try await Self.start(faults: [["method": "add-record", "kind": "slow", "delay": 2, "after_apply": appliedFirst]])
        defer { run.emulator.stop() }
        // The listing comes right before the add; once it is logged, the add is on its way.
        let listed = try await run.hook.waitUntil { try await !run.emulator.calls("records").isEmpty }
        #expect(listed, "the hook never listed the records: \(run.hook.stderr)")
        try await Task.sleep(for: .milliseconds(500))
        #expect(try await run.emulator.calls("add-record").isEmpty, "add-record was answered before the signal")
        let signalled = ContinuousClock.now
        run.hook.signal(signal)
        let exit = await run.hook.exit()

        #expect(exit.status == 128 + signal && !exit.bySignal, "\(exit) \(run.hook.stderr)")
        // Within the 5 s the man page allows for the cleanup.
        #expect(signalled.duration(to: exit.at) < .seconds(5), "took \(signalled.duration(to: exit.at))")
        let stderr = run.hook.stderr
        #expect(stderr.contains("acme-cloudns-hook: the add-record request for TXT \(Self.name) was answered after the interruption (id "))
        #expect(stderr.contains("acme-cloudns-hook: removed TXT \(Self.name) (id "))
        #expect(stderr.hasSuffix("acme-cloudns-hook: error: interrupted by \(signalName)\n"), "\(stderr)")
        try await Self.expectNothingLeft(run)
    }

    @Test("a second signal during the cleanup exits at once")
    func secondSignal() async throws {
        // The delete hangs for 20 s: without the second signal the hook would give up only after 5 s.
        let run = try await Self.start(faults: [["method": "delete-record", "kind": "slow", "delay": 20]])
        defer { run.emulator.stop() }
        let waiting = await run.hook.waitUntil { run.hook.stderr.contains("added TXT \(Self.name)") }
        #expect(waiting, "the hook never added the record: \(run.hook.stderr)")
        run.hook.signal(SIGTERM)
        let stopping = await run.hook.waitUntil { run.hook.stderr.contains("SIGTERM: stopping") }
        #expect(stopping)
        try await Task.sleep(for: .milliseconds(300))  // into the hanging delete
        let again = ContinuousClock.now
        run.hook.signal(SIGINT)
        let exit = await run.hook.exit()

        #expect(exit.status == 130 && !exit.bySignal, "\(exit) \(run.hook.stderr)")
        #expect(again.duration(to: exit.at) < .seconds(1), "took \(again.duration(to: exit.at))")
        #expect(run.hook.stderr.hasSuffix("acme-cloudns-hook: SIGINT again: exiting at once\n"), "\(run.hook.stderr)")
    }

    @Test("a signal before anything was added exits with nothing to remove")
    func beforeAdding() async throws {
        let run = try await Self.start(faults: [["method": "records", "kind": "slow", "delay": 3]])
        defer { run.emulator.stop() }
        // The CNAME check comes right before the listing, which then hangs.
        let checked = await run.hook.waitUntil { run.hook.stderr.contains("could not check whether \(Self.name) is a CNAME") }
        #expect(checked, "\(run.hook.stderr)")
        try await Task.sleep(for: .milliseconds(300))
        run.hook.signal(SIGTERM)
        let exit = await run.hook.exit()
        #expect(exit.status == 143 && !exit.bySignal, "\(exit) \(run.hook.stderr)")
        #expect(run.hook.stderr.contains("interrupted before any record was added: nothing to remove"), "\(run.hook.stderr)")
        #expect(try await run.emulator.calls("add-record").isEmpty)
        try await Self.expectNothingLeft(run)
    }
}
