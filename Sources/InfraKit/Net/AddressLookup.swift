import Dispatch
import Glibc
import Synchronization

/// One address `getaddrinfo` gave for a host, ready for `socket(2)` and `connect(2)`.
struct ResolvedAddress: Sendable {
    var family: Int32
    var storage: sockaddr_storage
    var length: socklen_t

    /// `connect(2)` of `descriptor` to this address: 0, or -1 with `errno` set.
    func connect(_ descriptor: Int32) -> Int32 {
        var storage = storage
        return withUnsafePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(descriptor, $0, length) }
        }
    }
}

/// `getaddrinfo` found no address; `reason` is `gai_strerror`'s text.
struct AddressLookupFailure: Error, Sendable {
    let reason: String
}

/// Host name resolution bounded by a deadline, for the SSH probes (TCP) and the DNS stub
/// resolver (UDP) alike.
///
/// `getaddrinfo` cannot be interrupted, so a name runs it on a thread of its own and the caller
/// stops waiting at the deadline: a slow or dead resolver costs the caller its deadline and no
/// more (the abandoned thread ends whenever the resolver gives up). Literal addresses are
/// converted at once, with no thread and no resolver.
enum AddressLookup {
    /// The addresses of `host` (a literal address or a name) for sockets of `socketType`, or
    /// `timedOut()` once `deadline` passes. `lookUp` resolves names; tests put a resolver that
    /// never answers in its place.
    static func addresses<Failure: Error>(
        host: String, port: Int, socketType: __socket_type, deadline: ContinuousClock.Instant,
        lookUp: @escaping @Sendable (_ host: String, _ port: Int) throws(Failure) -> [ResolvedAddress],
        timedOut: () -> Failure
    ) throws(Failure) -> [ResolvedAddress] {
        if let literal = try? getAddresses(host: host, port: port, socketType: socketType, flags: AI_NUMERICHOST) {
            return literal
        }
        let outcome = Mutex<Result<[ResolvedAddress], Failure>?>(nil)
        let finished = DispatchSemaphore(value: 0)
        DedicatedThread.start(name: "resolve \(host)", stackSize: 256 << 10) {
            let result = Result { () throws(Failure) in try lookUp(host, port) }
            outcome.withLock { $0 = result }
            finished.signal()
        }
        guard finished.wait(timeout: .now() + waitingTime(until: deadline)) == .success,
            let result = outcome.withLock({ $0 })
        else { throw timedOut() }
        return try result.get()
    }

    /// `getaddrinfo(3)`; without `AI_NUMERICHOST` in `flags` it may block for as long as the
    /// system's resolver does.
    static func getAddresses(
        host: String, port: Int, socketType: __socket_type, flags: Int32
    ) throws(AddressLookupFailure) -> [ResolvedAddress] {
        var hints = addrinfo()
        hints.ai_socktype = Int32(socketType.rawValue)
        hints.ai_family = AF_UNSPEC
        hints.ai_flags = flags | AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            throw AddressLookupFailure(reason: String(cString: gai_strerror(status)))
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

    /// Time left until `deadline`, none once it has passed.
    private static func waitingTime(until deadline: ContinuousClock.Instant) -> DispatchTimeInterval {
        let left = ContinuousClock.now.duration(to: deadline)
        guard left > .zero else { return .nanoseconds(0) }
        let (seconds, attoseconds) = left.components
        // A year is longer than anyone waits for a resolver, and keeps the product in range.
        return .nanoseconds(Int(min(seconds, 31_536_000) * 1_000_000_000 + attoseconds / 1_000_000_000))
    }
}
