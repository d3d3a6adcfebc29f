import Foundation
import InfraKit
import Testing

/// Where the Hetzner clients' credentials and endpoints come from.
@Suite("Hetzner credentials from the environment")
struct HetznerCredentialsTests {
    @Test("HCLOUD_TOKEN and HCLOUD_ENDPOINT; the default endpoint otherwise")
    func cloudToken() throws {
        let options = try HetznerCloudCredentials.options(
            environment: ["HCLOUD_TOKEN": "secret-token", "HCLOUD_ENDPOINT": "http://127.0.0.1:9/v1"], userAgent: "t/1")
        #expect(options.token.revealed == "secret-token")
        #expect(options.endpoint == "http://127.0.0.1:9/v1")
        let plain = try HetznerCloudCredentials.options(environment: ["HCLOUD_TOKEN": "x"], userAgent: "t/1")
        #expect(plain.endpoint == HetznerCloudClient.defaultEndpoint)
    }

    @Test("HCLOUD_TOKEN_FILE is read without its line break; both forms at once, or neither, is a configuration error")
    func cloudTokenFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("hcloud-\(UUID().uuidString)").path
        try "from-file\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try HetznerCloudCredentials.options(environment: ["HCLOUD_TOKEN_FILE": path], userAgent: "t").token.revealed == "from-file")
        #expect(HetznerCloudCredentials.isConfigured(in: ["HCLOUD_TOKEN_FILE": path]))
        #expect(!HetznerCloudCredentials.isConfigured(in: ["HCLOUD_TOKEN": ""]))
        for environment in [["HCLOUD_TOKEN": "a", "HCLOUD_TOKEN_FILE": path], [:]] {
            do {
                _ = try HetznerCloudCredentials.options(environment: environment, userAgent: "t")
                Issue.record("expected an error for \(environment.keys.sorted())")
            } catch {
                #expect(error.exitStatus == .configuration)
                #expect(!error.message.contains("from-file"))
            }
        }
    }

    @Test("the Robot user and password, each also from a file; one missing names it")
    func robot() throws {
        let options = try HetznerRobotCredentials.options(
            environment: ["HETZNER_ROBOT_USER": "#ws+abc", "HETZNER_ROBOT_PASSWORD": "pw", "HETZNER_ROBOT_URL": "http://127.0.0.1:9/robot"],
            userAgent: "t")
        #expect(options.user == "#ws+abc" && options.password.revealed == "pw" && options.endpoint == "http://127.0.0.1:9/robot")
        do {
            _ = try HetznerRobotCredentials.options(environment: ["HETZNER_ROBOT_USER": "#ws+abc"], userAgent: "t")
            Issue.record("expected an error")
        } catch {
            #expect(error.exitStatus == .configuration)
            #expect(error.message.contains("HETZNER_ROBOT_PASSWORD"))
        }
    }

    @Test("every variable is documented once, the _FILE forms included")
    func documented() {
        #expect(HetznerCloudCredentials.documentedVariables.map(\.name) == ["HCLOUD_TOKEN", "HCLOUD_TOKEN_FILE", "HCLOUD_ENDPOINT"])
        #expect(
            HetznerRobotCredentials.documentedVariables.map(\.name) == [
                "HETZNER_ROBOT_USER", "HETZNER_ROBOT_PASSWORD", "HETZNER_ROBOT_USER_FILE", "HETZNER_ROBOT_PASSWORD_FILE",
                "HETZNER_ROBOT_URL",
            ])
    }
}
