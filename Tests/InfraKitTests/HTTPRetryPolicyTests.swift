import Foundation
@testable import InfraKit
import Testing

@Suite("retry policy and Retry-After")
struct HTTPRetryPolicyTests {
    @Test func defaultsAreTheSeeds() {
        let policy = RetryPolicy.default
        #expect(policy.maxRetries == 3)
        #expect(policy.attempts == 4)
        #expect(policy.initialBackoff == .milliseconds(100))
        #expect(policy.maxBackoff == .seconds(5))
    }

    @Test func backoffDoublesUntilTheCap() {
        let policy = RetryPolicy.default
        let ceilings = (0..<8).map { policy.ceiling(afterAttempt: $0) }
        #expect(ceilings == [100, 200, 400, 800, 1600, 3200, 5000, 5000].map { Duration.milliseconds($0) })
        #expect(policy.ceiling(afterAttempt: 10_000) == .seconds(5))
    }

    @Test(arguments: [(0.0, 0.5), (1.0, 1.0), (0.5, 0.75), (-3.0, 0.5), (7.0, 1.0)])
    func jitterScalesTheCeilingBetweenHalfAndAll(unit: Double, factor: Double) {
        let policy = RetryPolicy(initialBackoff: .milliseconds(400), maxBackoff: .seconds(5), randomUnit: { unit })
        #expect(policy.backoff(afterAttempt: 1) == .milliseconds(800) * factor)
    }

    @Test func randomBackoffStaysWithinBounds() {
        let policy = RetryPolicy()
        for attempt in 0..<8 {
            let ceiling = policy.ceiling(afterAttempt: attempt)
            for _ in 0..<200 {
                let delay = policy.backoff(afterAttempt: attempt)
                #expect(delay >= ceiling / 2 && delay <= ceiling)
            }
        }
    }

    @Test(arguments: [
        ("0", Duration.zero), ("1", .seconds(1)), ("120", .seconds(120)), (" 7 ", .seconds(7)),
        ("", RetryAfter.fallback), ("soon", RetryAfter.fallback), ("-5", RetryAfter.fallback),
        ("1.5", RetryAfter.fallback), ("99999999999999999999999", RetryAfter.fallback),
        ("9223372036854775807", RetryAfter.ceiling),
    ])
    func retryAfterSecondsAndGarbage(header: String, expected: Duration) {
        #expect(RetryAfter.delay(header) == expected)
    }

    @Test func missingRetryAfterWaitsOneSecond() {
        #expect(RetryAfter.delay(nil) == .seconds(1))
    }

    @Test(arguments: [
        "Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994",
    ])
    func retryAfterHTTPDateFormsAreAllRead(header: String) throws {
        let date = try #require(RetryAfter.httpDate(header))
        #expect(date == Date(timeIntervalSince1970: 784_111_777))
        let now = Date(timeIntervalSince1970: 784_111_777 - 30)
        #expect(RetryAfter.delay(header, now: now) == .seconds(30))
        #expect(RetryAfter.delay(header, now: now.addingTimeInterval(60)) == .zero)
    }

    @Test func aDateCenturiesAwayWaitsAtMostTheCeiling() {
        let far = Date(timeIntervalSince1970: 253_402_300_799)  // 9999-12-31
        #expect(RetryAfter.delay(RetryAfter.imfFixdate(far), now: Date(timeIntervalSince1970: 0)) == RetryAfter.ceiling)
    }

    @Test func imfFixdateRoundTrips() {
        let date = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(RetryAfter.httpDate(RetryAfter.imfFixdate(date)) == date)
    }
}
