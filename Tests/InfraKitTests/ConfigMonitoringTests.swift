import InfraKit
import Testing

/// `monitoring.repos` and `monitoring.orgs`: what infra-monitor checks when the command line names nothing.
@Suite("Config: monitoring repositories and organizations")
struct ConfigMonitoringTests {
    @Test func readsRepositoriesAndOrganizationsInOrder() throws {
        let loaded = try ConfigFixtures.decode("monitoring:\n  repos:\n    - acme/shop\n    - acme/api\n  orgs: [acme, acme-labs]\n")
        #expect(loaded.config.monitoring?.repos == ["acme/shop", "acme/api"])
        #expect(loaded.config.monitoring?.orgs == ["acme", "acme-labs"])
    }

    @Test func absentListsAreEmpty() throws {
        let loaded = try ConfigFixtures.decode("monitoring:\n  alerts: {cpu_percent: 90}\n")
        #expect(loaded.config.monitoring?.repos == [])
        #expect(loaded.config.monitoring?.orgs == [])
    }

    @Test(arguments: [
        ("monitoring:\n  repos:\n    - acme/shop\n    - shop\n",
         #"infra.yaml:4:7: monitoring.repos[1]: expected a GitHub repository as OWNER/NAME, got "shop""#),
        ("monitoring:\n  repos: [acme/shop/extra]\n",
         #"infra.yaml:2:11: monitoring.repos[0]: expected a GitHub repository as OWNER/NAME, got "acme/shop/extra""#),
        ("monitoring:\n  orgs: [acme, -bad]\n",
         #"infra.yaml:2:16: monitoring.orgs[1]: expected a GitHub organization name, got "-bad""#),
        ("monitoring:\n  repos: acme/shop\n", #"infra.yaml:2:10: monitoring.repos: expected a list, got "acme/shop""#),
    ])
    func mistakesNameTheFileLineColumnAndKey(_ yaml: String, _ message: String) {
        #expect {
            try ConfigFixtures.decode(yaml)
        } throws: { error in
            (error as? ConfigError)?.message == message
        }
    }
}
