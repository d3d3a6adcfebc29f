internal import CCurl

/// Owner of a `curl_slist` (request header lines).
final class CurlStringList {
    private(set) var pointer: UnsafeMutablePointer<curl_slist>?

    init() {}

    deinit {
        curl_slist_free_all(pointer)
    }

    /// Returns false when libcurl could not allocate the entry.
    func append(_ line: String) -> Bool {
        guard let extended = curl_slist_append(pointer, line) else { return false }
        pointer = extended
        return true
    }
}

@available(*, unavailable)
extension CurlStringList: Sendable {}
