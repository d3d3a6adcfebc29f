import Foundation
import Glibc
import InfraKit
import Synchronization

/// A scripted DNS server on a free UDP port of 127.0.0.1, for tests of DNS clients.
///
/// One thread of its own (never the Swift concurrency pool) reads each datagram and sends back
/// whatever `responder` returns for it: any bytes, several datagrams, or none (nil: stay silent).
/// Every query is recorded. ``stop()`` (or deinit) closes the socket and joins the thread.
public final class LoopbackDNSServer: Sendable {
    public enum Failure: Error { case socket(String) }

    public let port: UInt16
    private let descriptor: Int32
    private let shared = Shared()
    private let finished = DispatchSemaphore(value: 0)

    private final class Shared: Sendable {
        let state = Mutex<(queries: [[UInt8]], stopped: Bool)>(([], false))
    }

    /// `responder` gets each query's bytes and returns the datagrams to answer with.
    public init(responder: @escaping @Sendable ([UInt8]) -> [[UInt8]]) throws {
        let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw Failure.socket("socket failed") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard bound == 0, named == 0 else {
            close(fd)
            throw Failure.socket("bind failed")
        }
        descriptor = fd
        port = UInt16(bigEndian: address.sin_port)
        DedicatedThread.start(name: "loopback-dns") { [shared, finished] in
            Self.serve(fd, shared: shared, responder: responder)
            finished.signal()
        }
    }

    deinit { stop() }

    /// `127.0.0.1:<port>`.
    public var address: String { "127.0.0.1:\(port)" }

    /// Every query received, in order.
    public var queries: [[UInt8]] { shared.state.withLock { $0.queries } }

    public func stop() {
        let first = shared.state.withLock { state -> Bool in
            defer { state.stopped = true }
            return !state.stopped
        }
        guard first else { return }
        shutdown(descriptor, Int32(SHUT_RDWR))
        finished.wait()
        close(descriptor)
    }

    private static func serve(
        _ fd: Int32, shared: Shared, responder: @Sendable ([UInt8]) -> [[UInt8]]
    ) {
        var buffer = [UInt8](repeating: 0, count: 65_535)
        while true {
            var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            _ = poll(&entry, 1, 50)
            if shared.state.withLock({ $0.stopped }) { return }
            guard entry.revents & Int16(POLLIN) != 0 else { continue }
            var peer = sockaddr_storage()
            var peerLength = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let count = buffer.withUnsafeMutableBytes { bytes in
                withUnsafeMutablePointer(to: &peer) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                        recvfrom(fd, bytes.baseAddress, bytes.count, 0, $0, &peerLength)
                    }
                }
            }
            guard count > 0 else { continue }
            let query = Array(buffer.prefix(count))
            shared.state.withLock { $0.queries.append(query) }
            for answer in responder(query) {
                _ = answer.withUnsafeBytes { bytes in
                    withUnsafePointer(to: &peer) {
                        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                            sendto(fd, bytes.baseAddress, bytes.count, 0, $0, peerLength)
                        }
                    }
                }
            }
        }
    }
}

/// Builds DNS answers for ``LoopbackDNSServer`` scripts, independently of the code under test.
public enum DNSAnswerBuilder {
    public struct Record: Sendable {
        public var name: String
        public var type: UInt16
        public var data: [UInt8]
        public init(name: String, type: UInt16, data: [UInt8]) {
            self.name = name
            self.type = type
            self.data = data
        }

        public static func txt(_ name: String, _ strings: String...) -> Record {
            Record(name: name, type: 16, data: strings.flatMap { [UInt8($0.utf8.count)] + Array($0.utf8) })
        }

        public static func cname(_ name: String, _ target: String) -> Record {
            Record(name: name, type: 5, data: DNSAnswerBuilder.encodeName(target))
        }

        public static func a(_ name: String, _ address: [UInt8]) -> Record {
            Record(name: name, type: 1, data: address)
        }

        public static func ns(_ name: String, _ target: String) -> Record {
            Record(name: name, type: 2, data: DNSAnswerBuilder.encodeName(target))
        }
    }

    /// The query's id (first two bytes).
    public static func id(of query: [UInt8]) -> UInt16 { UInt16(query[0]) << 8 | UInt16(query[1]) }

    /// The question section of `query` (name, type, class) as raw bytes, and its type.
    public static func question(of query: [UInt8]) -> (bytes: [UInt8], name: String, type: UInt16) {
        var offset = 12
        var labels: [String] = []
        while query[offset] != 0 {
            let length = Int(query[offset])
            labels.append(String(decoding: query[(offset + 1)...(offset + length)], as: UTF8.self))
            offset += length + 1
        }
        let end = offset + 5
        let type = UInt16(query[offset + 1]) << 8 | UInt16(query[offset + 2])
        return (Array(query[12..<end]), labels.joined(separator: "."), type)
    }

    /// Whether the query carries an EDNS OPT record (an additional record count of 1).
    public static func hasEDNS(_ query: [UInt8]) -> Bool { query[11] == 1 }

    /// A response to `query`: its id and question, `rcode`, the answer records (uncompressed),
    /// `truncated` setting TC, `id` overriding the id.
    public static func response(
        to query: [UInt8], rcode: UInt8 = 0, answers: [Record] = [], additional: [Record] = [],
        truncated: Bool = false, id: UInt16? = nil
    ) -> [UInt8] {
        let question = question(of: query)
        let answerID = id ?? self.id(of: query)
        var flags: UInt16 = 0x8180 | UInt16(rcode)
        if truncated { flags |= 0x0200 }
        var bytes: [UInt8] = [UInt8(answerID >> 8), UInt8(answerID & 0xFF), UInt8(flags >> 8), UInt8(flags & 0xFF)]
        for count in [1, answers.count, 0, additional.count] { bytes += [UInt8(count >> 8), UInt8(count & 0xFF)] }
        bytes += question.bytes
        for record in answers + additional {
            bytes += encodeName(record.name)
            bytes += [UInt8(record.type >> 8), UInt8(record.type & 0xFF), 0, 1, 0, 0, 0, 60]
            bytes += [UInt8(record.data.count >> 8), UInt8(record.data.count & 0xFF)]
            bytes += record.data
        }
        return bytes
    }

    public static func encodeName(_ name: String) -> [UInt8] {
        name.split(separator: ".").flatMap { [UInt8($0.utf8.count)] + Array($0.utf8) } + [0]
    }
}
