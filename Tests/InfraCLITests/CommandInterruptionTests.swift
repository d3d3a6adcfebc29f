import InfraCLI
import InfraKit
import Synchronization
import Testing

/// The runner's side of ``SignalHandling/cancelCommand`` without real signals: what the signal
/// thread would deliver is handed to the ``CommandInterruption`` directly. (The built hook is
/// signalled for real in ACMEHookSignalTests.)
@Suite("Runner: a termination signal cancels the command")
struct CommandInterruptionTests {
    /// `probe run`, whose handler is `body`.
    static func probe(_ body: @escaping @Sendable (Context) async throws -> InfraKit.ExitStatus) -> ToolSpec {
        ToolSpec(
            root: CommandSpec("probe", abstract: "Exercise interruptions.", subcommands: [
                CommandSpec("run", abstract: "Run the body.") { _, context in try await body(context) }
            ]),
            version: "1.0", exitStatuses: [ExitStatusSpec(.success, "Fine.")], manualDate: "January 1, 2026",
            signalHandling: .cancelCommand)
    }

    static func run(_ spec: ToolSpec, _ interruption: CommandInterruption) async -> (status: InfraKit.ExitStatus, stderr: String) {
        let err = BufferWriter()
        let context = Context(stdout: BufferWriter(), stderr: err)
        let status = await ToolRunner(spec: spec, completionCandidates: NoCompletionCandidates())
            .run(["run"], context: context, interruption: interruption)
        return (status, err.text)
    }

    @Test("129, 130 and 143", arguments: [(TerminationSignal.hangUp, Int32(129)), (.interrupt, 130), (.terminate, 143)])
    func statuses(signal: TerminationSignal, status: Int32) {
        #expect(signal.exitStatus.rawValue == status)
    }

    @Test func theSignalCancelsTheCommandWhichCleansUpAndTheToolExitsWithItsStatus() async {
        let interruption = CommandInterruption()
        let started = ContinuousClock.now
        let result = await Self.run(
            Self.probe { context in
                interruption.deliver(.terminate)
                do {
                    try await Task.sleep(for: .seconds(60))
                } catch {
                    context.stderr.write("probe: cleaned up\n")
                    throw error
                }
                return .success
            }, interruption)
        #expect(result.status.rawValue == 143)
        #expect(result.stderr == "probe: cleaned up\nprobe: error: interrupted by SIGTERM\n")
        #expect(started.duration(to: .now) < .seconds(10))
    }

    @Test func aCommandThatFinishesAnywayStillReportsTheSignal() async {
        let interruption = CommandInterruption()
        let result = await Self.run(Self.probe { _ in interruption.deliver(.hangUp); return .success }, interruption)
        #expect(result.status.rawValue == 129)
        #expect(result.stderr == "probe: error: interrupted by SIGHUP\n")
    }

    @Test func aSignalBeforeTheCommandStartsCancelsItFromTheStart() async {
        let interruption = CommandInterruption()
        interruption.deliver(.interrupt)
        interruption.deliver(.terminate)  // the first one is the one reported
        let sawCancellation = Mutex(false)
        let result = await Self.run(Self.probe { _ in sawCancellation.withLock { $0 = Task.isCancelled }; return .success }, interruption)
        #expect(sawCancellation.withLock { $0 })
        #expect(result.status.rawValue == 130)
        #expect(result.stderr == "probe: error: interrupted by SIGINT\n")
    }

    @Test func withoutASignalTheCommandsStatusAndErrorsStand() async {
        let interruption = CommandInterruption()
        #expect(await Self.run(Self.probe { _ in .failure }, interruption).status == .failure)
        let failed = await Self.run(Self.probe { _ in throw CancellationError() }, interruption)
        #expect(failed.status == .software)
        #expect(interruption.signal == nil)
    }
}
