import InfraCLI
import Testing

/// The installed `infra` executable picks its tool by the name it was called by.
@Suite("Multi-call executable")
struct MultiCallTests {
    @Test func aLinkNamedAfterAToolRunsThatTool() throws {
        let (spec, arguments) = try #require(MultiCall.resolve(["/usr/bin/infra-dns", "list", "-t", "A"], tools: InfraTools.all))
        #expect(spec.name == "infra-dns")
        #expect(arguments == ["list", "-t", "A"])
    }

    @Test func infraTakesTheToolAsItsFirstWord() throws {
        let (spec, arguments) = try #require(MultiCall.resolve(["infra", "acme-cloudns-hook", "check"], tools: InfraTools.all))
        #expect(spec.name == "acme-cloudns-hook")
        #expect(arguments == ["check"])
    }

    @Test("names that are no tool resolve to nothing", arguments: [
        ["infra"], ["infra", "dns"], ["/opt/bin/other", "infra-dns"], [],
    ])
    func unknownNames(argv: [String]) {
        #expect(MultiCall.resolve(argv, tools: InfraTools.all) == nil)
    }
}
