import Foundation

/// Asks one DNS server one question. ``DNSStubResolver`` is the real one; tests supply fakes.
public protocol DNSLookup: Sendable {
    func query(_ name: String, type: DNSQueryType, at server: DNSServerAddress) async throws(DNSLookupError) -> DNSResponse
}

/// A minimal stub resolver: one question to one server over UDP, with a timeout and one
/// retransmission, as RFC 1035 §7 describes for a stub. It asks with EDNS(0) for answers up to
/// 1232 bytes and repeats the question without EDNS when a server answers FORMERR.
///
/// Not done: retrying a truncated answer over TCP (`isTruncated` is reported instead), DNSSEC,
/// search domains. Each exchange runs on a thread of its own, so the blocking socket calls never
/// hold a thread of the Swift concurrency pool; cancelling the task ends it within 50 ms.
public struct DNSStubResolver: DNSLookup {
    /// The limit for one question, retransmission included.
    public var timeout: Duration

    public init(timeout: Duration = .seconds(2)) {
        self.timeout = timeout
    }

    public func query(_ name: String, type: DNSQueryType, at server: DNSServerAddress) async throws(DNSLookupError)
        -> DNSResponse
    {
        do {
            let response = try await exchange(DNSQuery(id: .random(in: .min ... .max), name: name, type: type), server)
            guard response.code == .formatError else { return response }
            return try await exchange(
                DNSQuery(id: .random(in: .min ... .max), name: name, type: type, usesEDNS: false), server)
        } catch {
            throw error.at(server)
        }
    }

    private func exchange(_ query: DNSQuery, _ server: DNSServerAddress) async throws(DNSLookupError) -> DNSResponse {
        let bytes = try query.encoded()
        let timeout = self.timeout
        let cancellation = CancellationFlag()
        let result: Result<[UInt8], DNSLookupError> = await withTaskCancellationHandler {
            await onDedicatedThread(name: "dns-\(server)") { () -> Result<[UInt8], DNSLookupError> in
                Result { () throws(DNSLookupError) in
                    try UDPExchange.perform(bytes, with: server, timeout: timeout, cancellation: cancellation) { datagram in
                        (try? DNSResponse.decode(datagram))?.answers(query) ?? false
                    }
                }
            }
        } onCancel: {
            cancellation.cancel()
        }
        return try DNSResponse.decode(try result.get())
    }
}

extension DNSLookup {
    /// The TXT values served at `name` (empty for NXDOMAIN or no TXT). A server failure
    /// (SERVFAIL, REFUSED, …) throws, since it proves nothing either way.
    public func txtValues(at name: String, server: DNSServerAddress) async throws(DNSLookupError) -> [String] {
        let response = try await query(name, type: .txt, at: server)
        try Self.requireUsable(response, server: server)
        return response.records(.txt, named: name).compactMap(\.txtValue)
    }

    /// The target of the CNAME at `name`, without the final dot, or nil when there is none.
    public func canonicalName(of name: String, server: DNSServerAddress) async throws(DNSLookupError) -> String? {
        let response = try await query(name, type: .cname, at: server)
        try Self.requireUsable(response, server: server)
        for record in response.records(.cname, named: name) {
            if case .cname(let target) = record.data { return target }
        }
        return nil
    }

    private static func requireUsable(_ response: DNSResponse, server: DNSServerAddress) throws(DNSLookupError) {
        guard response.code == .noError || response.code == .nameError else {
            throw DNSLookupError(.serverFailure, "\(server): answered \(response.code)")
        }
    }
}
