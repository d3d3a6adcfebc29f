internal import CCurl
import Glibc

/// The one place where libcurl result codes and OS errors become ``TransportError``s.
enum CurlErrorMapping {
    /// `code` is a raw `CURLcode`, `osErrno` what `CURLINFO_OS_ERRNO` reported, `bytesSent` how much
    /// of the request (headers and body) was written to a connection.
    static func transportError(code: UInt32, osErrno: Int32, message: String, bytesSent: Int) -> TransportError {
        let kind = kind(code: code, osErrno: osErrno)
        let neverConnected = [CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY, CURLE_COULDNT_CONNECT]
            .contains(CURLcode(rawValue: code))
        return TransportError(kind, message, mayHaveReachedServer: !neverConnected && bytesSent > 0)
    }

    static func kind(code: UInt32, osErrno: Int32) -> TransportError.Kind {
        switch CURLcode(rawValue: code) {
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            return .cannotResolve
        case CURLE_COULDNT_CONNECT:
            return .cannotConnect
        case CURLE_OPERATION_TIMEDOUT:
            return .timedOut
        case CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE, CURLE_HTTP2,
            CURLE_HTTP2_STREAM:
            return .connectionLost
        case CURLE_SSL_CONNECT_ERROR:
            // A handshake cut off by the network is not a certificate problem.
            return [ECONNRESET, EPIPE, ECONNABORTED].contains(osErrno) ? .connectionLost : .tls
        case CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE,
            CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS,
            CURLE_SSL_CRL_BADFILE, CURLE_SSL_SHUTDOWN_FAILED, CURLE_USE_SSL_FAILED, CURLE_SSL_ENGINE_NOTFOUND,
            CURLE_SSL_ENGINE_SETFAILED, CURLE_SSL_ENGINE_INITFAILED, CURLE_SSL_CLIENTCERT:
            return .tls
        case CURLE_ABORTED_BY_CALLBACK:
            return .cancelled
        default:
            switch osErrno {
            case ECONNREFUSED, ENETUNREACH, EHOSTUNREACH: return .cannotConnect
            case ECONNRESET, EPIPE, ECONNABORTED: return .connectionLost
            case ETIMEDOUT: return .timedOut
            default: return .other
            }
        }
    }
}
