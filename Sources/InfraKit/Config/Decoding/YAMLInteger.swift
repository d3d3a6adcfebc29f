/// Integer syntax accepted in `infra.yaml`: decimal with an optional sign and `_` separators,
/// `0x` hexadecimal and `0o` octal. A decimal with a leading zero is refused rather than guessed,
/// because YAML 1.1 readers (PyYAML, older tools) take `022` as octal 18 and YAML 1.2 readers as 22.
enum YAMLInteger {
    enum Result: Equatable {
        case value(Int)
        case leadingZero
        case tooLarge
        case invalid
    }

    static func parse(_ text: String) -> Result {
        var digits = Substring(text)
        var negative = false
        if let sign = digits.first, sign == "-" || sign == "+" {
            negative = sign == "-"
            digits = digits.dropFirst()
        }
        var radix = 10
        if digits.hasPrefix("0x") {
            radix = 16
            digits = digits.dropFirst(2)
        } else if digits.hasPrefix("0o") {
            radix = 8
            digits = digits.dropFirst(2)
        } else if digits.count > 1, digits.first == "0", digits.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "_") }) {
            return .leadingZero
        }
        guard let first = digits.first, first != "_" else { return .invalid }
        var value = 0
        for character in digits where character != "_" {
            guard character.isASCII, let digit = character.hexDigitValue, digit < radix else { return .invalid }
            let (shifted, overflowA) = value.multipliedReportingOverflow(by: radix)
            let (added, overflowB) = shifted.addingReportingOverflow(digit)
            if overflowA || overflowB { return .tooLarge }
            value = added
        }
        return .value(negative ? -value : value)
    }
}
