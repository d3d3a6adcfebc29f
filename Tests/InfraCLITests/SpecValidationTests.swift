import InfraCLI
import Testing

@Suite("Spec validation")
struct SpecValidationTests {
    @Test("every tool's declaration is sound", arguments: InfraTools.all.map(\.name))
    func toolIsSound(name: String) {
        let spec = InfraTools.all.first { $0.name == name }!
        #expect(spec.validate() == [])
        #expect(spec.version == InfraTools.version)
    }

    @Test func toolNamesMatchTheExecutables() {
        #expect(InfraTools.all.map(\.name) == InfraTools.names)
    }

    @Test func mistakesAreFound() {
        let broken = ToolSpec(
            root: CommandSpec(
                "broken", abstract: "A tool declared badly.", discussion: "First line and                 a lost continuation.",
                options: [
                    .flag("json", abstract: "Duplicates a global option."),
                    .flag("x-ray", short: "v", abstract: "Takes the short name of --verbose."),
                    .value("mode", valueName: "", abstract: ""),
                    .value("level", valueName: "N", abstract: "Default not allowed.", defaultValue: "9", allowedValues: ["1", "2"]),
                ],
                subcommands: [
                    CommandSpec("twice", abstract: "First.", handler: { _, _ in .success }),
                    CommandSpec("twice", abstract: "Second.", handler: { _, _ in .success }),
                    CommandSpec(
                        "args", abstract: "",
                        arguments: [
                            ArgumentSpec("REST", abstract: "Repeats but is not last.", isRepeating: true),
                            ArgumentSpec("LATER", abstract: "Optional.", isOptional: true),
                            ArgumentSpec("REQUIRED", abstract: "Required after optional."),
                        ], handler: { _, _ in .success }),
                    CommandSpec("empty", abstract: "No handler, no subcommands."),
                ]),
            version: "1", exitStatuses: [], manualDate: "January 1, 2026")
        let messages = Set(broken.validate().map(\.description))
        let expected: Set<String> = [
            "broken: option --json declared twice",
            "broken: short option -v used twice (again by --x-ray)",
            "broken: option --mode has no abstract",
            "broken: option --mode has no value name",
            "broken: default '9' of --level is not an allowed value",
            "broken: subcommand 'twice' declared twice",
            "broken args: command has no abstract",
            "broken args: repeating argument REST is not the last one",
            "broken args: required argument REQUIRED follows an optional one",
            "broken empty: command has neither a handler nor subcommands",
            "broken: no exit statuses documented",
            "broken: discussion has a run of spaces (a line without its trailing \\?): First line and                 a lost co…",
        ]
        #expect(expected.subtracting(messages) == [])
    }

    @Test func everyOptionAndArgumentHasAnAbstract() {
        for spec in InfraTools.all {
            for (_, command) in spec.allCommands {
                for option in command.options { #expect(!option.abstract.isEmpty, "\(spec.name) --\(option.long)") }
                for argument in command.arguments { #expect(!argument.abstract.isEmpty, "\(spec.name) \(argument.name)") }
            }
        }
    }
}
