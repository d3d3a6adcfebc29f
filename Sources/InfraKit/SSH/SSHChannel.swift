internal import CSSH2

/// An exec channel of a session. Keeps its session (and so the socket) alive while it exists.
///
/// Output is collected into `standardOutput` / `standardError` as it arrives, so whatever a
/// command printed before the deadline is still there when reading times out.
final class SSHChannel {
    private let session: SSHSession
    private let handle: OpaquePointer
    private var isClosed = false
    private(set) var standardOutput: [UInt8] = []
    private(set) var standardError: [UInt8] = []
    /// Set when a stream passed `outputLimit` and the rest was dropped.
    private(set) var truncated = false
    private let outputLimit: Int

    init(session: SSHSession, deadline: Deadline, outputLimit: Int = 1 << 20) throws(SSHError) {
        var opened = cssh2_channel_open_session(session.handle)
        while opened == nil {
            let code = libssh2_session_last_errno(session.handle)
            if code != LIBSSH2_ERROR_EAGAIN { throw session.failure(code: code, phase: .exec) }
            try session.waitForSocket(.exec, deadline: deadline)
            opened = cssh2_channel_open_session(session.handle)
        }
        guard let opened else { throw SSHError(.protocolFailure, phase: .exec, "\(session.host): no channel") }
        self.session = session
        self.handle = opened
        self.outputLimit = outputLimit
    }

    deinit {
        // A channel that was not closed cleanly would make libssh2 send CLOSE and wait for
        // the peer; ending the connection first turns that into an immediate local free.
        if !isClosed { session.connection.abort() }
        while libssh2_channel_free(handle) == LIBSSH2_ERROR_EAGAIN {
            session.connection.abort()
        }
    }

    func exec(_ command: String, deadline: Deadline) throws(SSHError) {
        try session.perform(.exec, deadline: deadline) { cssh2_channel_exec(handle, command) }
    }

    /// Reads both streams until the remote end sends EOF.
    func readToEnd(deadline: Deadline) throws(SSHError) {
        var buffer = [CChar](repeating: 0, count: 32_768)
        while true {
            let gotOutput = try drain(stream: 0, into: &buffer)
            let gotError = try drain(stream: 1, into: &buffer)
            if libssh2_channel_eof(handle) != 0 { return }
            // Reading stderr can pull stdout packets off the socket into libssh2's queue, where
            // poll(2) cannot see them: wait only when nothing at all is queued for this channel.
            if !gotOutput && !gotError && libssh2_poll_channel_read(handle, 1) == 0 {
                try session.waitForSocket(.read, deadline: deadline)
            }
        }
    }

    /// Closes the channel and returns the command's exit status, or nil when the server did
    /// not confirm the close before the deadline (the output is complete either way).
    func close(deadline: Deadline) -> Int32? {
        do {
            try session.perform(.read, deadline: deadline) { libssh2_channel_close(handle) }
            try session.perform(.read, deadline: deadline) { libssh2_channel_wait_closed(handle) }
        } catch {
            return nil
        }
        isClosed = true
        return libssh2_channel_get_exit_status(handle)
    }

    /// Reads what is buffered on one stream; true when anything arrived.
    private func drain(stream: Int32, into buffer: inout [CChar]) throws(SSHError) -> Bool {
        var received = false
        while true {
            let count = buffer.withUnsafeMutableBufferPointer { cssh2_channel_read(handle, stream, $0.baseAddress, $0.count) }
            if count == Int(LIBSSH2_ERROR_EAGAIN) || count == 0 { return received }
            if count < 0 { throw session.failure(code: Int32(count), phase: .read) }
            received = true
            append(buffer.prefix(count), toErrorStream: stream == 1)
        }
    }

    private func append(_ chunk: ArraySlice<CChar>, toErrorStream: Bool) {
        let room = outputLimit - (toErrorStream ? standardError.count : standardOutput.count)
        if chunk.count > room { truncated = true }
        let kept = chunk.prefix(max(room, 0)).lazy.map { UInt8(bitPattern: $0) }
        if toErrorStream { standardError.append(contentsOf: kept) } else { standardOutput.append(contentsOf: kept) }
    }
}
