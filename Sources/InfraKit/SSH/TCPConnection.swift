import Glibc

/// A non-blocking stream socket to one SSH server, owned by one thread: a TCP connection, or
/// the end of a socket pair that a jump host's thread bridges to a `direct-tcpip` channel.
///
/// The TCP connect itself is non-blocking and bounded by the host's deadline, so a host that
/// drops SYNs costs the deadline and no more. The socket is closed in `deinit`.
final class TCPConnection {
    let descriptor: Int32

    /// Adopts a connected stream socket (a socket-pair end); it is closed in `deinit`.
    init(adopting descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }

    /// Connects to `host:port` (a numeric address or a name) before `deadline`, which bounds the
    /// name resolution too.
    static func open(host: String, port: Int, deadline: Deadline) throws(SSHError) -> TCPConnection {
        let addresses = try NameResolution.addresses(host: host, port: port, deadline: deadline)
        var lastError = SSHError(.unreachable, phase: .connect, "\(host): no address to connect to")
        for address in addresses {
            do {
                return try connect(to: address, host: host, port: port, deadline: deadline)
            } catch {
                lastError = error
                if error.kind == .timeout { break }
            }
        }
        throw lastError
    }

    /// Waits until the socket is ready for what libssh2 is blocked on, or the deadline passes.
    /// Returns false when the deadline passed first.
    func wait(readable: Bool, writable: Bool, deadline: Deadline) -> Bool {
        rearmQuickAck()
        var events: Int16 = 0
        if readable { events |= Int16(POLLIN) }
        if writable { events |= Int16(POLLOUT) }
        if events == 0 { events = Int16(POLLIN) }
        var entry = pollfd(fd: descriptor, events: events, revents: 0)
        while true {
            let timeout = deadline.remainingMilliseconds
            if timeout == 0 { return false }
            let ready = poll(&entry, 1, timeout)
            if ready > 0 { return true }
            if ready == 0 { return deadline.hasPassed ? false : true }
            if errno != EINTR { return true }  // let libssh2 see the socket error itself
        }
    }

    /// OpenSSH's sshd leaves Nagle on for non-interactive sessions, so its small replies would
    /// wait for our delayed ACK (40 ms each). Linux clears QUICKACK after use, so it has to be
    /// set again before every wait. (A no-op on a socket-pair end.)
    func rearmQuickAck() {
        setOption(level: Int32(IPPROTO_TCP), name: TCP_QUICKACK, value: 1)
    }

    /// Ends the conversation at once, so that libssh2's cleanup cannot wait on the peer.
    func abort() {
        shutdown(descriptor, Int32(SHUT_RDWR))
    }

    private func setOption(level: Int32, name: Int32, value: Int32) {
        var value = value
        _ = setsockopt(descriptor, level, name, &value, socklen_t(MemoryLayout<Int32>.size))
    }

    private static func connect(
        to address: ResolvedAddress, host: String, port: Int, deadline: Deadline
    ) throws(SSHError) -> TCPConnection {
        let type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        let descriptor = socket(address.family, type, 0)
        guard descriptor >= 0 else {
            throw SSHError(.unreachable, phase: .connect, "\(host): cannot create a socket: \(systemMessage(errno))")
        }
        let connection = TCPConnection(adopting: descriptor)
        let result = address.connect(descriptor)
        if result != 0 {
            let code = errno
            guard code == EINPROGRESS else { throw connectFailure(code, host: host, port: port) }
            var entry = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
            while true {
                let timeout = deadline.remainingMilliseconds
                if timeout == 0 {
                    throw SSHError(.timeout, phase: .connect, "\(host):\(port): no TCP answer before the deadline")
                }
                let ready = poll(&entry, 1, timeout)
                if ready > 0 { break }
                if ready < 0 && errno != EINTR {
                    throw connectFailure(errno, host: host, port: port)
                }
            }
            var pending: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            _ = getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &pending, &length)
            if pending != 0 { throw connectFailure(pending, host: host, port: port) }
        }
        // libssh2 writes a packet in several small pieces; without NODELAY each handshake
        // step waits for Nagle (40-90 ms per host).
        connection.setOption(level: Int32(IPPROTO_TCP), name: TCP_NODELAY, value: 1)
        return connection
    }

    private static func connectFailure(_ code: Int32, host: String, port: Int) -> SSHError {
        let reason = systemMessage(code)
        if code == ECONNREFUSED {
            return SSHError(.connectionRefused, phase: .connect, "\(host):\(port): connection refused")
        }
        if code == ETIMEDOUT {
            return SSHError(.timeout, phase: .connect, "\(host):\(port): connect timed out")
        }
        return SSHError(.unreachable, phase: .connect, "\(host):\(port): \(reason)")
    }
}

/// The C library's text for an errno value.
func systemMessage(_ code: Int32) -> String {
    String(cString: strerror(code))
}
