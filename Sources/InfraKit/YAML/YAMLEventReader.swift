internal import CYAML

/// One libyaml event, copied into Swift values so no C memory outlives `YAMLEventReader.next()`.
enum YAMLEvent {
    case streamStart
    case streamEnd
    case documentStart(YAMLMark)
    case documentEnd
    case alias(anchor: String, mark: YAMLMark)
    case scalar(YAMLScalar, tag: String?, anchor: String?, mark: YAMLMark)
    case sequenceStart(tag: String?, anchor: String?, mark: YAMLMark)
    case sequenceEnd
    case mappingStart(tag: String?, anchor: String?, mark: YAMLMark)
    case mappingEnd
}

/// Owns one libyaml parser, its input and its event buffer; the only type that calls libyaml.
///
/// The parser and the event live at allocated addresses because libyaml keeps pointers into the
/// parser struct between calls. Confined to the thread that created it.
final class YAMLEventReader {
    private let parser: UnsafeMutablePointer<yaml_parser_t>
    private let event: UnsafeMutablePointer<yaml_event_t>
    private let input: UnsafeMutableBufferPointer<UInt8>
    private let inputCount: Int
    private var parserInitialized = false

    init(bytes: some Collection<UInt8>) throws(YAMLError) {
        inputCount = bytes.count
        input = .allocate(capacity: max(inputCount, 1))
        _ = input.initialize(from: bytes)
        parser = .allocate(capacity: 1)
        event = .allocate(capacity: 1)
        guard yaml_parser_initialize(parser) == 1 else {
            throw YAMLError(.memory, at: YAMLMark(line: 1, column: 1), problem: "out of memory")
        }
        parserInitialized = true
        yaml_parser_set_input_string(parser, input.baseAddress, inputCount)
    }

    deinit {
        if parserInitialized { yaml_parser_delete(parser) }
        parser.deallocate()
        event.deallocate()
        input.deallocate()
    }

    /// The next event; throws libyaml's error, with libyaml's position, when the text is invalid.
    func next() throws(YAMLError) -> YAMLEvent {
        guard yaml_parser_parse(parser, event) == 1 else { throw currentError() }
        defer { yaml_event_delete(event) }
        let current = event.pointee
        let mark = Self.mark(current.start_mark)
        switch current.type {
        case YAML_STREAM_START_EVENT:
            return .streamStart
        case YAML_STREAM_END_EVENT:
            return .streamEnd
        case YAML_DOCUMENT_START_EVENT:
            return .documentStart(mark)
        case YAML_DOCUMENT_END_EVENT:
            return .documentEnd
        case YAML_ALIAS_EVENT:
            return .alias(anchor: Self.string(current.data.alias.anchor) ?? "", mark: mark)
        case YAML_SCALAR_EVENT:
            let data = current.data.scalar
            let text = String(decoding: UnsafeBufferPointer(start: data.value, count: data.length), as: UTF8.self)
            return .scalar(
                YAMLScalar(text, style: Self.style(data.style)),
                tag: Self.string(data.tag), anchor: Self.string(data.anchor), mark: mark)
        case YAML_SEQUENCE_START_EVENT:
            let data = current.data.sequence_start
            return .sequenceStart(tag: Self.string(data.tag), anchor: Self.string(data.anchor), mark: mark)
        case YAML_SEQUENCE_END_EVENT:
            return .sequenceEnd
        case YAML_MAPPING_START_EVENT:
            let data = current.data.mapping_start
            return .mappingStart(tag: Self.string(data.tag), anchor: Self.string(data.anchor), mark: mark)
        case YAML_MAPPING_END_EVENT:
            return .mappingEnd
        default:
            // libyaml never hands out YAML_NO_EVENT from a successful parse; treat it as the end.
            return .streamEnd
        }
    }

    private func currentError() -> YAMLError {
        let state = parser.pointee
        if state.error == YAML_MEMORY_ERROR {
            return YAMLError(.memory, at: YAMLMark(line: 1, column: 1), problem: "out of memory")
        }
        var problem = state.problem.map { String(cString: $0) } ?? "invalid YAML"
        let mark: YAMLMark
        if state.error == YAML_READER_ERROR {
            // The reader reports a byte offset, not a mark.
            mark = markOfByte(at: state.problem_offset)
            if state.problem_value != -1 {
                problem += " (byte 0x" + String(UInt8(truncatingIfNeeded: state.problem_value), radix: 16, uppercase: true) + ")"
            }
        } else {
            mark = Self.mark(state.problem_mark)
        }
        if let context = state.context {
            problem += " (\(String(cString: context)) at \(Self.mark(state.context_mark)))"
        }
        return YAMLError(.syntax, at: mark, problem: problem)
    }

    private func markOfByte(at offset: Int) -> YAMLMark {
        var line = 1
        var column = 1
        var index = 0
        let end = min(offset, inputCount)
        if end >= 3, input[0] == 0xEF, input[1] == 0xBB, input[2] == 0xBF { index = 3 }
        while index < end {
            let byte = input[index]
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            index += 1
        }
        return YAMLMark(line: line, column: column)
    }

    private static func mark(_ mark: yaml_mark_t) -> YAMLMark {
        YAMLMark(line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: UnsafePointer($0)) }
    }

    private static func style(_ style: yaml_scalar_style_t) -> YAMLScalar.Style {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: .literal
        case YAML_FOLDED_SCALAR_STYLE: .folded
        default: .plain
        }
    }
}

@available(*, unavailable)
extension YAMLEventReader: Sendable {}
