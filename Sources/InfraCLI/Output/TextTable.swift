/// Aligned columns for people. Columns are separated by two spaces; the last column is not
/// padded, so lines carry no trailing blanks.
public struct TextTable: Sendable {
    public enum Alignment: Sendable { case left, right }

    public var headers: [String]
    public var alignments: [Alignment]
    public private(set) var rows: [[String]] = []

    /// - Parameter alignments: per column; missing entries are `.left`.
    public init(headers: [String], alignments: [Alignment] = []) {
        self.headers = headers
        self.alignments = alignments
    }

    /// Adds a row; missing cells are empty, extra cells are dropped, line breaks become spaces.
    public mutating func append(_ row: [String]) {
        var cells = row.prefix(headers.count).map { $0.replacing("\n", with: " ") }
        cells += Array(repeating: "", count: headers.count - cells.count)
        rows.append(cells)
    }

    /// The table as lines ending in `\n`. With `maxWidth` (a terminal), the widest columns are
    /// narrowed and their cells cut with `…` until lines fit; without it nothing is ever cut.
    public func render(maxWidth: Int? = nil) -> String {
        guard !headers.isEmpty else { return "" }
        var widths = headers.indices.map { column in
            ([headers[column]] + rows.map { $0[column] }).map(\.count).max() ?? 0
        }
        if let maxWidth { narrow(&widths, to: maxWidth) }
        return ([headers] + rows).map { line($0, widths) + "\n" }.joined()
    }

    private func narrow(_ widths: inout [Int], to maxWidth: Int) {
        let separators = 2 * (widths.count - 1)
        let minimum = 4
        while widths.reduce(0, +) + separators > maxWidth {
            guard let widest = widths.indices.max(by: { widths[$0] < widths[$1] }), widths[widest] > minimum else {
                return
            }
            widths[widest] -= 1
        }
    }

    private func line(_ cells: [String], _ widths: [Int]) -> String {
        var parts: [String] = []
        for (column, cell) in cells.enumerated() {
            let width = widths[column]
            let text = cell.count > width ? String(cell.prefix(width - 1)) + "…" : cell
            let padding = String(repeating: " ", count: width - text.count)
            let isLast = column == cells.count - 1
            switch alignment(column) {
            case .left: parts.append(isLast ? text : text + padding)
            case .right: parts.append(padding + text)
            }
        }
        return parts.joined(separator: "  ")
    }

    private func alignment(_ column: Int) -> Alignment {
        column < alignments.count ? alignments[column] : .left
    }
}
