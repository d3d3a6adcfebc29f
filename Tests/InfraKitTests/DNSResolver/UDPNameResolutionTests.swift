import Dispatch
import Glibc
import Testing

@testable import InfraKit

/// A DNS server given by name (`ACME_CLOUDNS_DNS_SERVERS=ns1.example.com`) is resolved within the
/// query's own deadline: a resolver that never answers costs that deadline and no more.
@Suite("DNS stub resolver: resolving a server's name")
struct UDPNameResolutionTests {
    /// A resolver that never answers (it waits on a semaphore nobody signals, long past the test).
    static let deadResolver: UDPSocket.LookUp = { _, _ throws(DNSLookupError) in
        _ = DispatchSemaphore(value: 0).wait(timeout: .now() + 60)
        throw DNSLookupError(.network, "the dead resolver answered")
    }

    @Test func aResolverThatNeverAnswersTimesOutAtTheDeadline() {
        let start = ContinuousClock.now
        #expect {
            _ = try UDPSocket.connect(
                to: DNSServerAddress(host: "ns1.example.test"), deadline: start + .milliseconds(500), lookUp: Self.deadResolver)
        } throws: { error in
            guard let error = error as? DNSLookupError else { return false }
            return error.kind == .timeout && error.message.contains("cannot resolve ns1.example.test within")
        }
        let seconds = secondsSince(start)
        #expect(seconds >= 0.45 && seconds < 1.5, "took \(seconds) s")
    }

    @Test func aLiteralAddressSkipsTheResolver() throws {
        let socket = try UDPSocket.connect(
            to: DNSServerAddress(host: "127.0.0.1", port: 5353), deadline: .now + .milliseconds(100), lookUp: Self.deadResolver)
        #expect(socket.descriptor >= 0)
    }

    @Test func aNameTheResolverRefusesIsANetworkError() {
        let refusing: UDPSocket.LookUp = { host, _ throws(DNSLookupError) in
            throw DNSLookupError(.network, "cannot resolve \(host): Name or service not known")
        }
        #expect {
            _ = try UDPSocket.connect(to: DNSServerAddress(host: "nowhere.test"), deadline: .now + .seconds(5), lookUp: refusing)
        } throws: { error in
            (error as? DNSLookupError)?.kind == .network
        }
    }
}
