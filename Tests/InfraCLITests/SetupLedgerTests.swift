@testable import InfraCLI
import Testing

@Suite("infra-setup ledger")
struct SetupLedgerTests {
    @Test func aFailedStepNamesEveryStepAndHowToResume() {
        var ledger = SetupLedger(steps: [.discover, .lb, .dns])
        ledger.record(.discover, .done("7 hosts: 7 matched"))
        ledger.plan(.lb, pending: 3)
        ledger.plan(.dns, pending: 4)
        #expect(ledger.pendingSummary == "7 changes pending (lb 3, dns 4)")
        ledger.failed(.lb, made: 1, error: "boom")
        #expect(ledger.report() == [
            "step discover: ran (7 hosts: 7 matched)", "step lb: failed (1 change made before the failure)",
            "step dns: not run (4 changes not made)",
        ])
        #expect(
            ledger.resumeHint(tool: "infra-setup")
                == "to resume, run 'infra-setup --step lb', then 'infra-setup --step dns' (or 'infra-setup' again: every step reads what is there afresh and makes only what is missing)"
        )
        let json = ledger.json(dryRun: false)
        #expect(!json.complete)
        #expect(json.steps.map(\.status) == ["ran", "failed", "planned"])
    }

    @Test func aCompleteRunIsComplete() {
        var ledger = SetupLedger(steps: [.lb, .dns])
        ledger.plan(.lb, pending: 1)
        ledger.plan(.dns, pending: 0)
        ledger.applied(.lb, made: 1)
        #expect(ledger.report() == ["step lb: ran (1 change made)", "step dns: ran (nothing to change)"])
        #expect(ledger.json(dryRun: false).complete)
        #expect(ledger.made(in: .lb) == 1 && ledger.made(in: .dns) == 0)
    }
}
