/// Renders a tool's manual page in mdoc(7) from its spec.
public struct ManPageRenderer: Sendable {
    public let spec: ToolSpec

    public init(spec: ToolSpec) { self.spec = spec }

    public func render() -> String {
        var page = ManPage()
        page.comment("Generated from the tool's declaration; do not edit. Run scripts/regenerate-docs.")
        page.macro("Dd", raw: spec.manualDate)
        page.macro("Dt", spec.name.uppercased(), "1")
        page.macro("Os")
        page.section("NAME")
        page.macro("Nm", spec.name)
        page.macro("Nd", nameDescription)
        synopsis(&page)
        description(&page)
        commands(&page)
        options(&page)
        list("ENVIRONMENT", spec.environment.map { (["Ev", $0.name], $0.abstract) }, &page)
        list("FILES", spec.files.map { (["Pa", $0.path], $0.abstract) }, &page)
        list("EXIT STATUS", spec.exitStatuses.map { (["No", String($0.status.rawValue)], $0.meaning) }, &page)
        examples(&page)
        seeAlso(&page)
        return page.text
    }

    /// The NAME line: the abstract without its full stop, lower-cased unless it starts with an
    /// acronym.
    private var nameDescription: String {
        var text = spec.abstract
        if text.hasSuffix(".") { text.removeLast() }
        let start = text.prefix(2)
        if start.count == 2, start.last?.isLowercase == true {
            text = text.prefix(1).lowercased() + text.dropFirst()
        }
        return text
    }

    private func synopsis(_ page: inout ManPage) {
        page.section("SYNOPSIS")
        let root = spec.root
        let commandForms = root.visibleSubcommands
        if !root.usageForms.isEmpty {
            for form in root.usageForms {
                page.macro("Nm")
                for line in UsageFormMarkup.lines(form) { page.raw(line) }
            }
        } else if root.handler != nil || commandForms.isEmpty {
            page.macro("Nm")
            synopsisOptions(root.visibleOptions + spec.globalOptions.filter { !$0.isHidden }, &page)
            for argument in root.arguments { synopsisArgument(argument, &page) }
        }
        guard root.usageForms.isEmpty else { return }
        for command in commandForms {
            page.macro("Nm")
            page.macro("Cm", command.name)
            synopsisOptions(command.visibleOptions, &page)
            for argument in command.arguments { synopsisArgument(argument, &page) }
        }
    }

    private func synopsisOptions(_ options: [OptionSpec], _ page: inout ManPage) {
        for option in options {
            var words = ["Op"] + flagWords(option, preferShort: true)
            if option.arity == .repeatable { words.append("...") }
            page.macro(words)
        }
    }

    private func synopsisArgument(_ argument: ArgumentSpec, _ page: inout ManPage) {
        var words = ["Ar", argument.name]
        if argument.isRepeating { words.append("...") }
        page.macro(argument.isOptional ? ["Op"] + words : words)
    }

    /// `Fl z Ar ZONE` or `Fl \-zone Ar ZONE`.
    private func flagWords(_ option: OptionSpec, preferShort: Bool) -> [String] {
        let flag = preferShort ? option.short.map { String($0) } ?? "-" + option.long : "-" + option.long
        return ["Fl", flag] + (option.takesValue ? ["Ar", option.valueName] : [])
    }

    /// `Fl z , Fl \-zone Ar ZONE` for a tag list.
    private func optionTag(_ option: OptionSpec) -> [String] {
        let short = option.short.map { ["Fl", String($0), ","] } ?? []
        return short + flagWords(option, preferShort: false)
    }

    private func description(_ page: inout ManPage) {
        page.section("DESCRIPTION")
        page.prose(spec.root.abstract)
        for paragraph in TextWrapping.paragraphList(spec.root.discussion) {
            page.macro("Pp")
            page.prose(paragraph)
        }
        if !spec.root.arguments.isEmpty {
            page.macro("Pp")
            page.prose("The arguments are as follows:")
            page.macro("Bl", "-tag", "-width", "Ds")
            for argument in spec.root.arguments {
                page.macro("It", "Ar", argument.name)
                page.prose(argument.abstract)
            }
            page.macro("El")
        }
    }

    private func commands(_ page: inout ManPage) {
        let subcommands = spec.root.visibleSubcommands
        guard !subcommands.isEmpty else { return }
        page.section("COMMANDS")
        page.macro("Bl", "-tag", "-width", "Ds")
        for command in subcommands {
            page.macro(["It", "Cm", command.name] + command.arguments.flatMap(argumentWords))
            page.prose(command.abstract)
            for paragraph in TextWrapping.paragraphList(command.discussion) {
                page.macro("Pp")
                page.prose(paragraph)
            }
            if command.usageForms.count > 1 {
                page.macro("Pp")
                page.prose("Forms:")
                for form in command.usageForms {
                    page.macro("Bd", "-literal", "-offset", "indent")
                    for line in RoffEscaping.literalCommand("\(spec.name) \(command.name) \(form)") { page.raw(line) }
                    page.macro("Ed")
                }
            }
            let rows = command.arguments.map { (["Ar", $0.name], $0.abstract) }
                + command.visibleOptions.map { (optionTag($0), $0.fullAbstract) }
            if !rows.isEmpty {
                page.macro("Bl", "-tag", "-width", "Ds")
                for (tag, text) in rows {
                    page.macro(["It"] + tag)
                    page.prose(text)
                }
                page.macro("El")
            }
        }
        page.macro("El")
    }

