internal import CCurl
import Foundation
import Synchronization

/// A dedicated thread driving one libcurl multi handle; never the Swift concurrency pool.
///
/// Requests arrive through the ``CurlMailbox`` (which wakes the thread's `curl_multi_poll`), and
/// callers are resumed from this thread when their transfer ends. The thread stops on ``shutdown()``.
final class CurlEngine: Sendable {
    private static let serialNumbers = Mutex(0)

    /// The thread's name as `/proc/self/task/*/comm` shows it (at most 15 characters).
    let threadName: String
    let liveHandles = CurlHandleCounter()
    private let mailbox = CurlMailbox()

    init(caBundle: CurlCABundle?) {
        let serial = Self.serialNumbers.withLock { number in
            number += 1
            return number
        }
        threadName = "infra-curl-\(serial % 10_000)"
        let mailbox = mailbox, liveHandles = liveHandles
        let thread = Thread {
            CurlTransferLoop(mailbox: mailbox, caBundle: caBundle, liveHandles: liveHandles).run()
        }
        thread.name = threadName
        thread.start()
    }

    func submit(_ ticket: CurlTransferTicket) {
        if !mailbox.post(.start(ticket)) {
            ticket.finish(.failure(TransportError(.other, "the transport is shut down", mayHaveReachedServer: false)))
        }
    }

    func cancel(_ ticket: CurlTransferTicket) {
        _ = mailbox.post(.cancel(ticket))
    }

    func shutdown() {
        mailbox.requestShutdown()
    }
}

/// The engine thread's state: the multi handle and the transfers in flight.
private final class CurlTransferLoop {
    private struct Transfer {
        let ticket: CurlTransferTicket
        let easy: CurlEasy
    }

    private let mailbox: CurlMailbox
    private let caBundle: CurlCABundle?
    private let liveHandles: CurlHandleCounter
    private var active: [UnsafeMutableRawPointer: Transfer] = [:]

    init(mailbox: CurlMailbox, caBundle: CurlCABundle?, liveHandles: CurlHandleCounter) {
        self.mailbox = mailbox
        self.caBundle = caBundle
        self.liveHandles = liveHandles
    }

    func run() {
        guard let multi = CurlMulti() else {
            failAll(mailbox.close(), TransportError(.other, "libcurl could not create a multi handle", mayHaveReachedServer: false))
            return
        }
        mailbox.open(multi: multi.handle)
        while true {
            let (commands, isShutdownRequested) = mailbox.take()
            for command in commands {
                switch command {
                case .start(let ticket): start(ticket, on: multi)
                case .cancel(let ticket): cancel(ticket, on: multi)
                }
            }
            if isShutdownRequested { break }
            if !active.isEmpty {
                multi.perform()
                for (easy, code) in multi.finishedTransfers() { complete(easy, code, on: multi) }
            }
            // An idle engine sleeps until a wake-up; a busy one until libcurl's next timer at the latest.
            if !multi.poll(timeoutMilliseconds: active.isEmpty ? 60_000 : 1_000) {
                Thread.sleep(forTimeInterval: 0.001)
            }
        }
        failAll(mailbox.close(), TransportError(.other, "the transport is shut down", mayHaveReachedServer: false))
        for transfer in active.values {
            multi.remove(transfer.easy)
            transfer.ticket.finish(.failure(CurlTransferTicket.cancellation))
        }
        active.removeAll()
    }

    private func start(_ ticket: CurlTransferTicket, on multi: CurlMulti) {
        guard !ticket.isCancellationRequested else {
            return ticket.finish(.failure(CurlTransferTicket.cancellation))
        }
        guard let easy = CurlEasy(caBundle: caBundle, liveHandles: liveHandles) else {
            return ticket.finish(
                .failure(TransportError(.other, "libcurl could not create a handle", mayHaveReachedServer: false)))
        }
        do {
            try easy.configure(for: ticket.request)
        } catch {
            return ticket.finish(.failure(error))
        }
        if let reason = multi.add(easy) {
            return ticket.finish(.failure(TransportError(.other, reason, mayHaveReachedServer: false)))
        }
        active[easy.handle] = Transfer(ticket: ticket, easy: easy)
    }

    private func cancel(_ ticket: CurlTransferTicket, on multi: CurlMulti) {
        guard let (handle, transfer) = active.first(where: { $0.value.ticket === ticket }) else { return }
        multi.remove(transfer.easy)
        active[handle] = nil
        ticket.finish(.failure(CurlTransferTicket.cancellation))
    }

    private func complete(_ handle: UnsafeMutableRawPointer, _ code: CURLcode, on multi: CurlMulti) {
        guard let transfer = active.removeValue(forKey: handle) else { return }
        multi.remove(transfer.easy)
        transfer.ticket.finish(code == CURLE_OK ? .success(transfer.easy.response()) : .failure(transfer.easy.failure(code)))
    }

    private func failAll(_ commands: [CurlMailbox.Command], _ error: TransportError) {
        for case .start(let ticket) in commands { ticket.finish(.failure(error)) }
    }
}
