internal import CCurl
import Foundation
import Glibc
import Synchronization

/// A dedicated thread driving one libcurl multi handle; never the Swift concurrency pool.
///
/// Requests arrive through the ``CurlMailbox`` (whose pipe ends the thread's `curl_multi_poll`), and
/// callers are resumed from this thread when their transfer ends. The thread stops on ``shutdown()``.
final class CurlEngine: Sendable {
    private static let serialNumbers = Mutex(0)

    /// The thread's name as `/proc/self/task/*/comm` shows it (at most 15 characters).
    let threadName: String
    let handleCensus = CurlHandleCensus()
    private let mailbox: CurlMailbox

    init(caBundle: CurlCABundle?) throws(TransportSetupError) {
        guard let mailbox = CurlMailbox() else {
            throw TransportSetupError("cannot create a pipe for the libcurl thread")
        }
        self.mailbox = mailbox
        let serial = Self.serialNumbers.withLock { number in
            number += 1
            return number
        }
        threadName = "infra-curl-\(serial % 10_000)"
        let handleCensus = handleCensus, threadName = threadName
        Thread {
            Self.nameCurrentThread(threadName)
            CurlTransferLoop(mailbox: mailbox, caBundle: caBundle, census: handleCensus).run()
        }.start()
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

    /// Names the calling thread for `/proc/self/task/*/comm` and debuggers (libcurl's resolver threads
    /// inherit it). Foundation's `Thread.name` reaches the kernel only if it wins a start-up race.
    private static func nameCurrentThread(_ name: String) {
        FileHandle(forWritingAtPath: "/proc/thread-self/comm")?.write(Data(name.utf8))
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
    private let census: CurlHandleCensus
    private var active: [UnsafeMutableRawPointer: Transfer] = [:]
    /// Handles of finished transfers, reset and kept for the next ones (saves their set-up).
    private var idle: [CurlEasy] = []
    private static let maxIdle = 4

    init(mailbox: CurlMailbox, caBundle: CurlCABundle?, census: CurlHandleCensus) {
        self.mailbox = mailbox
        self.caBundle = caBundle
        self.census = census
    }

    func run() {
        guard let multi = CurlMulti() else {
            let error = TransportError(.other, "libcurl could not create a multi handle", mayHaveReachedServer: false)
            return failAll(mailbox.close(), error)
        }
        while true {
            let (commands, isShutdownRequested) = mailbox.take()
            for command in commands {
                switch command {
                case .start(let ticket): start(ticket, on: multi)
                case .cancel(let ticket): cancel(ticket, on: multi)
                }
            }
            if isShutdownRequested { break }
            var finishedSome = false
            if !active.isEmpty {
                multi.perform()
                for (easy, code) in multi.finishedTransfers() {
                    complete(easy, code, on: multi)
                    finishedSome = true
                }
            }
            if finishedSome && active.isEmpty && awaitWorkBriefly() { continue }
            guard mailbox.prepareToSleep() else { continue }
            // An idle engine sleeps until a post; a busy one until libcurl's next timer at the latest.
            if !multi.poll(wakeupFD: mailbox.wakeupFD, timeoutMilliseconds: active.isEmpty ? 60_000 : 1_000) {
                Thread.sleep(forTimeInterval: 0.001)
            }
        }
        failAll(mailbox.close(), TransportError(.other, "the transport is shut down", mayHaveReachedServer: false))
        for handle in Array(active.keys) {
            if let result = detach(handle, from: multi, code: nil) { result.ticket.finish(result.outcome) }
        }
    }

    /// A caller that just got its response often sends the next request within tens of microseconds.
    /// Watching the mailbox that long (yielding the core meanwhile) saves falling asleep in poll and
    /// being woken again, which on loopback costs more than the request itself.
    private func awaitWorkBriefly() -> Bool {
        let deadline = ContinuousClock.now + .microseconds(200)
        repeat {
            if mailbox.hasWork { return true }
            sched_yield()
        } while ContinuousClock.now < deadline
        return false
    }

    private func start(_ ticket: CurlTransferTicket, on multi: CurlMulti) {
        guard !ticket.isCancellationRequested else {
            return ticket.finish(.failure(CurlTransferTicket.cancellation))
        }
        guard let easy = idle.popLast() ?? CurlEasy(caBundle: caBundle, census: census) else {
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
        census.started()
    }

    private func cancel(_ ticket: CurlTransferTicket, on multi: CurlMulti) {
        guard let handle = active.first(where: { $0.value.ticket === ticket })?.key,
            let result = detach(handle, from: multi, code: nil)
        else { return }
        result.ticket.finish(result.outcome)
    }

    private func complete(_ handle: UnsafeMutableRawPointer, _ code: CURLcode, on multi: CurlMulti) {
        guard let result = detach(handle, from: multi, code: code) else { return }
        result.ticket.finish(result.outcome)
    }

    /// Removes a transfer and resets its easy handle for reuse, or frees it (after a cancellation, or
    /// when enough are idle) — before the caller is resumed, so no handle is still busy with a call
    /// that has returned. A nil `code` means cancelled.
    private func detach(_ handle: UnsafeMutableRawPointer, from multi: CurlMulti, code: CURLcode?)
        -> (ticket: CurlTransferTicket, outcome: Result<HTTPResponse, TransportError>)?
    {
        guard let transfer = active.removeValue(forKey: handle) else { return nil }
        multi.remove(transfer.easy)
        census.ended()
        guard let code else { return (transfer.ticket, .failure(CurlTransferTicket.cancellation)) }
        let outcome: Result<HTTPResponse, TransportError> =
            code == CURLE_OK ? .success(transfer.easy.response()) : .failure(transfer.easy.failure(code))
        if idle.count < Self.maxIdle {
            transfer.easy.reset()
            idle.append(transfer.easy)
        }
        return (transfer.ticket, outcome)
    }

    private func failAll(_ commands: [CurlMailbox.Command], _ error: TransportError) {
        for case .start(let ticket) in commands { ticket.finish(.failure(error)) }
    }
}
