import Foundation

/// How often an action is polled: quickly at first so a short action is noticed soon after it ends,
/// then less often so a long one does not eat the rate-limit budget.
///
/// The n-th wait is `min(firstInterval × growth^n, maxInterval)`: 150, 188, 234, 293, 366, 458 ms, …
/// up to 1.5 s. The polls land at 0.15, 0.34, 0.57, 0.87, 1.23, 1.69, 2.26 s: an action of one second
/// is seen finished at 1.23 s; from the tenth poll on (about 5 s) it is one poll per 1.5 s, below the
/// budget's refill of one request per second.
public struct HetznerActionPolling: Sendable {
    public var firstInterval: Duration = .milliseconds(150)
    public var growth = 1.25
    public var maxInterval: Duration = .milliseconds(1500)
    /// An action still running after this long fails the wait (exit 75).
    public var timeout: Duration = .seconds(30 * 60)
    /// A wait longer than this is reported through the notice callback.
    public var progressAfter: Duration = .seconds(1)
    /// How long a `locked` resource is waited for before the `locked` error is thrown.
    public var lockedTimeout: Duration = .seconds(10 * 60)

    public init() {}

    /// The wait before poll `poll` (0-based).
    public func interval(beforePoll poll: Int) -> Duration {
        let factor = pow(growth, Double(min(max(0, poll), 64)))
        return min(firstInterval * factor, maxInterval)
    }
}

/// Waiting for actions, and for resources locked by someone else's action.
extension HetznerCloudClient {
    /// Polls `GET /actions/{id}` until the action is no longer running and returns it finished.
    ///
    /// An action that is already finished is not polled. A wait longer than a second is reported
    /// through `notice` (and its end too). Throws `actionFailed` naming the action's error code and
    /// message when it ends in `error`, and `actionTimeout` (75) after ``HetznerActionPolling/timeout``.
    @discardableResult
    public func waitForAction(_ action: HetznerAction) async throws(HetznerCloudError) -> HetznerAction {
        let polling = options.actionPolling
        let clock = options.clock
        let start = clock.now()
        var action = action
        var polls = 0
        var told = false
        while action.isRunning {
            let waited = clock.now() - start
            guard waited < polling.timeout else {
                throw HetznerCloudError(
                    .actionTimeout, code: action.command,
                    "hcloud: action \(action.label) still running after \(APIError.format(waited)) (\(action.progress ?? 0) %)",
                    exitStatus: .temporaryFailure, actionID: action.id)
            }
            try await sleep(polling.interval(beforePoll: polls), while: "waiting for action \(action.label)")
            polls += 1
            action = try await object(HTTPRequest(.get, "/actions/\(action.id)"), root: "action", as: HetznerAction.self)
            if !told && action.isRunning && clock.now() - start >= polling.progressAfter {
                told = true
                options.notice?("hcloud: waiting for \(action.label) (\(action.progress ?? 0) %)")
            }
        }
        if told {
            let outcome = action.isSuccess ? "done" : "failed"
            options.notice?("hcloud: \(action.label) \(outcome) after \(APIError.format(clock.now() - start))")
        }
        if let failure = Self.failure(of: action) { throw failure }
        return action
    }

    /// Waits for each action in turn; throws the first failure.
    public func waitForActions(_ actions: [HetznerAction]) async throws(HetznerCloudError) {
        for action in actions { try await waitForAction(action) }
    }

    /// The actions of a resource still running, such as `running(in: "load_balancers", id: 42)`.
    public func runningActions(in collection: String, id: Int64) async throws(HetznerCloudError) -> [HetznerAction] {
        try await listAll(
            "/\(collection)/\(id)/actions", root: "actions", query: ["status": "running"], as: HetznerAction.self)
    }

    /// The error for an action that ended in `error`, nil otherwise. Exit 75 for codes that pass
    /// (`locked`, `timeout`, …), 77 for permission codes, else 1: the operation itself failed.
    static func failure(of action: HetznerAction) -> HetznerCloudError? {
        guard action.status == "error" else { return nil }
        let code = action.error?.code ?? "unknown_error"
        let message = action.error?.message ?? "no reason given"
        let exitStatus: ExitStatus =
            HetznerCloudError.permissionCodes.contains(code)
            ? .noPermission : HetznerCloudError.temporaryCodes.contains(code) ? .temporaryFailure : .failure
        return HetznerCloudError(
            .actionFailed, code: code, "hcloud: action \(action.label) failed: \(code): \(message)",
            exitStatus: exitStatus, actionID: action.id)
    }

    /// Runs `operation` (one mutation request) and, while the API answers `locked`, waits for the
    /// resource's running actions (or, when none is listed, one poll interval) and runs it again. A
    /// `locked` answer means nothing was done, so sending again is safe for any method.
    func mutating<Value>(
        _ collection: String, id: Int64?, _ operation: () async throws(HetznerCloudError) -> Value
    ) async throws(HetznerCloudError) -> Value {
        let clock = options.clock
        let start = clock.now()
        var round = 0
        while true {
            do {
                return try await operation()
            } catch {
                guard error.code == "locked" || error.code == "resource_locked",
                    clock.now() - start < options.actionPolling.lockedTimeout
                else { throw error }
                var running: [HetznerAction] = []
                if let id { running = (try? await runningActions(in: collection, id: id)) ?? [] }
                if running.isEmpty {
                    try await sleep(options.actionPolling.interval(beforePoll: round), while: "waiting for a lock")
                } else {
                    let holders = running.map(\.label).joined(separator: ", ")
                    options.notice?("hcloud: \(collection)/\(id ?? 0) is locked by \(holders); waiting")
                    // Someone else's action: its failure is not ours, only its end matters.
                    for action in running { _ = try? await waitForAction(action) }
                    try Task.checkCancellation(orThrow: "waiting for a lock")
                }
                round += 1
            }
        }
    }

    /// `POST /<collection>/<id>/actions/<command>` with `body`, retried while locked, then waited for.
    @discardableResult
    func perform(
        _ command: String, on collection: String, id: Int64, body: (some Encodable)?
    ) async throws(HetznerCloudError) -> HetznerAction {
        let request = HTTPRequest(
            .post, "/\(collection)/\(id)/actions/\(command)", body: body.map { Self.jsonBody($0) } ?? .empty)
        let started = try await mutating(collection, id: id) { () async throws(HetznerCloudError) in
            try await send(request, root: nil, as: HetznerCloudWire.ActionRoot.self).action
        }
        return try await waitForAction(started)
    }

    func sleep(_ duration: Duration, while activity: String) async throws(HetznerCloudError) {
        do {
            try await options.clock.sleep(duration)
        } catch {
            throw HetznerCloudError(.service, "hcloud: \(activity): cancelled", exitStatus: .temporaryFailure)
        }
    }
}

extension Task where Success == Never, Failure == Never {
    /// Throws a cancelled ``HetznerCloudError`` when the current task is cancelled.
    static func checkCancellation(orThrow activity: String) throws(HetznerCloudError) {
        if Task.isCancelled {
            throw HetznerCloudError(.service, "hcloud: \(activity): cancelled", exitStatus: .temporaryFailure)
        }
    }
}
