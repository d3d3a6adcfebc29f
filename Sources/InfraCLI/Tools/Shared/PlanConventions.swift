import InfraKit

/// The options and exit statuses every plan/apply pair of the suite shares (`infra-dns`, `infra-lb`,
/// `infra-setup`), so that scripts and CI jobs treat them alike.
enum PlanConventions {
    static let exitCode = Option.flag(
        "exit-code", abstract: "Exit 0 when no changes are pending, 2 when some are, and 1 on any error.")
    static let yes = Option.flag("yes", short: "y", abstract: "Apply without asking.")

    /// `plan --exit-code`'s answer when changes are pending.
    static let changesPending = ExitStatus(rawValue: 2)

    /// Runs a plan, which returns how many changes are pending. Without `--exit-code` a plan that
    /// ran is a success whatever it found; with it, scripts get three answers: 0 nothing to do,
    /// 2 changes pending, 1 any error (printed first).
    static func runPlan(_ session: ToolSession, _ plan: () async throws -> Int) async throws -> ExitStatus {
        guard try session.invocation[exitCode] else {
            _ = try await plan()
            return .success
        }
        do {
            return try await plan() == 0 ? .success : changesPending
        } catch let error as any ClassifiedError {
            session.console.error(error.message)
            return .failure
        }
    }

    /// Before an apply makes `pending` changes: nothing to ask with `--yes` or nothing pending,
    /// else the question on the terminal.
    static func confirm(_ session: ToolSession, pending: Int, _ question: @autoclosure () -> String) throws {
        guard pending > 0, try !session.invocation[yes] else { return }
        try session.confirm(question())
    }
}
