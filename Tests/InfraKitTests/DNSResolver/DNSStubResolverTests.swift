import InfraKit
import Testing
import TestSupport

/// The resolver against a scripted DNS server on loopback.
@Suite("DNS stub resolver")
struct DNSStubResolverTests {
    let resolver = DNSStubResolver(timeout: .milliseconds(600))

    @Test func txtValuesAndCNAME() async throws {
        let server = try LoopbackDNSServer { query in
            let question = DNSAnswerBuilder.question(of: query)
            switch (question.name, question.type) {
            case ("_acme-challenge.example.test", 16):
                return [DNSAnswerBuilder.response(to: query, answers: [.txt(question.name, "v1"), .txt(question.name, "v2")])]
            case ("_acme-challenge.delegated.test", 5):
                return [DNSAnswerBuilder.response(to: query, answers: [.cname(question.name, "delegated.acme.example.net")])]
            default:
                return [DNSAnswerBuilder.response(to: query, rcode: 3)]
            }
        }
        let address = try DNSServerAddress(parsing: server.address)
        #expect(try await resolver.txtValues(at: "_acme-challenge.example.test", server: address) == ["v1", "v2"])
        #expect(try await resolver.txtValues(at: "_acme-challenge.nothing.test", server: address) == [])
        #expect(try await resolver.canonicalName(of: "_acme-challenge.delegated.test", server: address) == "delegated.acme.example.net")
        #expect(try await resolver.canonicalName(of: "_acme-challenge.example.test", server: address) == nil)
        #expect(server.queries.allSatisfy(DNSAnswerBuilder.hasEDNS))
    }

    @Test func strayDatagramsAreSkipped() async throws {
        let server = try LoopbackDNSServer { query in
            let question = DNSAnswerBuilder.question(of: query)
            let id = DNSAnswerBuilder.id(of: query)
            return [
                DNSAnswerBuilder.response(to: query, answers: [.txt(question.name, "spoofed")], id: id &+ 1),
                [1, 2, 3],
                DNSAnswerBuilder.response(to: query, answers: [.txt(question.name, "genuine")]),
            ]
        }
        let values = try await resolver.txtValues(at: "x.example.test", server: try DNSServerAddress(parsing: server.address))
        #expect(values == ["genuine"])
    }

    @Test func silentServerTimesOutAfterOneRetransmission() async throws {
        let server = try LoopbackDNSServer { _ in [] }
        let started = ContinuousClock.now
        let error = await #expect(throws: DNSLookupError.self) {
            try await resolver.txtValues(at: "x.example.test", server: try DNSServerAddress(parsing: server.address))
        }
        let elapsed = started.duration(to: .now)
        #expect(error?.kind == .timeout)
        #expect(error?.message.hasPrefix(server.address + ": no answer within 600 ms") == true)
        // The message and the two queries show the resolver's own deadline. No upper bound: in a
        // parallel run on two shared cores, the awaiting task was seen to wait 28 s for a thread
        // of the concurrency pool after the resolver's thread had given up on time.
        #expect(elapsed >= .milliseconds(550))
        #expect(server.queries.count == 2)
    }

    @Test func closedPortFailsAtOnce() async throws {
        let port: UInt16
        do {
            let server = try LoopbackDNSServer { _ in [] }
            port = server.port
            server.stop()
        }
        // A refusal, not a timeout: the ICMP "port unreachable" ends the wait long before 60 s.
        let patient = DNSStubResolver(timeout: .seconds(60))
        let started = ContinuousClock.now
        let error = await #expect(throws: DNSLookupError.self) {
            try await patient.txtValues(at: "x.example.test", server: DNSServerAddress(host: "127.0.0.1", port: port))
        }
        #expect(error?.kind == .refused)
        #expect(error?.message == "127.0.0.1:\(port): port closed (connection refused)")
        // The kind above tells a refusal from a timeout; this only says it came well before 60 s,
        // with slack for a busy machine.
        #expect(started.duration(to: .now) < .seconds(45))
    }

    @Test func formatErrorToEDNSIsAskedAgainWithoutIt() async throws {
        let server = try LoopbackDNSServer { query in
            guard !DNSAnswerBuilder.hasEDNS(query) else { return [DNSAnswerBuilder.response(to: query, rcode: 1)] }
            return [DNSAnswerBuilder.response(to: query, answers: [.txt(DNSAnswerBuilder.question(of: query).name, "old")])]
        }
        let values = try await resolver.txtValues(at: "old.example.test", server: try DNSServerAddress(parsing: server.address))
        #expect(values == ["old"])
        #expect(server.queries.map(DNSAnswerBuilder.hasEDNS) == [true, false])
    }

    @Test func serverFailureIsAnError() async throws {
        let server = try LoopbackDNSServer { [DNSAnswerBuilder.response(to: $0, rcode: 2)] }
        let error = await #expect(throws: DNSLookupError.self) {
            try await resolver.txtValues(at: "x.example.test", server: try DNSServerAddress(parsing: server.address))
        }
        #expect(error?.kind == .serverFailure)
        #expect(error?.message == "\(server.address): answered SERVFAIL")
    }

    @Test func cancellingEndsTheWaitQuickly() async throws {
        let server = try LoopbackDNSServer { _ in [] }
        let address = try DNSServerAddress(parsing: server.address)
        let slow = DNSStubResolver(timeout: .seconds(120))
        let task = Task { try await slow.txtValues(at: "x.example.test", server: address) }
        try await Task.sleep(for: .milliseconds(100))
        let started = ContinuousClock.now
        task.cancel()
        let result = await task.result
        #expect(started.duration(to: .now) < .seconds(60))  // of a 120 s timeout, on a busy machine
        #expect(throws: DNSLookupError.self) { try result.get() }
    }
}
