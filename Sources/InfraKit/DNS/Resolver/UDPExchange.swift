import Glibc
import Synchronization

/// Set from any thread to make a running exchange give up at its next wake-up (within 50 ms).
final class CancellationFlag: Sendable {
    private let flag = Atomic<Bool>(false)
    func cancel() { flag.store(true, ordering: .relaxed) }
    var isCancelled: Bool { flag.load(ordering: .relaxed) }
}

/// A connected, non-blocking UDP socket, owned by the one thread that uses it and closed in
/// `deinit`. Connecting makes the kernel drop datagrams from any other source and report an
/// ICMP "port unreachable" as ECONNREFUSED, so a closed port fails at once instead of timing out.
final class UDPSocket {
    let descriptor: Int32

    private init(descriptor: Int32) { self.descriptor = descriptor }
    deinit { close(descriptor) }

    typealias LookUp = @Sendable (_ host: String, _ port: Int) throws(DNSLookupError) -> [ResolvedAddress]

    /// Blocking: resolves `server.host` (a name goes through the system's resolver, which may take
    /// until `deadline` and no longer) and connects.
    static func connect(
        to server: DNSServerAddress, deadline: ContinuousClock.Instant, lookUp: @escaping LookUp = systemLookUp
    ) throws(DNSLookupError) -> UDPSocket {
        let start = ContinuousClock.now
        let addresses = try AddressLookup.addresses(
            host: server.host, port: Int(server.port), socketType: SOCK_DGRAM, deadline: deadline, lookUp: lookUp
        ) {
            DNSLookupError(.timeout, "cannot resolve \(server.host) within \(APIError.format(start.duration(to: .now)))")
        }
        var failure = DNSLookupError(.network, "no address to send to")
        for address in addresses {
            let type = Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
            let descriptor = socket(address.family, type, 0)
            guard descriptor >= 0 else {
                failure = DNSLookupError(.network, "cannot create a socket: \(systemMessage(errno))")
                continue
            }
            let socket = UDPSocket(descriptor: descriptor)
            if address.connect(descriptor) == 0 { return socket }
            failure = DNSLookupError(.network, systemMessage(errno))
        }
        throw failure
    }

    /// `getaddrinfo(3)` with the system's resolver; it may block for as long as the resolver does.
    static let systemLookUp: LookUp = { host, port throws(DNSLookupError) in
        do throws(AddressLookupFailure) {
            return try AddressLookup.getAddresses(host: host, port: port, socketType: SOCK_DGRAM, flags: 0)
        } catch {
            throw DNSLookupError(.network, "cannot resolve \(host): \(error.reason)")
        }
    }

    func send(_ bytes: [UInt8]) throws(DNSLookupError) {
        let sent = bytes.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        if sent < 0 { throw Self.failure(errno) }
    }

    /// One datagram if one is waiting, nil if none is.
    func receive() throws(DNSLookupError) -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: 65_535)
        let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        if count < 0 {
            let code = errno
            if code == EAGAIN || code == EWOULDBLOCK || code == EINTR { return nil }
            throw Self.failure(code)
        }
        return Array(buffer.prefix(count))
    }

    /// Waits up to `milliseconds` for a datagram; true when one may be there.
    func waitReadable(milliseconds: Int32) -> Bool {
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, milliseconds) > 0
    }

    private static func failure(_ code: Int32) -> DNSLookupError {
        code == ECONNREFUSED
            ? DNSLookupError(.refused, "port closed (connection refused)")
            : DNSLookupError(.network, systemMessage(code))
    }
}

/// One question and its answer over UDP. Blocking: run it on a thread of its own.
enum UDPExchange {
    /// Sends `query`, sends it once more when half the time has passed without an answer (UDP
    /// may drop either datagram), and returns the first datagram `accept` takes. Datagrams it
    /// does not take (a late answer to an earlier question) are skipped.
    static func perform(
        _ query: [UInt8], with server: DNSServerAddress, timeout: Duration, cancellation: CancellationFlag,
        accept: ([UInt8]) -> Bool
    ) throws(DNSLookupError) -> [UInt8] {
        let started = ContinuousClock.now
        let deadline = started + timeout
        let resendAt = started + timeout / 2
        let socket = try UDPSocket.connect(to: server, deadline: deadline)
        try socket.send(query)
        var resent = false
        while true {
            if cancellation.isCancelled { throw DNSLookupError(.cancelled, "cancelled") }
            let now = ContinuousClock.now
            if now >= deadline {
                throw DNSLookupError(.timeout, "no answer within \(APIError.format(timeout))")
            }
            if !resent && now >= resendAt {
                resent = true
                try socket.send(query)
            }
            let wake = min(deadline, resent ? deadline : resendAt)
            let slice = min(now.duration(to: wake), .milliseconds(50))
            if socket.waitReadable(milliseconds: max(1, Int32(slice.milliseconds))) {
                while let datagram = try socket.receive() {
                    if accept(datagram) { return datagram }
                }
            }
        }
    }
}
