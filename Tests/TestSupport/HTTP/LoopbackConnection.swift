import Foundation
import Glibc

/// One accepted connection of ``LoopbackHTTPServer``: reads HTTP/1.1 requests and writes scripted
/// responses, giving up as soon as the server's stop pipe becomes readable.
final class LoopbackConnection {
    enum Readiness {
        case readable
        case stopped
        case timedOut
    }

    let id: Int
    private let fd: Int32
    private let stopFD: Int32
    private var buffer: [UInt8] = []
    private var isClosed = false

    init(fd: Int32, id: Int, stopFD: Int32) {
        self.fd = fd
        self.id = id
        self.stopFD = stopFD
    }

    deinit { close() }

    func close() {
        guard !isClosed else { return }
        isClosed = true
        _ = Glibc.close(fd)
    }

    /// The next request, or nil when the peer closed, the data was not HTTP, or the server stops.
    func readRequest() -> RecordedRequest? {
        var headerEnd: Int?
        while true {
            headerEnd = Self.find([13, 10, 13, 10], in: buffer)
            if headerEnd != nil { break }
            guard receive() else { return nil }
        }
        guard let headerEnd else { return nil }
        let head = String(decoding: buffer[..<headerEnd], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ")
        guard requestLine.count >= 2 else { return nil }
        let headers = lines.compactMap { line -> (String, String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        let length = headers.first { $0.0.lowercased() == "content-length" }.flatMap { Int($0.1) } ?? 0
        let bodyStart = headerEnd + 4
        while buffer.count < bodyStart + length {
            guard receive() else { return nil }
        }
        let body = Data(buffer[bodyStart..<bodyStart + length])
        buffer.removeFirst(bodyStart + length)
        return RecordedRequest(
            method: String(requestLine[0]), target: String(requestLine[1]), headers: headers, body: body,
            connectionID: id, receivedAt: .now)
    }

    /// Writes `response` as scripted; false when the connection must not be used again.
    func send(_ response: ScriptedResponse) -> Bool {
        if response.resetWithoutResponse {
            reset()
            return false
        }
        if response.delayBeforeHeaders > .zero && !pause(response.delayBeforeHeaders) { return false }
        var head = "HTTP/1.1 \(response.status) \(Self.reason(response.status))\r\n"
        for (name, value) in response.headers { head += "\(name): \(value)\r\n" }
        head += "Content-Length: \(response.declaredLength ?? response.body.count)\r\n"
        if !response.keepAlive { head += "Connection: close\r\n" }
        head += "\r\n"
        let body = [UInt8](response.body)
        let half = body.count / 2
        guard write(Array(head.utf8)) else { return false }
        if response.resetMidBody || response.delayMidBody > .zero {
            guard write(Array(body[..<half])) else { return false }
            if response.resetMidBody {
                reset()
                return false
            }
            if !pause(response.delayMidBody) { return false }
            return write(Array(body[half...]))
        }
        return write(body)
    }

    /// Sleeps for `duration` unless the server stops first (false).
    private func pause(_ duration: Duration) -> Bool {
        Self.waitReadable(-1, stopFD: stopFD, timeout: duration) == .timedOut
    }

    private func receive() -> Bool {
        guard Self.waitReadable(fd, stopFD: stopFD, timeout: nil) == .readable else { return false }
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        let count = recv(fd, &chunk, chunk.count, 0)
        guard count > 0 else { return false }
        buffer.append(contentsOf: chunk[..<count])
        return true
    }

    private func write(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard written > 0 else { return false }
            offset += written
        }
        return true
    }

    /// Closes with SO_LINGER 0, which makes the kernel send RST instead of FIN.
    private func reset() {
        var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
        close()
    }

    /// Polls `fd` (ignored when negative) and the stop pipe together.
    static func waitReadable(_ fd: Int32, stopFD: Int32, timeout: Duration?) -> Readiness {
        var descriptors = [
            pollfd(fd: stopFD, events: Int16(POLLIN), revents: 0), pollfd(fd: fd, events: Int16(POLLIN), revents: 0),
        ]
        let deadline = timeout.map { ContinuousClock.now + $0 }
        while true {
            var milliseconds: Int32 = -1
            if let deadline {
                let left = deadline - .now
                milliseconds = max(0, Int32(clamping: left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000 + 1))
            }
            let ready = poll(&descriptors, nfds_t(fd >= 0 ? 2 : 1), milliseconds)
            if ready < 0 || descriptors[0].revents != 0 { return .stopped }
            if ready > 0 && descriptors[1].revents != 0 { return .readable }
            if let deadline, deadline <= .now { return .timedOut }
        }
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start..<start + needle.count].elementsEqual(needle) {
            return start
        }
        return nil
    }

    private static func reason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 204: "No Content"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        default: "Status"
        }
    }
}
