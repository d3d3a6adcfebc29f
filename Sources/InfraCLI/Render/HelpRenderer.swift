/// Renders `--help` text and usage lines from a tool's spec.
public struct HelpRenderer: Sendable {
    public let spec: ToolSpec
    /// Columns to wrap at.
    public let width: Int

    public init(spec: ToolSpec, width: Int = 80) {
        self.spec = spec
        self.width = max(width, 40)
    }

    /// The synopsis lines of the command at `path`, each starting with the tool's name.
    public func usageLines(for path: [String]) -> [String] {
        guard let command = spec.command(at: path) else { return [] }
        let prefix = ([spec.name] + path).joined(separator: " ")
        if !command.usageForms.isEmpty {
            return command.usageForms.map { $0.isEmpty ? prefix : "\(prefix) \($0)" }
        }
        var words = [prefix, "[options]"]
        if !command.visibleSubcommands.isEmpty {
            words.append(command.handler == nil ? "<command>" : "[<command>]")
        }
        if !command.arguments.isEmpty { words.append(command.argumentsUsage) }
        return [words.joined(separator: " ")]
    }

    /// `Usage: …` with one line per form, as printed after a usage error.
    public func usageBlock(for path: [String]) -> String {
        let lines = usageLines(for: path)
        var text = ""
        for (index, line) in lines.enumerated() {
            text += (index == 0 ? "Usage: " : "       ") + line + "\n"
        }
        return text
    }

    /// The full help of the command at `path`.
    public func help(for path: [String]) -> String {
        guard let command = spec.command(at: path) else { return "" }
        let isRoot = path.isEmpty
        var out: [String] = []
        out += usageBlock(for: path).split(separator: "\n").map(String.init)
        out.append("")
        out += TextWrapping.wrap(command.abstract, width: width)
        if !command.discussion.isEmpty {
            out.append("")
            out += TextWrapping.paragraphs(command.discussion, width: width)
        }

        let subcommands = command.visibleSubcommands
        let global = Set(spec.globalOptions.map(\.long))
        let own = spec.options(at: path).filter { !global.contains($0.long) && !$0.isHidden }
        let globals = spec.globalOptions.filter { !$0.isHidden }
        let commandRows = subcommands.map { sub in
            let arguments = sub.usageForms.first ?? sub.argumentsUsage
            return (arguments.isEmpty ? sub.name : "\(sub.name) \(arguments)", sub.abstract)
        }
        let argumentRows = command.arguments.map { ($0.name, $0.abstract) }
        let ownRows = own.map { (optionLabel($0), $0.fullAbstract) }
        let globalRows = isRoot ? globals.map { (optionLabel($0), $0.fullAbstract) } : []
        let environmentRows = isRoot ? spec.environment.map { ($0.name, $0.abstract) } : []
        // One description column for the whole page, capped so long labels do not squeeze the text.
        let allRows = commandRows + argumentRows + ownRows + globalRows + environmentRows
        let labelWidth = min(allRows.map(\.0.count).max() ?? 0, 26)
        if !commandRows.isEmpty {
            section("Commands", &out)
            out += table(commandRows, labelWidth: labelWidth)
        }
        if !argumentRows.isEmpty {
            section("Arguments", &out)
            out += table(argumentRows, labelWidth: labelWidth)
        }

        if !ownRows.isEmpty {
            section("Options", &out)
            out += table(ownRows, labelWidth: labelWidth)
        }
        if isRoot {
            section("Global options", &out)
            out += table(globalRows, labelWidth: labelWidth)
        } else {
            section("Global options", &out)
            let names = globals.map { $0.takesValue ? "--\($0.long) \($0.valueName)" : "--\($0.long)" }
            out += TextWrapping.wrap(
                names.joined(separator: ", ") + " (see '\(spec.name) --help').", width: width, indent: 2)
        }

        if !environmentRows.isEmpty {
            section("Environment", &out)
            out += table(environmentRows, labelWidth: labelWidth)
        }
        if !command.examples.isEmpty {
            section("Examples", &out)
            for (index, example) in command.examples.enumerated() {
                if index > 0 { out.append("") }
                out += TextWrapping.wrap(example.abstract, width: width, indent: 2)
                out.append("    $ " + example.command)
            }
        }
        out.append("")
        if isRoot && !subcommands.isEmpty {
            out += TextWrapping.wrap(
                "Run '\(spec.name) help <command>' for the options of a command; 'man \(spec.name)' for exit statuses and more.",
                width: width)
        } else {
            out += TextWrapping.wrap("See 'man \(spec.name)' for exit statuses and more.", width: width)
        }
        return out.joined(separator: "\n") + "\n"
    }

    private func section(_ title: String, _ out: inout [String]) {
        out.append("")
        out.append("\(title):")
    }

    /// `  -z, --zone ZONE` with long names aligned whether or not there is a short one.
    private func optionLabel(_ option: OptionSpec) -> String {
        let short = option.short.map { "-\($0), " } ?? "    "
        return short + option.longUsage
    }

    /// Two columns: labels indented by 2, descriptions aligned and wrapped; a label too long for
    /// the column puts its description on the next line.
    private func table(_ rows: [(String, String)], labelWidth: Int) -> [String] {
        let column = 2 + labelWidth + 2
        var lines: [String] = []
        for (label, text) in rows {
            let head = "  " + label
            if label.count > labelWidth {
                lines.append(head)
                lines += TextWrapping.wrap(text, width: width, indent: column)
            } else {
                let wrapped = TextWrapping.wrap(text, width: width, indent: column)
                guard let first = wrapped.first else {
                    lines.append(head)
                    continue
                }
                let padding = String(repeating: " ", count: column - head.count)
                lines.append(head + padding + first.dropFirst(column))
                lines += wrapped.dropFirst()
            }
        }
        return lines
    }
}
