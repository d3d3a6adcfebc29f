import Foundation

/// What `gh api --include --paginate --jq '.[]'` prints, split back into the answers it got.
///
/// For each page gh writes the status line (`HTTP/1.1 200 OK`), the headers, an empty line, then
/// the page's items, one compact JSON object per line (the jq filter runs per page, so the
/// back-to-back arrays gh 2.23 prints without a filter never appear). An error answer ends the
/// output: its body is copied unfiltered, often without a final newline.
public struct GHAPIOutput: Sendable {
    /// One HTTP answer: its status, headers (names lowercased) and body lines.
    public struct Page: Sendable {
        public var status: Int
        public var headers: [String: String]
        /// The items of a successful page, or the raw body of an error answer.
        public var lines: [ArraySlice<UInt8>]

        public func header(_ name: String) -> String? { headers[name.lowercased()] }

        /// The `rel="next"` URL of the `Link` header.
        public var nextLink: String? {
            header("link").flatMap(LinkHeader.next)
        }
    }

    public private(set) var pages: [Page] = []

    public init(_ bytes: [UInt8]) {
        var current: Page?
        var inHeaders = false
        for line in Self.lines(of: bytes) {
            if let status = Self.statusCode(line) {
                if let current { pages.append(current) }
                current = Page(status: status, headers: [:], lines: [])
                inHeaders = true
                continue
            }
            guard current != nil else { continue }  // nothing before the first status line is ours
            if inHeaders {
                if line.isEmpty {
                    inHeaders = false
                } else if let colon = line.firstIndex(of: UInt8(ascii: ":")) {
                    let name = String(decoding: line[line.startIndex..<colon], as: UTF8.self).lowercased()
                    let value = String(decoding: line[(colon + 1)...], as: UTF8.self).trimmingSpaces()
                    current!.headers[name] = value
                }
            } else if !line.isEmpty {
                current!.lines.append(line)
            }
        }
        if let current { pages.append(current) }
    }

    /// The answer that ended the output: the error, when gh failed on one.
    public var last: Page? { pages.last }

    /// The `next` link of the last successful page: where to continue after a failure.
    public var resumeLink: String? {
        pages.last(where: { (200..<300).contains($0.status) })?.nextLink
    }

    /// Lines without their `\n` or `\r\n`.
    private static func lines(of bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var result: [ArraySlice<UInt8>] = []
        var start = bytes.startIndex
        for index in bytes.indices where bytes[index] == UInt8(ascii: "\n") {
            var end = index
            if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            result.append(bytes[start..<end])
            start = index + 1
        }
        if start < bytes.endIndex { result.append(bytes[start...]) }
        return result
    }

    /// `HTTP/1.1 200 OK` or `HTTP/2.0 404 Not Found` → the code. A JSON item never starts so.
    private static func statusCode(_ line: ArraySlice<UInt8>) -> Int? {
        guard line.starts(with: Array("HTTP/".utf8)) else { return nil }
        let words = line.split(separator: UInt8(ascii: " "), maxSplits: 2)
        guard words.count >= 2, words[1].count == 3 else { return nil }
        return Int(String(decoding: words[1], as: UTF8.self))
    }
}

/// RFC 8288 `Link` headers as GitHub sends them: `<url>; rel="next", <url>; rel="last"`.
public enum LinkHeader {
    /// The URL whose relation is `next`, taken verbatim.
    public static func next(_ header: String) -> String? {
        for part in header.split(separator: ",") {
            let pieces = part.split(separator: ";").map { $0.trimmingSpaces() }
            guard let target = pieces.first, target.hasPrefix("<"), target.hasSuffix(">") else { continue }
            let isNext = pieces.dropFirst().contains { parameter in
                let words = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingSpaces() }
                guard words.count == 2, words[0].lowercased() == "rel" else { return false }
                return words[1].trimmingCharacters(in: ["\""]).split(separator: " ").contains("next")
            }
            if isNext { return String(target.dropFirst().dropLast()) }
        }
        return nil
    }
}

extension StringProtocol {
    fileprivate func trimmingSpaces() -> String {
        String(self).trimmingCharacters(in: [" ", "\t"])
    }
}
