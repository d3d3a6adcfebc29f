import Dispatch
import Foundation
import Glibc
import InfraKit
import Synchronization

/// A scripted HTTP/1.1 server on 127.0.0.1, for tests of HTTP clients.
///
/// It listens on a free port, runs on its own threads (one accepting, one per connection — never the
/// Swift concurrency pool), answers each request with the next ``ScriptedResponse`` queued with
/// ``enqueue(_:)`` or else with the `responder`, and records every request with the connection that
/// carried it. ``stop()`` (or deinit) interrupts every delay, closes every socket and joins the threads.
public final class LoopbackHTTPServer: Sendable {
    public enum Failure: Error {
        case socket(String)
    }

    public let port: UInt16
    private let core: LoopbackServerCore

    /// Starts listening; `responder` answers whatever the queue does not.
    public init(responder: @escaping @Sendable (RecordedRequest) -> ScriptedResponse = { _ in .ok }) throws {
        let (listener, port) = try Self.listen()
        self.port = port
        core = try LoopbackServerCore(listener: listener, responder: responder)
        core.start()
    }

    /// Starts listening on the port `reserved` has been refusing connections on until now.
    public init(
        takingOver reserved: RefusingLoopbackPort,
        responder: @escaping @Sendable (RecordedRequest) -> ScriptedResponse = { _ in .ok }
    ) throws {
        port = reserved.port
        core = try LoopbackServerCore(listener: try reserved.listeningDuplicate(), responder: responder)
        core.start()
    }

    deinit {
        core.stop()
    }

    /// `http://127.0.0.1:<port>`
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Queues responses for the next requests, in order.
    public func enqueue(_ responses: ScriptedResponse...) {
        core.state.withLock { $0.queue.append(contentsOf: responses) }
    }

    /// Every request received so far, in arrival order.
    public var requests: [RecordedRequest] { core.state.withLock { $0.requests } }

    /// Connections accepted so far.
    public var connectionCount: Int { core.state.withLock { $0.connections } }

    /// Interrupts every delay, closes every socket and waits for the server's threads to end.
    public func stop() {
        core.stop()
    }

    private static func listen() throws -> (Int32, UInt16) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure.socket("socket failed") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, Glibc.listen(fd, 128) == 0 else {
            close(fd)
            throw Failure.socket("cannot listen on 127.0.0.1")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return (fd, UInt16(bigEndian: address.sin_port))
    }
}

/// What the server's threads share; the public wrapper's deinit stops it.
private final class LoopbackServerCore: Sendable {
    struct State {
        var queue: [ScriptedResponse] = []
        var requests: [RecordedRequest] = []
        var connections = 0
        var isStopped = false
    }

    let state = Mutex(State())
    private let listener: Int32
    private let stopPipe: (read: Int32, write: Int32)
    private let responder: @Sendable (RecordedRequest) -> ScriptedResponse
    private let threads = DispatchGroup()

    init(listener: Int32, responder: @escaping @Sendable (RecordedRequest) -> ScriptedResponse) throws {
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else {
            close(listener)
            throw LoopbackHTTPServer.Failure.socket("pipe failed")
        }
        self.listener = listener
        self.responder = responder
        stopPipe = (pipeEnds[0], pipeEnds[1])
    }

    deinit {
        close(stopPipe.read)
        close(stopPipe.write)
    }

    func start() {
        threads.enter()
        DedicatedThread.start(name: "loopback-http") { [self] in
            acceptLoop()
            threads.leave()
        }
    }

    func stop() {
        let wasStopped = state.withLock { state in
            defer { state.isStopped = true }
            return state.isStopped
        }
        guard !wasStopped else { return }
        var byte: UInt8 = 1
        _ = write(stopPipe.write, &byte, 1)
        _ = threads.wait(timeout: .now() + 5)
    }

    private func acceptLoop() {
        defer { close(listener) }
        while LoopbackConnection.waitReadable(listener, stopFD: stopPipe.read, timeout: nil) == .readable {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { continue }
            var noDelay: Int32 = 1
            setsockopt(connection, Int32(IPPROTO_TCP), TCP_NODELAY, &noDelay, socklen_t(MemoryLayout<Int32>.size))
            let id = state.withLock { state in
                state.connections += 1
                return state.connections
            }
            threads.enter()
            DedicatedThread.start(name: "loopback-http") { [self] in
                serve(LoopbackConnection(fd: connection, id: id, stopFD: stopPipe.read))
                threads.leave()
            }
        }
    }

    private func serve(_ connection: LoopbackConnection) {
        while let request = connection.readRequest() {
            state.withLock { $0.requests.append(request) }
            let scripted = state.withLock { $0.queue.isEmpty ? nil : $0.queue.removeFirst() }
            let response = scripted ?? responder(request)
            guard connection.send(response), response.keepAlive, response.declaredLength == nil else { break }
        }
        connection.close()
    }
}