    private func argumentWords(_ argument: ArgumentSpec) -> [String] {
        let words = ["Ar", argument.name] + (argument.isRepeating ? ["..."] : [])
        return argument.isOptional ? ["Op"] + words : words
    }

    private func options(_ page: inout ManPage) {
        let own = spec.root.visibleOptions
        let global = spec.globalOptions.filter { !$0.isHidden }
        page.section("OPTIONS")
        if !own.isEmpty {
            page.prose(spec.root.visibleSubcommands.isEmpty ? "Options:" : "These options apply to every command:")
            optionList(own, &page)
            page.macro("Pp")
        }
        page.prose("Options every tool of the suite accepts:")
        optionList(global, &page)
    }

    private func optionList(_ options: [OptionSpec], _ page: inout ManPage) {
        page.macro("Bl", "-tag", "-width", "Ds")
        for option in options {
            page.macro(["It"] + optionTag(option))
            page.prose(option.fullAbstract)
        }
        page.macro("El")
    }

    private func list(_ title: String, _ rows: [([String], String)], _ page: inout ManPage) {
        guard !rows.isEmpty else { return }
        page.section(title)
        page.macro("Bl", "-tag", "-width", "Ds")
        for (tag, text) in rows {
            page.macro(["It"] + tag)
            page.prose(text)
        }
        page.macro("El")
    }

    private func examples(_ page: inout ManPage) {
        let examples = spec.root.examples + spec.root.subcommands.flatMap(\.examples)
        guard !examples.isEmpty else { return }
        page.section("EXAMPLES")
        for (index, example) in examples.enumerated() {
            if index > 0 { page.macro("Pp") }
            page.prose(example.abstract)
            page.macro("Bd", "-literal", "-offset", "indent")
            for line in RoffEscaping.literalCommand("$ " + example.command) { page.raw(line) }
            page.macro("Ed")
        }
    }

    private func seeAlso(_ page: inout ManPage) {
        let references = spec.seeAlso.sorted()
        guard !references.isEmpty else { return }
        page.section("SEE ALSO")
        for (index, reference) in references.enumerated() {
            let last = index == references.count - 1
            page.macro(["Xr", reference.name, String(reference.section)] + (last ? [] : [","]))
        }
    }
}

/// mdoc source under construction.
private struct ManPage {
    private(set) var lines: [String] = []

    var text: String { lines.joined(separator: "\n") + "\n" }

    mutating func comment(_ text: String) { lines.append(".\\\" " + text) }
    mutating func section(_ title: String) { lines.append(".Sh " + title) }
    mutating func raw(_ line: String) { lines.append(line) }

    /// A macro line; the first word is the macro, the others its arguments. Words naming the
    /// macros our pages nest (`Fl`, `Ar`, …) and delimiters pass through; everything else is
    /// escaped. List and display macros take their arguments as written.
    mutating func macro(_ words: [String]) {
        guard let name = words.first else { return }
        let arguments = words.dropFirst().map { word in
            Self.verbatimArguments.contains(name) || Self.callable.contains(word) || Self.delimiters.contains(word)
                ? word : RoffEscaping.argument(word)
        }
        lines.append((["." + name] + arguments).joined(separator: " "))
    }

    mutating func macro(_ words: String...) { macro(words) }

    mutating func macro(_ name: String, raw argument: String) { lines.append(".\(name) \(argument)") }

    mutating func prose(_ paragraph: String) { lines += RoffEscaping.textLines(paragraph) }

    /// Macros used nested on one line in our pages.
    private static let callable: Set<String> = ["Fl", "Ar", "Cm", "Op", "Ev", "Pa", "No", "Xr"]
    private static let verbatimArguments: Set<String> = ["Bl", "Bd"]
    private static let delimiters: Set<String> = [",", "|", "...", ".", ":", ";"]
}

/// Turns a hand-written usage form such as `[options] HOST [-- COMMAND [ARG...]]` into mdoc:
/// lower-case words are commands, upper-case words arguments, dashed words flags, brackets optional.
enum UsageFormMarkup {
    static func lines(_ form: String) -> [String] {
        var lines: [String] = []
        for token in form.split(separator: " ") {
            var word = Substring(token)
            while word.hasPrefix("[") {
                lines.append(".Oo")
                word = word.dropFirst()
            }
            var closing = 0
            while word.hasSuffix("]") {
                closing += 1
                word = word.dropLast()
            }
            let repeats = word.hasSuffix("...")
            if repeats { word = word.dropLast(3) }
            let text = String(word)
            if !text.isEmpty {
                let suffix = repeats ? " ..." : ""
                if text == "options" {
                    lines.append(".Ar options" + suffix)
                } else if text.hasPrefix("-") {
                    lines.append(".Fl " + RoffEscaping.argument(String(text.dropFirst())) + suffix)
                } else if text.uppercased() == text {
                    lines.append(".Ar " + RoffEscaping.argument(text) + suffix)
                } else {
                    lines.append(".Cm " + RoffEscaping.argument(text) + suffix)
                }
            }
            lines += Array(repeating: ".Oc", count: closing)
        }
        return lines
    }
}
