import Glibc
import InfraKit

/// A 127.0.0.1 port that is bound but not listening: connecting to it is refused, and no other
/// process can take it while this value lives.
public final class RefusingLoopbackPort: Sendable {
    public let port: UInt16
    private let fd: Int32

    public init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard fd >= 0, bound == 0 else { throw LoopbackHTTPServer.Failure.socket("cannot bind 127.0.0.1") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        self.fd = fd
        port = UInt16(bigEndian: address.sin_port)
    }

    deinit { close(fd) }

    /// A second descriptor for the bound socket, now listening.
    func listeningDuplicate(backlog: Int32 = 128) throws -> Int32 {
        let listener = dup(fd)
        guard listener >= 0, Glibc.listen(listener, backlog) == 0 else {
            throw LoopbackHTTPServer.Failure.socket("cannot listen on port \(port)")
        }
        return listener
    }

    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// A port the kernel just handed out for 127.0.0.1, released again for a server process to take.
    public static func released() throws -> UInt16 {
        try RefusingLoopbackPort().port
    }
}

/// Waiting for a server process to listen on 127.0.0.1.
public enum LoopbackListener {
    /// True once a TCP connect to `port` succeeds (polled every 50 ms for 5 s); false when the
    /// server exits or time runs out.
    public static func waitUntilListening(port: UInt16, server: RunningProcess) -> Bool {
        for _ in 0..<100 {
            guard server.isRunning else { return false }
            if acceptsConnections(port: port) { return true }
            usleep(50_000)
        }
        return false
    }

    private static func acceptsConnections(port: UInt16) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = port.bigEndian
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }
}

/// A 127.0.0.1 port whose listener never accepts and whose accept queue is already full, so the
/// kernel drops new SYNs: connecting to it hangs until the client's connect timeout, and no byte of a
/// request can ever be written.
public final class UnresponsiveLoopbackPort: Sendable {
    public let port: UInt16
    private let descriptors: [Int32]

    public init() throws {
        let reserved = try RefusingLoopbackPort()
        let listener = try reserved.listeningDuplicate(backlog: 0)
        var descriptors = [listener]
        // One completed connection fills a queue of backlog 0; the second makes sure.
        for _ in 0..<2 {
            let filler = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            _ = fcntl(filler, F_SETFL, O_NONBLOCK)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = reserved.port.bigEndian
            _ = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(filler, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            descriptors.append(filler)
        }
        usleep(50_000)  // let the handshake of the first filler complete
        port = reserved.port
        self.descriptors = descriptors
    }

    deinit {
        for descriptor in descriptors { close(descriptor) }
    }

    public var baseURL: String { "http://127.0.0.1:\(port)" }
}
