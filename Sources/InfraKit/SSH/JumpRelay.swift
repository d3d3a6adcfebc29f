import Glibc
internal import CSSH2

/// The gateway thread's loop over one authenticated bastion session: opens the channels hosts
/// ask for, one at a time (libssh2 runs a single channel open per session at once), pumps every
/// bridge, and sleeps in poll(2) on the bastion's socket, the gateway's wake-up socket and each
/// bridge's socket-pair end until something can move.
///
/// It needs no deadline of its own: every client is bounded by its own deadline and releases
/// the gateway when done (a host probed late, as with a bound on parallel probes, still finds
/// the session up).
final class JumpRelay {
    private let gateway: JumpGateway
    private let session: SSHSession
    private var queue: [TunnelRequest] = []
    private var bridges: [ChannelBridge] = []

    init(gateway: JumpGateway, session: SSHSession) {
        self.gateway = gateway
        self.session = session
    }

    /// Serves until every client has released the gateway or the bastion's connection is lost;
    /// requests still queued then fail.
    func run() {
        while true {
            let news = gateway.takeRequests()
            queue.append(contentsOf: news.requests)
            if news.allReleased { break }
            openChannels()
            for bridge in bridges { bridge.pump() }
            for bridge in bridges where bridge.isFinished { bridge.free() }
            bridges.removeAll { $0.isFinished }
            if bridges.contains(where: \.hasQueuedChannelInput) { continue }
            if !waitForWork() { break }
        }
        let ended = SSHError(
            .unreachable, phase: .connect, "via bastion \(gateway.hop.name): the connection to the bastion was lost")
        for request in queue { _ = request.answer(.failure(ended)) }
        for bridge in bridges { bridge.free() }
        bridges = []
    }

    /// Opens queued channels until libssh2 has to wait for the bastion.
    private func openChannels() {
        while let request = queue.first {
            let opened = libssh2_channel_direct_tcpip_ex(
                session.handle, request.host, Int32(request.port), "127.0.0.1", 22)
            guard let channel = opened else {
                let code = libssh2_session_last_errno(session.handle)
                if ChannelBridge.isRetry(code) { return }
                queue.removeFirst()
                _ = request.answer(.failure(refusal(code: code, request: request)))
                continue
            }
            queue.removeFirst()
            var ends: [Int32] = [-1, -1]
            let type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
            guard socketpair(AF_UNIX, type, 0, &ends) == 0 else {
                _ = libssh2_channel_free(channel)
                _ = request.answer(.failure(SSHError(
                    .unreachable, phase: .connect,
                    "via bastion \(gateway.hop.name): cannot create a socket pair: \(systemMessage(errno))")))
                continue
            }
            bridges.append(ChannelBridge(channel: channel, local: ends[0]))
            // A host that stopped waiting gets no descriptor: closing its end ends the bridge.
            if !request.answer(.success(ends[1])) { close(ends[1]) }
        }
    }

    /// Why the bastion gave no channel to a host: it could not or would not connect there (the
    /// host is unreachable through it), or the bastion's session itself failed.
    private func refusal(code: Int32, request: TunnelRequest) -> SSHError {
        let bastion = gateway.hop.name
        let target = "\(request.host):\(request.port)"
        guard code == LIBSSH2_ERROR_CHANNEL_FAILURE else {
            let failure = session.failure(code: code, phase: .connect)
            return SSHError(failure.kind, phase: .connect, "via bastion \(bastion): \(failure.message)")
        }
        let reason = session.lastErrorMessage()
        let why = reason.contains("prohibited")
            ? "the bastion may not forward there (its sshd's AllowTcpForwarding or PermitOpen)"
            : "the bastion could not connect to it"
        return SSHError(.unreachable, phase: .connect, "via bastion \(bastion): \(target): \(why) (\(reason))")
    }

    /// Polls until something can move; false when the bastion's connection is gone.
    private func waitForWork() -> Bool {
        let readers = !queue.isEmpty || bridges.contains { $0.wantsChannelInput }
        var socketEvents: Int16 = readers ? Int16(POLLIN) : 0
        if libssh2_session_block_directions(session.handle) & LIBSSH2_SESSION_BLOCK_OUTBOUND != 0 {
            socketEvents |= Int16(POLLOUT)
        }
        var entries = [
            pollfd(fd: gateway.wakeup, events: Int16(POLLIN), revents: 0),
            pollfd(fd: session.connection.descriptor, events: socketEvents, revents: 0),
        ]
        entries += bridges.map { pollfd(fd: $0.pollDescriptor, events: $0.localEvents, revents: 0) }
        session.connection.rearmQuickAck()
        guard poll(&entries, nfds_t(entries.count), -1) > 0 else { return true }
        let broken = Int16(POLLHUP) | Int16(POLLERR) | Int16(POLLNVAL)
        return entries[1].revents & broken == 0 || readers
    }
}
