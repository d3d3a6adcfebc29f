import Glibc
internal import CSSH2

/// Copies bytes both ways between one `direct-tcpip` channel of a jump session and the gateway's
/// end of a socket pair, whose other end a host's SSH session runs over.
///
/// Lives on the gateway's thread. Every call is non-blocking: `pump` moves what can move now and
/// the gateway polls for the rest. libssh2 allows one unfinished outgoing packet per session, so a
/// write that answers EAGAIN (or BAD_USE, another channel's packet being unfinished) is simply
/// tried again on the next pump.
final class ChannelBridge {
    /// The gateway's end of the socket pair (non-blocking).
    let local: Int32
    private let channel: OpaquePointer
    private var toChannel: [UInt8] = []
    private var toLocal: [UInt8] = []
    private var localEnded = false
    private var eofSent = false
    private var channelEnded = false
    private var localShutDown = false
    private var closed = false
    /// Where each read lands before it is queued (one allocation per bridge, not per read).
    private var scratch = [UInt8](repeating: 0, count: 16 << 10)
    private static let bufferLimit = 64 << 10

    init(channel: OpaquePointer, local: Int32) {
        self.channel = channel
        self.local = local
    }

    deinit {
        close(local)
    }

    /// True once both directions have ended and the channel is closed; the bridge can go.
    var isFinished: Bool { closed }

    /// The descriptor to poll: the local end, or -1 (ignored by poll(2)) once the host's side has
    /// ended and nothing waits to go to it, so that its hang-up cannot wake the gateway again and
    /// again while the channel winds down.
    var pollDescriptor: Int32 {
        localEnded && toLocal.isEmpty ? -1 : local
    }

    /// What to poll the local end for.
    var localEvents: Int16 {
        var events: Int16 = 0
        if !localEnded && toChannel.count < Self.bufferLimit { events |= Int16(POLLIN) }
        if !toLocal.isEmpty { events |= Int16(POLLOUT) }
        return events
    }

    /// True while the bridge would take more from the channel (so the bastion's socket is worth reading).
    var wantsChannelInput: Bool { !closed && !channelEnded && toLocal.count < Self.bufferLimit }

    /// True when libssh2 already holds input for this channel that a pump would take. Reading one
    /// channel can pull another channel's packets off the socket, and those wait in libssh2's
    /// queue, where poll(2) cannot see them.
    var hasQueuedChannelInput: Bool {
        wantsChannelInput && (libssh2_poll_channel_read(channel, 0) != 0 || libssh2_channel_eof(channel) != 0)
    }

    /// Moves whatever can move without blocking, in both directions.
    func pump() {
        if closed { return }
        readLocal()
        writeChannel()
        if localEnded && toChannel.isEmpty && !eofSent {
            let result = libssh2_channel_send_eof(channel)
            if result == 0 || !Self.isRetry(result) { eofSent = true }
        }
        readChannel()
        writeLocal()
        if channelEnded && toLocal.isEmpty && !localShutDown {
            shutdown(local, Int32(SHUT_WR))
            localShutDown = true
        }
        if localEnded && eofSent && channelEnded && toLocal.isEmpty {
            let result = libssh2_channel_close(channel)
            if !Self.isRetry(result) { closed = true }
        }
    }

    /// Frees the channel; call once on the gateway's thread when the bridge is dropped.
    func free() {
        _ = libssh2_channel_free(channel)
    }

    private func readLocal() {
        guard !localEnded, toChannel.count < Self.bufferLimit else { return }
        let count = scratch.withUnsafeMutableBytes { recv(local, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
        if count > 0 {
            toChannel.append(contentsOf: scratch.prefix(count))
        } else if count == 0 || (errno != EAGAIN && errno != EINTR) {
            localEnded = true  // the host's session closed its end (or it broke)
        }
    }

    private func writeChannel() {
        while !toChannel.isEmpty {
            let written = toChannel.withUnsafeBytes { bytes in
                libssh2_channel_write_ex(channel, 0, bytes.baseAddress?.assumingMemoryBound(to: CChar.self), bytes.count)
            }
            if written > 0 {
                toChannel.removeFirst(written)
            } else if written == 0 || Self.isRetry(Int32(written)) {
                return
            } else {
                // The channel is gone (the target closed it): nothing more can reach it.
                toChannel.removeAll()
                localEnded = true
                eofSent = true
                return
            }
        }
    }

    private func readChannel() {
        while !channelEnded && toLocal.count < Self.bufferLimit {
            let count = scratch.withUnsafeMutableBytes { bytes in
                cssh2_channel_read(channel, 0, bytes.baseAddress?.assumingMemoryBound(to: CChar.self), bytes.count)
            }
            if count > 0 {
                toLocal.append(contentsOf: scratch.prefix(count))
                continue
            }
            let quiet = count == 0 || Self.isRetry(Int32(count))
            if quiet && libssh2_channel_eof(channel) == 0 { return }
            channelEnded = true
        }
    }

    private func writeLocal() {
        while !toLocal.isEmpty {
            let sent = toLocal.withUnsafeBytes { send(local, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL | MSG_DONTWAIT)) }
            if sent > 0 {
                toLocal.removeFirst(sent)
            } else if errno == EAGAIN || errno == EINTR {
                return
            } else {
                // The host's session has gone: drop what it will never read.
                toLocal.removeAll()
                localEnded = true
                return
            }
        }
    }

    /// EAGAIN, or BAD_USE: another channel's packet is half sent and has to finish first.
    static func isRetry(_ code: Int32) -> Bool {
        code == LIBSSH2_ERROR_EAGAIN || code == LIBSSH2_ERROR_BAD_USE
    }
}
