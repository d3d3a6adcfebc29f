import Glibc

/// Host name resolution bounded by the host's deadline (see ``AddressLookup``), with SSH's errors.
enum NameResolution {
    typealias LookUp = @Sendable (_ host: String, _ port: Int) throws(SSHError) -> [ResolvedAddress]

    /// The addresses of `host` (a literal address or a name), or a timeout error once `deadline`
    /// passes. `lookUp` resolves names; tests put a resolver that never answers in its place.
    static func addresses(
        host: String, port: Int, deadline: Deadline, lookUp: @escaping LookUp = systemLookUp
    ) throws(SSHError) -> [ResolvedAddress] {
        let start = ContinuousClock.now
        return try AddressLookup.addresses(
            host: host, port: port, socketType: SOCK_STREAM, deadline: deadline.instant, lookUp: lookUp
        ) {
            let waited = (secondsSince(start) * 10).rounded() / 10
            return SSHError(.timeout, phase: .connect, "\(host): name resolution did not finish within \(waited) s")
        }
    }

    /// `getaddrinfo(3)` with the system's resolver; it may block for as long as the resolver does.
    static let systemLookUp: LookUp = { host, port throws(SSHError) in
        do throws(AddressLookupFailure) {
            return try AddressLookup.getAddresses(host: host, port: port, socketType: SOCK_STREAM, flags: 0)
        } catch {
            throw SSHError(.unreachable, phase: .connect, "\(host): cannot resolve: \(error.reason)")
        }
    }
}
