import Foundation
import Testing

@testable import InfraKit

/// Numbers in answers and rate-limit headers that used to trap (found by fuzzing the decoders,
/// Tests/Fuzz/run-json-fuzz.sh): each must now end in an ordinary verdict or error.
@Suite("Provider answers: numbers that do not fit")
struct ProviderAnswerTrapTests {
    static let now = Date(timeIntervalSince1970: 1_796_000_000)

    @Test func aRobotRateLimitWithAnEnormousIntervalIsStillRateLimited() {
        let body = #"{"error":{"status":403,"code":"RATE_LIMIT_EXCEEDED","message":"rate limit exceeded","max_request":200,"interval":9223372036854775807}}"#
        let error = HetznerRobotError.from(
            APIError(
                prefix: "Robot API", method: .get, target: "/server", reason: .http(status: 403, body: ""), attempts: 1,
                responseBody: body))
        #expect(error.kind == .rateLimited && error.exitStatus == .temporaryFailure)
        #expect(error.message.contains("(200 requests per 9223372036854775807 s); try again within"))
    }

    /// Saturated rather than exact: nobody waits that long, and the message must still be made.
    @Test(arguments: [
        (Duration.seconds(Int64.max), "9223372036854775807 ms"), (.seconds(Int64.min), "-9223372036854775808 ms"),
        (.milliseconds(1500), "1500 ms"), (.seconds(3600), "3600 s"),
    ])
    func durationsFormatWithoutOverflow(_ duration: Duration, _ expected: String) {
        #expect(APIError.format(duration) == expected)
    }

    @Test func aCloudResetCenturiesAwayPausesForTheLongestPause() {
        let response = HTTPResponse(
            status: 200, headers: ["RateLimit-Limit": "3600", "RateLimit-Remaining": "1", "RateLimit-Reset": "1e300"])
        #expect(HetznerCloudRateLimit.pause(after: response, now: Self.now) == HetznerCloudRateLimit.maximumPause)
    }

    @Test func aNegativeRemainingBudgetDoesNotOverflow() {
        let response = HTTPResponse(
            status: 200,
            headers: ["RateLimit-Limit": "9223372036854775807", "RateLimit-Remaining": "-1", "RateLimit-Reset": "1796000600"])
        // 600 s until full, counted as one missing token: capped at the longest pause.
        #expect(HetznerCloudRateLimit.pause(after: response, now: Self.now) == HetznerCloudRateLimit.maximumPause)
    }

    @Test func anEnormousRetryAfterIsFormattedForTheNotice() throws {
        let response = HTTPResponse(status: 429, headers: ["Retry-After": "9223372036854775807"])
        let wait = try #require(HetznerCloudRateLimit.wait(afterRefusal: response, now: Self.now))
        #expect(APIError.format(wait) == "31622400 s", "capped at a year (RetryAfter.ceiling)")
    }

    @Test(arguments: ["1e300", "inf", "nan", "-1e300"])
    func aGitHubResetThatIsNoTimeStillMeansRateLimited(reset: String) {
        let output = GHAPIOutput(Array(
            "HTTP/1.1 403 Forbidden\r\nX-Ratelimit-Remaining: 0\r\nX-Ratelimit-Reset: \(reset)\r\n\r\n{\"message\":\"API rate limit exceeded for user ID 1.\"}".utf8))
        let outcome = GHOutcome.classify(exitStatus: 1, stderr: "gh: API rate limit exceeded (HTTP 403)", output: output, now: Self.now)
        guard case .rateLimited(let wait, _) = outcome else {
            Issue.record("expected rateLimited, got \(outcome)")
            return
        }
        switch reset {
        case "1e300": #expect(wait == .seconds(366 * 86_400 + 1))
        case "-1e300": #expect(wait == .seconds(1))
        default: #expect(wait == nil)  // no usable time: the caller's own default wait
        }
    }
}
