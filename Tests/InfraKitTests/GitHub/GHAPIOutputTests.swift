import Foundation
import InfraKit
import Testing

@Suite("GitHub: gh api --include output and its outcome")
struct GHAPIOutputTests {
    static func page(_ status: String, headers: [String] = [], _ body: String) -> String {
        "HTTP/1.1 \(status)\n" + headers.map { $0 + "\r\n" }.joined() + "Content-Type: application/json\r\n\r\n" + body
    }

    @Test func splitsPagesWithTheirHeadersAndItems() {
        let text =
            Self.page("200 OK", headers: [#"Link: <https://h/api/v3/x?after=A>; rel="next""#], "{\"number\":1}\n{\"number\":2}\n")
            + Self.page("200 OK", headers: [#"Link: <https://h/api/v3/x?before=B>; rel="prev""#], "{\"number\":3}\n")
        let output = GHAPIOutput(Array(text.utf8))
        #expect(output.pages.map(\.status) == [200, 200])
        #expect(output.pages.map(\.lines.count) == [2, 1])
        #expect(output.pages[0].nextLink == "https://h/api/v3/x?after=A")
        #expect(output.pages[1].nextLink == nil)
        #expect(output.pages[0].header("content-type") == "application/json")
        #expect(output.resumeLink == nil)
    }

    @Test func anErrorAnswerEndsTheOutputAndTheLastGoodPageSaysWhereToResume() {
        let text =
            Self.page("200 OK", headers: [#"Link: <https://h/x?page=2>; rel="next", <https://h/x?page=3>; rel="last""#], "{\"number\":1}\n")
            + Self.page("403 Forbidden", headers: ["Retry-After: 7"], #"{"message":"You have exceeded a secondary rate limit."}"#)
        let output = GHAPIOutput(Array(text.utf8))
        #expect(output.pages.map(\.status) == [200, 403])
        #expect(output.resumeLink == "https://h/x?page=2")
        #expect(output.last?.header("Retry-After") == "7")
    }

    @Test(arguments: [
        (#"<https://a/x?page=2>; rel="next""#, "https://a/x?page=2"),
        (#"<https://a/x?page=1>; rel="prev", <https://a/x?page=3>; rel="next""#, "https://a/x?page=3"),
        (#"<https://a/x?after=Y3Vy%3D>;rel=next"#, "https://a/x?after=Y3Vy%3D"),
        (#"<https://a/x?page=9>; rel="last""#, nil),
    ])
    func findsTheNextLink(_ header: String, _ expected: String?) {
        #expect(LinkHeader.next(header) == expected)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let exit: Int32
        let stderr: String
        var answer: String = ""
        let expected: GHOutcome
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "success", exit: 0, stderr: "", expected: .complete),
        Case(
            name: "Dependabot off", exit: 1, stderr: "gh: Dependabot alerts are disabled for this repository. (HTTP 403)\n",
            answer: page("403 Forbidden", #"{"message":"Dependabot alerts are disabled for this repository.","status":"403"}"#),
            expected: .disabled("Dependabot alerts are disabled for this repository.")),
        Case(
            name: "Advanced Security off", exit: 1,
            stderr: "gh: Advanced Security must be enabled for this repository to use code scanning. (HTTP 403)\n",
            expected: .disabled("Advanced Security must be enabled for this repository to use code scanning.")),
        Case(
            name: "Code Security off", exit: 1,
            stderr: "gh: GitHub Code Security or GitHub Advanced Security is not enabled (HTTP 403)\n",
            expected: .disabled("GitHub Code Security or GitHub Advanced Security is not enabled")),
        Case(
            name: "secret scanning off", exit: 1, stderr: "gh: Secret scanning is disabled on this repository. (HTTP 404)\n",
            expected: .disabled("Secret scanning is disabled on this repository.")),
        Case(
            name: "code scanning not set up", exit: 1, stderr: "gh: Code scanning is not enabled for this repository. (HTTP 404)\n",
            expected: .disabled("Code scanning is not enabled for this repository.")),
        Case(name: "no analysis yet", exit: 1, stderr: "gh: no analysis found (HTTP 404)\n", expected: .complete),
        Case(
            name: "fine-grained token", exit: 1,
            stderr: "gh: Resource not accessible by personal access token (HTTP 403)\nThis API operation needs the \"repo\" scope.\n",
            expected: .noAccess("Resource not accessible by personal access token")),
        Case(name: "unknown repository", exit: 1, stderr: "gh: Not Found (HTTP 404)\n", expected: .notFound("Not Found")),
        Case(
            name: "secondary limit with retry-after", exit: 1,
            stderr: "gh: You have exceeded a secondary rate limit. (HTTP 403)\n",
            answer: page("403 Forbidden", headers: ["Retry-After: 3"], #"{"message":"You have exceeded a secondary rate limit."}"#),
            expected: .rateLimited(wait: .seconds(3), "You have exceeded a secondary rate limit.")),
        Case(
            name: "secondary limit without headers", exit: 1,
            stderr: "gh: You have exceeded a secondary rate limit. (HTTP 429)\n",
            expected: .rateLimited(wait: nil, "You have exceeded a secondary rate limit.")),
        Case(
            name: "primary limit used up", exit: 1, stderr: "gh: API rate limit exceeded for user ID 1. (HTTP 403)\n",
            answer: page(
                "403 Forbidden", headers: ["X-Ratelimit-Remaining: 0", "X-Ratelimit-Reset: 1000030"],
                #"{"message":"API rate limit exceeded for user ID 1."}"#),
            expected: .rateLimited(wait: .seconds(31), "API rate limit exceeded for user ID 1.")),
        Case(
            name: "not logged in", exit: 4, stderr: "To get started with GitHub CLI, please run:  gh auth login\n",
            expected: .notLoggedIn("To get started with GitHub CLI, please run:  gh auth login")),
        Case(name: "bad token", exit: 1, stderr: "gh: Bad credentials (HTTP 401)\n", expected: .notLoggedIn("Bad credentials")),
        Case(
            name: "Dependabot refuses page", exit: 1,
            stderr: "gh: Pagination using the `page` parameter is not supported. (HTTP 400)\n",
            expected: .failed("Pagination using the `page` parameter is not supported. (HTTP 400)")),
        Case(name: "server error", exit: 1, stderr: "gh: Server Error (HTTP 502)\n", expected: .failed("Server Error (HTTP 502)")),
        Case(
            name: "network", exit: 1, stderr: "Get \"https://127.0.0.1:1/api/v3/x\": dial tcp 127.0.0.1:1: connect: connection refused\n",
            expected: .failed("Get \"https://127.0.0.1:1/api/v3/x\": dial tcp 127.0.0.1:1: connect: connection refused")),
    ]

    @Test(arguments: cases)
    func classifiesHowGhEnded(_ example: Case) {
        let outcome = GHOutcome.classify(
            exitStatus: example.exit, stderr: example.stderr, output: GHAPIOutput(Array(example.answer.utf8)),
            now: Date(timeIntervalSince1970: 1_000_000))
        #expect(outcome == example.expected)
    }
}
