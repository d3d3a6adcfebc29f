import Foundation
import Testing
import TestSupport

/// `infra-setup snapshot HOST`: a Cloud server's image, waited for.
@Suite("infra-setup snapshot")
struct SetupSnapshotEndToEndTests {
    /// The image action runs for a while: the command waits for it and prints an available image.
    @Test func aCloudHostGetsASnapshotAndItsIDIsPrinted() async throws {
        let setup = try await SetupToolHarness.start(actionDuration: 1)
        defer { setup.stop() }
        let result = try await setup.run(["snapshot", "app1", "--description", "before upgrade"])
        #expect(result.status == 0, "\(result.stderr)")
        let images = try await setup.images().filter { $0["type"] as? String == "snapshot" }
        let image = try #require(images.first)
        #expect(result.stdout == "\((image["id"] as? NSNumber)?.stringValue ?? "?")\n")
        #expect(image["description"] as? String == "before upgrade")
        #expect(image["status"] as? String == "available")
        #expect((image["created_from"] as? [String: Any])?["name"] as? String == "app1")
    }

    @Test func jsonNamesTheImageAndTheServer() async throws {
        let setup = try await SetupToolHarness.start(actionDuration: 1)
        defer { setup.stop() }
        let result = try await setup.run(["snapshot", "bastion", "--json", "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        let answer = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(answer["server"] as? String == "bastion")
        #expect(answer["status"] as? String == "available")
        #expect((answer["description"] as? String)?.hasPrefix("bastion 20") == true)
        #expect(answer["image_id"] is NSNumber)
    }

    @Test(arguments: [
        ("db1", 65, "infra-setup: error: db1 is a Robot (dedicated) server, and Robot has no snapshots; back it up from the server itself\n"),
        ("nowhere", 65, "infra-setup: error: nowhere is neither a host of infra.yaml nor the name of a Hetzner Cloud server\n"),
    ])
    func robotHostsAndUnknownNamesAreRefused(host: String, status: Int32, message: String) async throws {
        let setup = try await SetupToolHarness.start()
        defer { setup.stop() }
        let result = try await setup.run(["snapshot", host])
        #expect(result.status == status)
        #expect(result.stderr == message)
        #expect(try await setup.images().allSatisfy { $0["type"] as? String != "snapshot" })
    }

    @Test func withoutATokenItStopsBeforeAnyCall() async throws {
        let setup = try await SetupToolHarness.start()
        defer { setup.stop() }
        let result = try await setup.run(["snapshot", "app1"], environment: setup.cloudNS.environment)
        #expect(result.status == 78)
        #expect(result.stderr == "infra-setup: error: no Hetzner Cloud token: set HCLOUD_TOKEN or HCLOUD_TOKEN_FILE\n")
        #expect(try await !setup.hetznerWasCalled())
    }
}
