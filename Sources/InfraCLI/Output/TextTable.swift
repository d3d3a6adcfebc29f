/// Aligned columns for people. Columns are separated by two spaces; the last column is not
/// padded, so lines carry no trailing blanks. A cell may carry a color; widths and alignment are
/// measured on its text, so escape sequences never shift a column.
public struct TextTable: Sendable {
    public enum Alignment: Sendable { case left, right }

    /// How a cell looks when the table is rendered with color.
    public struct CellStyle: Sendable, Equatable {
        public var color: ANSIStyle
        public var bold: Bool

        public init(_ color: ANSIStyle, bold: Bool = false) {
            self.color = color
            self.bold = bold
        }

        /// `text` wrapped in this style's escape sequences.
        public func apply(to text: String) -> String { color.apply(to: text, bold: bold) }
    }

    public var headers: [String]
    public var alignments: [Alignment]
    public private(set) var rows: [[String]] = []
    /// Per row, per column: the cell's style, nil for plain.
    private var styles: [[CellStyle?]] = []

    /// - Parameter alignments: per column; missing entries are `.left`.
    public init(headers: [String], alignments: [Alignment] = []) {
        self.headers = headers
        self.alignments = alignments
    }

    /// Adds a row; missing cells are empty, extra cells are dropped, line breaks become spaces.
    /// - Parameter styles: per column, used only when rendering with color; missing entries are plain.
    public mutating func append(_ row: [String], styles: [CellStyle?] = []) {
        var cells = row.prefix(headers.count).map { $0.replacing("\n", with: " ") }
        cells += Array(repeating: "", count: headers.count - cells.count)
        rows.append(cells)
        var cellStyles = Array(styles.prefix(headers.count))
        cellStyles += Array(repeating: nil, count: headers.count - cellStyles.count)
        self.styles.append(cellStyles)
    }

    /// The table as lines ending in `\n`. With `maxWidth` (a terminal), the widest columns are
    /// narrowed and their cells cut with `…` until lines fit; without it nothing is ever cut.
    /// With `color`, styled cells are painted (their padding is not).
    public func render(maxWidth: Int? = nil, color: Bool = false) -> String {
        lines(maxWidth: maxWidth, color: color).map { $0 + "\n" }.joined()
    }

    /// The header line, then one line per row, without line ends: for output that puts lines of
    /// its own between the rows.
    public func lines(maxWidth: Int? = nil, color: Bool = false) -> [String] {
        guard !headers.isEmpty else { return [] }
        var widths = headers.indices.map { column in
            ([headers[column]] + rows.map { $0[column] }).map(\.count).max() ?? 0
        }
        if let maxWidth { narrow(&widths, to: maxWidth) }
        let plain = [CellStyle?](repeating: nil, count: headers.count)
        return [line(headers, plain, widths, color: false)]
            + zip(rows, styles).map { line($0, $1, widths, color: color) }
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

    private func line(_ cells: [String], _ styles: [CellStyle?], _ widths: [Int], color: Bool) -> String {
        var parts: [String] = []
        for (column, cell) in cells.enumerated() {
            let width = widths[column]
            let text = cell.count > width ? String(cell.prefix(width - 1)) + "…" : cell
            let padding = String(repeating: " ", count: width - text.count)
            let shown = color ? styles[column]?.apply(to: text) ?? text : text
            let isLast = column == cells.count - 1
            switch alignment(column) {
            case .left: parts.append(isLast ? shown : shown + padding)
            case .right: parts.append(padding + shown)
            }
        }
        return parts.joined(separator: "  ")
    }

    private func alignment(_ column: Int) -> Alignment {
        column < alignments.count ? alignments[column] : .left
    }
}
