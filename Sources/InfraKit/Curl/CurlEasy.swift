internal import CCurl
import Foundation

/// Owner of one libcurl easy handle, configured for one transfer, with the buffers it writes into.
///
/// Confined to the engine thread: created, driven and destroyed there.
final class CurlEasy {
    /// Responses beyond this size are refused rather than held in memory.
    static let maxResponseBytes = 64 << 20

    let handle: UnsafeMutableRawPointer
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private let headerLines = CurlStringList()
    private let caBundle: CurlCABundle?
    private let liveHandles: CurlHandleCounter
    private var body = Data()
    private var headers = HTTPHeaders()
    private var isBodyTooLarge = false

    init?(caBundle: CurlCABundle?, liveHandles: CurlHandleCounter) {
        guard let handle = curl_easy_init() else { return nil }
        self.handle = handle
        self.caBundle = caBundle
        self.liveHandles = liveHandles
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
        liveHandles.increment()
    }

    deinit {
        curl_easy_cleanup(handle)
        errorBuffer.deallocate()
        liveHandles.decrement()
    }

    /// Sets every option of the transfer; TLS verification is always on.
    func configure(for request: TransportRequest) throws(TransportError) {
        try set(CURLOPT_ERRORBUFFER, errorBuffer)
        try set(CURLOPT_URL, request.url)
        try set(CURLOPT_PROTOCOLS_STR, "http,https")
        try set(CURLOPT_NOSIGNAL, 1)
        try set(CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_2TLS))
        try set(CURLOPT_PIPEWAIT, 1)
        try set(CURLOPT_SSL_VERIFYPEER, 1)
        try set(CURLOPT_SSL_VERIFYHOST, 2)
        try set(CURLOPT_ACCEPT_ENCODING, "")
        try set(CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(request.connectTimeout))
        try set(CURLOPT_TIMEOUT_MS, Self.milliseconds(request.timeout))
        if let caBundle {
            try check(caBundle.withBlob { ccurl_easy_setopt_blob(handle, CURLOPT_CAINFO_BLOB, $0) })
        }
        try configureMethod(request)
        try configureHeaders(request)
        try configureCallbacks()
    }

    /// The response as received so far; complete once libcurl reported the transfer done.
    func response() -> HTTPResponse {
        var status = 0
        _ = ccurl_easy_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        return HTTPResponse(status: status, headers: headers, body: body)
    }

    /// Why the transfer ended with `code`, and whether any of the request left this machine.
    func failure(_ code: CURLcode) -> TransportError {
        var osErrno = 0, requestBytes = 0
        var uploadedBytes: curl_off_t = 0
        _ = ccurl_easy_getinfo_long(handle, CURLINFO_OS_ERRNO, &osErrno)
        _ = ccurl_easy_getinfo_long(handle, CURLINFO_REQUEST_SIZE, &requestBytes)
        _ = ccurl_easy_getinfo_off_t(handle, CURLINFO_SIZE_UPLOAD_T, &uploadedBytes)
        let detail = errorBuffer.pointee != 0 ? String(cString: errorBuffer) : String(cString: curl_easy_strerror(code))
        let message = isBodyTooLarge ? "response larger than \(Self.maxResponseBytes >> 20) MiB" : detail
        return CurlErrorMapping.transportError(
            code: code.rawValue, osErrno: Int32(truncatingIfNeeded: osErrno), message: message,
            bytesSent: requestBytes + Int(uploadedBytes))
    }

    private func configureMethod(_ request: TransportRequest) throws(TransportError) {
        switch (request.method, request.body) {
        case (.head, _):
            try set(CURLOPT_NOBODY, 1)
        case (.get, nil):
            try set(CURLOPT_HTTPGET, 1)
        case (let method, let body):
            let body = body ?? Data()
            try check(ccurl_easy_setopt_off_t(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count)))
            // COPYPOSTFIELDS copies `POSTFIELDSIZE` bytes, so the pointer need not outlive the call.
            let code = body.withUnsafeBytes { bytes in
                guard let base = bytes.baseAddress else {
                    return ccurl_easy_setopt_string(handle, CURLOPT_COPYPOSTFIELDS, "")
                }
                return ccurl_easy_setopt_pointer(handle, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: base))
            }
            try check(code)
            if method != .post { try set(CURLOPT_CUSTOMREQUEST, method.rawValue) }
        }
    }

    private func configureHeaders(_ request: TransportRequest) throws(TransportError) {
        var lines = request.headers.map { $0.value.isEmpty ? "\($0.name);" : "\($0.name): \($0.value)" }
        // No `Expect: 100-continue` round trip before bodies.
        lines.append("Expect:")
        // libcurl would label an empty body as a form.
        if request.body == nil && !request.headers.contains("Content-Type") { lines.append("Content-Type:") }
        for line in lines where !headerLines.append(line) {
            throw TransportError(.other, "out of memory for request headers", mayHaveReachedServer: false)
        }
        try check(ccurl_easy_setopt_slist(handle, CURLOPT_HTTPHEADER, headerLines.pointer))
    }

    private func configureCallbacks() throws(TransportError) {
        let this = Unmanaged.passUnretained(self).toOpaque()
        try check(
            ccurl_easy_set_write_callback(handle, this) { data, size, count, this in
                guard let data, let this else { return 0 }
                let chunk = UnsafeRawBufferPointer(start: data, count: size * count)
                return Unmanaged<CurlEasy>.fromOpaque(this).takeUnretainedValue().receiveBody(chunk)
            })
        try check(
            ccurl_easy_set_header_callback(handle, this) { data, size, count, this in
                guard let data, let this else { return 0 }
                let line = UnsafeRawBufferPointer(start: data, count: size * count)
                return Unmanaged<CurlEasy>.fromOpaque(this).takeUnretainedValue().receiveHeader(line)
            })
    }

    private func receiveBody(_ chunk: UnsafeRawBufferPointer) -> Int {
        guard body.count + chunk.count <= Self.maxResponseBytes else {
            isBodyTooLarge = true
            return 0
        }
        body.append(contentsOf: chunk)
        return chunk.count
    }

    private func receiveHeader(_ bytes: UnsafeRawBufferPointer) -> Int {
        let line = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if line.hasPrefix("HTTP/") {
            // A new status line (after `100 Continue` or a redirect) starts a new header block.
            headers = HTTPHeaders()
        } else if let colon = line.firstIndex(of: ":") {
            headers.add(
                line[..<colon].trimmingCharacters(in: .whitespaces),
                line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        return bytes.count
    }

    private func set(_ option: CURLoption, _ value: Int) throws(TransportError) {
        try check(ccurl_easy_setopt_long(handle, option, value))
    }

    private func set(_ option: CURLoption, _ value: String) throws(TransportError) {
        try check(ccurl_easy_setopt_string(handle, option, value))
    }

    private func set(_ option: CURLoption, _ pointer: UnsafeMutablePointer<CChar>) throws(TransportError) {
        try check(ccurl_easy_setopt_pointer(handle, option, pointer))
    }

    private func check(_ code: CURLcode) throws(TransportError) {
        guard code == CURLE_OK else {
            let reason = String(cString: curl_easy_strerror(code))
            throw TransportError(.other, "cannot configure the transfer: \(reason)", mayHaveReachedServer: false)
        }
    }

    /// libcurl reads 0 as "no timeout", so anything shorter than a millisecond becomes one.
    private static func milliseconds(_ duration: Duration) -> Int {
        max(1, Int(clamping: duration.milliseconds))
    }
}

@available(*, unavailable)
extension CurlEasy: Sendable {}
