import InfraKit
import Testing

@Suite("GitHub: repository names, remote URLs and repository lists")
struct RepositoryNameTests {
    @Test(arguments: ["acme/api", "a-b/c.d_e", "Acme/API", "x/.github"])
    func acceptsOwnerSlashName(_ text: String) {
        #expect(RepositoryName(text)?.fullName == text)
    }

    @Test(arguments: ["acme", "acme/", "/api", "acme/api/x", "-acme/api", "ac me/api", "acme/..", "acme/a b", "ac_me/api"])
    func refusesAnythingElse(_ text: String) {
        #expect(RepositoryName(text) == nil)
    }

    @Test(arguments: [
        ("https://github.com/acme/api.git", "acme/api"),
        ("https://github.com/acme/api", "acme/api"),
        ("https://user@github.example.com/acme/api/", "acme/api"),
        ("git@github.com:acme/api.git", "acme/api"),
        ("ssh://git@github.com:22/acme/api.git", "acme/api"),
        ("git://github.com/acme/api\n", "acme/api"),
    ])
    func readsTheRepositoryOfARemoteURL(_ url: String, _ expected: String) {
        #expect(RepositoryName.fromRemoteURL(url)?.fullName == expected)
    }

    @Test(arguments: ["/srv/git/api.git", "../api", "https://github.com/acme", "git@github.com:api.git"])
    func localPathsAndShortURLsAreNoRepository(_ url: String) {
        #expect(RepositoryName.fromRemoteURL(url) == nil)
    }

    @Test func listSkipsCommentsAndBlankLinesAndRepeats() throws {
        let text = "# production\nacme/web   # the shop\n\n  acme/api\nacme/web\n"
        #expect(try RepositoryList.parse(text, file: "repos.txt").map(\.fullName) == ["acme/web", "acme/api"])
    }

    @Test func listNamesTheFileAndLineOfAMistake() {
        #expect(throws: RepositoryListError(file: "repos.txt", line: 3, text: "acme api")) {
            try RepositoryList.parse("acme/web\n\nacme api # oops\n", file: "repos.txt")
        }
        let error = RepositoryListError(file: "repos.txt", line: 3, text: "acme api")
        #expect(error.message == #"repos.txt:3: expected a repository as OWNER/NAME, got "acme api""#)
        #expect(error.exitStatus == .dataError)
    }
}
