internal import CCurl
import Foundation

/// The system trust store followed by an extra PEM file, held in memory for `CURLOPT_CAINFO_BLOB`.
///
/// A blob *replaces* libcurl's default CA file, so the system bundle is included to make the extra
/// file add trust instead of narrowing it. libcurl keeps only a pointer to these bytes
/// (`CURL_BLOB_NOCOPY`), so every easy handle holds a reference to the bundle.
final class CurlCABundle: @unchecked Sendable {
    // @unchecked: the bytes are written once in init and only read afterwards.
    static let systemBundlePath = "/etc/ssl/certs/ca-certificates.crt"

    private let bytes: UnsafeMutableRawBufferPointer

    init(extraPath: String, systemPath: String = CurlCABundle.systemBundlePath) throws(TransportSetupError) {
        guard let extra = FileManager.default.contents(atPath: extraPath) else {
            let reason = FileManager.default.fileExists(atPath: extraPath) ? "not readable" : "no such file"
            throw TransportSetupError("cannot read CA bundle \(extraPath): \(reason)")
        }
        guard extra.range(of: Data("-----BEGIN CERTIFICATE-----".utf8)) != nil else {
            throw TransportSetupError("CA bundle \(extraPath) holds no PEM certificate")
        }
        let system = FileManager.default.contents(atPath: systemPath)
        let combined = Self.combined(system: system, extra: extra)
        bytes = .allocate(byteCount: combined.count, alignment: 1)
        bytes.copyBytes(from: combined)
    }

    deinit {
        bytes.deallocate()
    }

    /// The system bundle (when readable), a line break, then the extra file.
    static func combined(system: Data?, extra: Data) -> Data {
        var combined = system ?? Data()
        if !combined.isEmpty && combined.last != UInt8(ascii: "\n") { combined.append(UInt8(ascii: "\n")) }
        combined.append(extra)
        return combined
    }

    var count: Int { bytes.count }

    /// Calls `body` with a blob describing the bytes; libcurl copies the struct, not the bytes.
    func withBlob<Result>(_ body: (UnsafeMutablePointer<curl_blob>) -> Result) -> Result {
        var blob = curl_blob(data: bytes.baseAddress, len: bytes.count, flags: UInt32(CURL_BLOB_NOCOPY))
        return body(&blob)
    }
}
