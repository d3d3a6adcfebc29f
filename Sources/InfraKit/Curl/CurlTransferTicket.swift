import Synchronization

/// One request handed to the engine thread, and the continuation its caller waits on.
///
/// Whoever comes first wins: the engine finishing the transfer, or the caller's task being cancelled —
/// even before the engine has seen the request. The continuation is resumed exactly once.
final class CurlTransferTicket: Sendable {
    typealias Continuation = CheckedContinuation<Result<HTTPResponse, TransportError>, Never>

    private enum State {
        case created
        case cancelledBeforeStart
        case waiting(Continuation, isCancellationRequested: Bool)
        case finished
    }

    static let cancellation = TransportError(.cancelled, "cancelled", mayHaveReachedServer: true)

    let request: TransportRequest
    private let state = Mutex(State.created)

    init(request: TransportRequest) {
        self.request = request
    }

    /// Stores the continuation; returns false (having resumed it) when the caller was already cancelled.
    func attach(_ continuation: Continuation) -> Bool {
        let wasCancelled = state.withLock { state in
            if case .cancelledBeforeStart = state {
                state = .finished
                return true
            }
            state = .waiting(continuation, isCancellationRequested: false)
            return false
        }
        if wasCancelled { continuation.resume(returning: .failure(Self.cancellation)) }
        return !wasCancelled
    }

    /// Records the cancellation; returns true when the engine must be told to stop the transfer.
    func requestCancellation() -> Bool {
        state.withLock { state in
            switch state {
            case .created:
                state = .cancelledBeforeStart
                return false
            case .waiting(let continuation, false):
                state = .waiting(continuation, isCancellationRequested: true)
                return true
            case .waiting, .cancelledBeforeStart, .finished:
                return false
            }
        }
    }

    var isCancellationRequested: Bool {
        state.withLock { state in
            if case .waiting(_, true) = state { true } else { false }
        }
    }

    /// Resumes the caller unless that already happened.
    func finish(_ result: Result<HTTPResponse, TransportError>) {
        let continuation = state.withLock { state -> Continuation? in
            guard case .waiting(let continuation, _) = state else { return nil }
            state = .finished
            return continuation
        }
        continuation?.resume(returning: result)
    }
}

/// Counts live easy handles of one engine, so tests can prove none leak.
final class CurlHandleCounter: Sendable {
    private let count = Atomic<Int>(0)

    func increment() { count.add(1, ordering: .relaxed) }
    func decrement() { count.subtract(1, ordering: .relaxed) }
    var value: Int { count.load(ordering: .relaxed) }
}
