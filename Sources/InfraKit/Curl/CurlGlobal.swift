internal import CCurl

/// libcurl's process-wide state, initialised exactly once, before the first handle exists.
enum CurlGlobal {
    /// Swift runs a static initialiser once, thread-safely, on first use.
    private static let initialisationResult: UInt32 = curl_global_init(ccurl_global_all()).rawValue

    static func initialise() throws(TransportSetupError) {
        let code = CURLcode(rawValue: initialisationResult)
        guard code == CURLE_OK else {
            throw TransportSetupError("cannot initialise libcurl: \(String(cString: curl_easy_strerror(code)))")
        }
    }
}
