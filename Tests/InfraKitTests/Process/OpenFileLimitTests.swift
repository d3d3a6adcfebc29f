import InfraKit
import Testing

struct OpenFileLimitTests {
    @Test func askingForFewerDescriptorsThanAllowedChangesNothing() throws {
        let now = try #require(OpenFileLimit.raise(toAtLeast: 0))
        #expect(now >= 16)
        #expect(OpenFileLimit.raise(toAtLeast: 16) == now)
        #expect(OpenFileLimit.raise(toAtLeast: now) == now)
    }
}
