@testable import InfraKit
import Testing

@Suite("libcurl error mapping")
struct CurlErrorMappingTests {
    // Raw CURLcode values (stable ABI) and Linux errno values.
    @Test(arguments: [
        (6, 0, TransportError.Kind.cannotResolve),  // COULDNT_RESOLVE_HOST
        (5, 0, .cannotResolve),  // COULDNT_RESOLVE_PROXY
        (7, 111, .cannotConnect),  // COULDNT_CONNECT, ECONNREFUSED
        (28, 110, .timedOut),  // OPERATION_TIMEDOUT
        (56, 104, .connectionLost),  // RECV_ERROR, ECONNRESET
        (55, 32, .connectionLost),  // SEND_ERROR, EPIPE
        (52, 0, .connectionLost),  // GOT_NOTHING
        (18, 0, .connectionLost),  // PARTIAL_FILE
        (92, 0, .connectionLost),  // HTTP2_STREAM
        (60, 0, .tls),  // PEER_FAILED_VERIFICATION
        (35, 0, .tls),  // SSL_CONNECT_ERROR
        (35, 104, .connectionLost),  // SSL_CONNECT_ERROR caused by a reset
        (77, 0, .tls),  // SSL_CACERT_BADFILE
        (42, 0, .cancelled),  // ABORTED_BY_CALLBACK
        (3, 0, .other),  // URL_MALFORMAT
        (23, 0, .other),  // WRITE_ERROR
        (26, 111, .cannotConnect),  // READ_ERROR, but the OS says refused
    ] as [(UInt32, Int32, TransportError.Kind)])
    func curlCodeAndErrnoMapToAKind(code: UInt32, osErrno: Int32, expected: TransportError.Kind) {
        #expect(CurlErrorMapping.kind(code: code, osErrno: osErrno) == expected)
    }

    @Test func failuresBeforeAnyByteWasSentNeverReachedTheServer() {
        let refused = CurlErrorMapping.transportError(code: 7, osErrno: 111, message: "refused", bytesSent: 0)
        #expect(!refused.mayHaveReachedServer)
        let unresolved = CurlErrorMapping.transportError(code: 6, osErrno: 0, message: "no such host", bytesSent: 0)
        #expect(!unresolved.mayHaveReachedServer)
        let connectTimeout = CurlErrorMapping.transportError(code: 28, osErrno: 110, message: "timeout", bytesSent: 0)
        #expect(!connectTimeout.mayHaveReachedServer)
        let lateTimeout = CurlErrorMapping.transportError(code: 28, osErrno: 0, message: "timeout", bytesSent: 120)
        #expect(lateTimeout.mayHaveReachedServer)
        let reset = CurlErrorMapping.transportError(code: 56, osErrno: 104, message: "reset", bytesSent: 95)
        #expect(reset.mayHaveReachedServer)
        #expect(reset.kind == .connectionLost && reset.message == "reset")
    }
}
