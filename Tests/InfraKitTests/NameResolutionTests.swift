import Dispatch
import Glibc
@testable import InfraKit
import Testing

/// A host's deadline covers the name lookup: a resolver that never answers costs the deadline
/// and no more, and literal addresses never reach the resolver.
struct NameResolutionTests {
    /// A resolver that never answers (it waits on a semaphore nobody signals, long past the test).
    static let deadResolver: NameResolution.LookUp = { _, _ throws(SSHError) in
        _ = DispatchSemaphore(value: 0).wait(timeout: .now() + 60)
        throw SSHError(.unreachable, phase: .connect, "the dead resolver answered")
    }

    @Test func aResolverThatNeverAnswersTimesOutAtTheDeadline() {
        let start = ContinuousClock.now
        let deadline = Deadline(after: .milliseconds(500))
        #expect {
            _ = try NameResolution.addresses(host: "db1.example.test", port: 22, deadline: deadline, lookUp: Self.deadResolver)
        } throws: { error in
            guard let error = error as? SSHError else { return false }
            return error.kind == .timeout && error.message.contains("db1.example.test: name resolution did not finish within ")
        }
        let seconds = secondsSince(start)
        #expect(seconds >= 0.45 && seconds < 10, "took \(seconds) s: the dead resolver answers after 60 s")
    }

    @Test(arguments: ["127.0.0.1", "::1", "192.0.2.7"])
    func aLiteralAddressSkipsTheResolver(address: String) throws {
        let addresses = try NameResolution.addresses(
            host: address, port: 2222, deadline: Deadline(after: .milliseconds(100)), lookUp: Self.deadResolver)
        #expect(addresses.count == 1)
        #expect(addresses.first?.family == (address.contains(":") ? AF_INET6 : AF_INET))
    }

    @Test func aResolverThatAnswersInTimeIsUsed() throws {
        let answering: NameResolution.LookUp = { _, port throws(SSHError) in
            try NameResolution.addresses(host: "127.0.0.1", port: port, deadline: Deadline(after: .seconds(1)))
        }
        let addresses = try NameResolution.addresses(
            host: "db1.example.test", port: 22, deadline: Deadline(after: .seconds(5)), lookUp: answering)
        #expect(addresses.count == 1)
    }

    @Test func aNameTheResolverRefusesIsUnreachable() {
        let refusing: NameResolution.LookUp = { host, _ throws(SSHError) in
            throw SSHError(.unreachable, phase: .connect, "\(host): cannot resolve: Name or service not known")
        }
        #expect {
            _ = try NameResolution.addresses(host: "nowhere.test", port: 22, deadline: Deadline(after: .seconds(5)), lookUp: refusing)
        } throws: { error in
            (error as? SSHError)?.kind == .unreachable
        }
    }
}
