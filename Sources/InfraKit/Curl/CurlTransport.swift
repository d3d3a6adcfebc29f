import Foundation

/// The libcurl transport: one engine thread and one connection cache per instance.
///
/// Connections are kept alive and reused between requests; HTTPS uses HTTP/2 when the server offers
/// it. TLS peer and host verification are always on; `extraCABundlePath` adds trust to the system
/// store, it never replaces or disables it.
public final class CurlTransport: HTTPTransport {
    private let engine: CurlEngine

    /// Fails when libcurl cannot start or the extra CA bundle cannot be read.
    public init(extraCABundlePath: String? = nil) throws(TransportSetupError) {
        try CurlGlobal.initialise()
        var caBundle: CurlCABundle?
        if let extraCABundlePath { caBundle = try CurlCABundle(extraPath: extraCABundlePath) }
        engine = CurlEngine(caBundle: caBundle)
    }

    deinit {
        engine.shutdown()
    }

    public func execute(_ request: TransportRequest) async throws(TransportError) -> HTTPResponse {
        let ticket = CurlTransferTicket(request: request)
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                if ticket.attach(continuation) { engine.submit(ticket) }
            }
        } onCancel: {
            if ticket.requestCancellation() { engine.cancel(ticket) }
        }
        return try result.get()
    }

    /// The engine thread's name, so tests can see it come and go in `/proc/self/task`.
    var threadName: String { engine.threadName }

    /// Easy handles alive right now; zero whenever no request is in flight.
    var liveHandleCount: Int { engine.liveHandles.value }
}
