import Dispatch
import Glibc
import Synchronization

/// One address `getaddrinfo` gave for a host, ready for `connect(2)`.
struct ResolvedAddress: Sendable {
    var family: Int32
    var storage: sockaddr_storage
    var length: socklen_t
}

/// Host name resolution bounded by the host's deadline.
///
/// `getaddrinfo` cannot be interrupted, so a name runs it on a thread of its own and the caller
/// stops waiting at the deadline: a slow or dead resolver costs that host its deadline and no
/// more (the abandoned thread ends whenever the resolver gives up). Literal addresses are
/// converted at once, with no thread and no resolver.
enum NameResolution {
    typealias LookUp = @Sendable (_ host: String, _ port: Int) throws(SSHError) -> [ResolvedAddress]

    /// The addresses of `host` (a literal address or a name), or a timeout error once `deadline`
    /// passes. `lookUp` resolves names; tests put a resolver that never answers in its place.
    static func addresses(
        host: String, port: Int, deadline: Deadline, lookUp: @escaping LookUp = systemLookUp
    ) throws(SSHError) -> [ResolvedAddress] {
        if let literal = try? getAddresses(host: host, port: port, flags: AI_NUMERICHOST) { return literal }
        let start = ContinuousClock.now
        let outcome = Mutex<Result<[ResolvedAddress], SSHError>?>(nil)
        let finished = DispatchSemaphore(value: 0)
        DedicatedThread.start(name: "resolve \(host)", stackSize: 256 << 10) {
            let result = Result { () throws(SSHError) in try lookUp(host, port) }
            outcome.withLock { $0 = result }
            finished.signal()
        }
        let waitFor = DispatchTimeInterval.milliseconds(Int(deadline.remainingMilliseconds))
        guard finished.wait(timeout: .now() + waitFor) == .success, let result = outcome.withLock({ $0 }) else {
            let waited = (secondsSince(start) * 10).rounded() / 10
            throw SSHError(.timeout, phase: .connect, "\(host): name resolution did not finish within \(waited) s")
        }
        return try result.get()
    }

    /// `getaddrinfo(3)` with the system's resolver; it may block for as long as the resolver does.
    static let systemLookUp: LookUp = { host, port throws(SSHError) in try getAddresses(host: host, port: port, flags: 0) }

    private static func getAddresses(host: String, port: Int, flags: Int32) throws(SSHError) -> [ResolvedAddress] {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_family = AF_UNSPEC
        hints.ai_flags = flags
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            let reason = String(cString: gai_strerror(status))
            throw SSHError(.unreachable, phase: .connect, "\(host): cannot resolve: \(reason)")
        }
        defer { freeaddrinfo(list) }
        var addresses: [ResolvedAddress] = []
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let entry = cursor {
            var storage = sockaddr_storage()
            let length = entry.pointee.ai_addrlen
            withUnsafeMutableBytes(of: &storage) { buffer in
                buffer.copyMemory(from: UnsafeRawBufferPointer(start: entry.pointee.ai_addr, count: Int(length)))
            }
            addresses.append(ResolvedAddress(family: entry.pointee.ai_family, storage: storage, length: length))
            cursor = entry.pointee.ai_next
        }
        return addresses
    }
}
