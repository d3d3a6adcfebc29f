internal import CCurl

/// Owner of the libcurl multi handle of one engine: its connection cache is what lets successive
/// requests of a client reuse connections (and share one HTTP/2 connection).
///
/// Confined to the engine thread, except ``handle`` for `curl_multi_wakeup`, which the mailbox calls
/// from other threads only while the engine keeps the handle alive.
final class CurlMulti {
    let handle: UnsafeMutableRawPointer

    init?() {
        guard let handle = curl_multi_init() else { return nil }
        self.handle = handle
        _ = ccurl_multi_setopt_long(handle, CURLMOPT_PIPELINING, Int(CURLPIPE_MULTIPLEX))
    }

    deinit {
        curl_multi_cleanup(handle)
    }

    /// Nil on success, else libcurl's reason.
    func add(_ easy: CurlEasy) -> String? {
        let code = curl_multi_add_handle(handle, easy.handle)
        return code == CURLM_OK ? nil : String(cString: curl_multi_strerror(code))
    }

    func remove(_ easy: CurlEasy) {
        _ = curl_multi_remove_handle(handle, easy.handle)
    }

    /// Moves every transfer as far as it can go without blocking.
    func perform() {
        var running: Int32 = 0
        _ = curl_multi_perform(handle, &running)
    }

    /// Waits for socket activity, a libcurl timer, `curl_multi_wakeup` or the timeout, whichever is first.
    /// Returns false when polling itself failed.
    func poll(timeoutMilliseconds: Int32) -> Bool {
        curl_multi_poll(handle, nil, 0, timeoutMilliseconds, nil) == CURLM_OK
    }

    /// The transfers that finished since the last call, with their result codes.
    func finishedTransfers() -> [(easy: UnsafeMutableRawPointer, code: CURLcode)] {
        var finished: [(UnsafeMutableRawPointer, CURLcode)] = []
        var remaining: Int32 = 0
        while let message = curl_multi_info_read(handle, &remaining) {
            if message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle {
                finished.append((easy, message.pointee.data.result))
            }
        }
        return finished
    }
}

@available(*, unavailable)
extension CurlMulti: Sendable {}
