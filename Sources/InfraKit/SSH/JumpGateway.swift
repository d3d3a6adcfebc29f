import Dispatch
import Glibc
import Synchronization

/// A jump host shared by every probe behind it in one fleet run: one thread, one SSH session to
/// the bastion, and one `direct-tcpip` channel per host, each bridged to a socket pair whose other
/// end that host's own session runs over.
///
/// libssh2 sessions are not thread-safe, so only the gateway's thread touches the bastion's
/// session; host threads hand it requests through `openTunnel` and wake it through a socket pair.
/// Logging in to the bastion is bounded by the run's deadline, and each host waits for its
/// channel within its own, so a dead or slow bastion costs its hosts their deadline and no
/// more, and never a direct connection.
final class JumpGateway: Sendable {
    let hop: JumpHost
    /// The gateway this hop itself is reached through (multi-hop chains); nil for the first hop.
    let parent: JumpGateway?
    private let state = Mutex(State())
    /// Readable when the thread has news in `state` (a request, a release); `wakeupWriter` is
    /// the other end of the socket pair.
    let wakeup: Int32
    private let wakeupWriter: Int32
    /// Left when the gateway's thread has ended, its libssh2 session freed.
    private let running = DispatchGroup()

    struct State {
        var requests: [TunnelRequest] = []
        /// Set once the bastion's session failed or the gateway stopped: every later request fails with it.
        var failure: SSHError?
        var clients = 0
        var released = 0
    }

    init(hop: JumpHost, parent: JumpGateway?) {
        self.hop = hop
        self.parent = parent
        var ends: [Int32] = [-1, -1]
        let type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        _ = socketpair(AF_UNIX, type, 0, &ends)
        wakeup = ends[0]
        wakeupWriter = ends[1]
    }

    deinit {
        close(wakeup)
        close(wakeupWriter)
    }

    /// One more host or gateway will go through this hop; call before any client starts.
    func addClient() {
        state.withLock { $0.clients += 1 }
    }

    /// Starts the gateway's thread: it logs in to the bastion within `timeout` (the run's
    /// deadline) and serves requests until every client has released it.
    func start(timeout: Duration, knownHosts: KnownHostsPolicy, agentSocket: String?, trace: TraceSink?) {
        let deadline = Deadline(after: timeout)
        running.enter()
        DedicatedThread.start(name: "jump \(hop.name)", stackSize: 1 << 20) { [self] in
            defer { running.leave() }
            let start = ContinuousClock.now
            var request = SSHCommandRequest(
                host: hop.address, port: hop.port, user: hop.user, keyPath: hop.keyPath,
                aliases: hop.name == hop.address ? [] : [hop.name], command: "", timeout: timeout,
                knownHosts: knownHosts, agentSocket: agentSocket)
            request.tunnel = parent
            var outcome = SSHCommandOutcome()
            do throws(SSHError) {
                let session = try SSHCommandRunner.openSession(request, deadline: deadline, start: start, outcome: &outcome)
                trace?("\(hop.name): jump session up in \(String(format: "%.1f ms", secondsSince(start) * 1000))")
                JumpRelay(gateway: self, session: session).run()
                stop(with: SSHError(.unreachable, phase: .connect, "via bastion \(hop.name): the jump session has ended"))
                session.disconnect(deadline: Deadline(after: .milliseconds(200)))
            } catch {
                trace?("\(hop.name): jump session failed; \(error.message)")
                stop(with: SSHError(error.kind, phase: error.phase, "via bastion \(hop.name): \(error.message)"))
            }
            parent?.release()
        }
    }

    /// Blocks until the gateway's thread has ended. A run waits for this before it reports: the
    /// process may exit right after, and OpenSSL's exit handlers must not run under a session
    /// that is still being torn down.
    func waitUntilStopped() {
        running.wait()
    }

    /// Asks the bastion for a channel to `host:port` and returns this thread's end of the socket
    /// pair bridged to it. Blocks the calling (host) thread until the channel is open, refused,
    /// or `deadline` passes.
    func openTunnel(to host: String, port: Int, deadline: Deadline) throws(SSHError) -> TCPConnection {
        let request = TunnelRequest(host: host, port: port)
        let failure: SSHError? = state.withLock { state in
            if let failure = state.failure { return failure }
            state.requests.append(request)
            return nil
        }
        if let failure { throw failure }
        wake()
        switch request.wait(until: deadline) {
        case .success(let descriptor):
            return TCPConnection(adopting: descriptor)
        case .failure(let error):
            throw error
        case nil:
            throw SSHError(
                .timeout, phase: .connect,
                "via bastion \(hop.name): no channel to \(host):\(port) before the deadline (the bastion was slow or stalled)")
        }
    }

    /// A client is done with the gateway (its probe finished, whichever way).
    func release() {
        state.withLock { $0.released += 1 }
        wake()
    }

    /// For the gateway's thread: new requests, and whether every client has released it.
    func takeRequests() -> (requests: [TunnelRequest], allReleased: Bool) {
        var drained = [UInt8](repeating: 0, count: 256)
        while read(wakeup, &drained, drained.count) > 0 {}
        return state.withLock { state in
            defer { state.requests = [] }
            return (state.requests, state.clients > 0 && state.released >= state.clients)
        }
    }

    /// Fails every waiting and every later request with `failure` (or the failure already set).
    private func stop(with failure: SSHError) {
        let (final, waiting) = state.withLock { state in
            let final = state.failure ?? failure
            state.failure = final
            defer { state.requests = [] }
            return (final, state.requests)
        }
        for request in waiting { _ = request.answer(.failure(final)) }
    }

    private func wake() {
        var one: UInt8 = 1
        _ = send(wakeupWriter, &one, 1, Int32(MSG_NOSIGNAL | MSG_DONTWAIT))
    }
}

/// One host's request for a channel, answered by the gateway's thread and awaited by the host's.
final class TunnelRequest: Sendable {
    let host: String
    let port: Int
    private let state = Mutex(Answer.waiting)
    private let answered = DispatchSemaphore(value: 0)

    private enum Answer {
        case waiting, abandoned
        case given(Result<Int32, SSHError>)
    }

    init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Hands the host its socket-pair end (or the failure). False when the host stopped waiting;
    /// the gateway then closes the descriptor itself.
    func answer(_ result: Result<Int32, SSHError>) -> Bool {
        let taken = state.withLock { state in
            guard case .waiting = state else { return false }
            state = .given(result)
            return true
        }
        if taken { answered.signal() }
        return taken
    }

    /// The answer, or nil when `deadline` passed first (the request is then abandoned).
    func wait(until deadline: Deadline) -> Result<Int32, SSHError>? {
        let left = DispatchTimeInterval.milliseconds(Int(deadline.remainingMilliseconds))
        _ = answered.wait(timeout: .now() + left)
        return state.withLock { state in
            if case .given(let result) = state { return result }
            state = .abandoned
            return nil
        }
    }
}
