/// An `add-record` request `present` started for a challenge and has no answer for yet.
///
/// The request runs in a task of its own, so an interruption stops the wait for it but not the
/// request: its answer, when it comes, names the record to remove.
struct ACMEPendingAdd: Sendable {
    let challenge: ACMEChallenge
    let site: ACMERecordSite
    let request: Task<DNSRecord, any Error>

    init(_ challenge: ACMEChallenge, at site: ACMERecordSite, ttl: Int, client: CloudNSClient) {
        self.challenge = challenge
        self.site = site
        let record = DNSRecord(host: site.host, type: "TXT", value: challenge.value, ttl: ttl)
        request = Task { try await client.addRecord(record, in: site.recordZone) }
    }
}

/// Takes back what a failed or interrupted `present` added, and nothing else: the records it
/// knows by id, and the record of an `add-record` request whose answer it did not get.
struct ACMERecordWithdrawal {
    /// How long cleanup may take after an interruption: the caller asked the hook to stop, and
    /// may not wait much longer before it kills it.
    static let interruptedLimit: Duration = .seconds(5)

    let client: CloudNSClient
    let log: ACMEHookLog

    /// After a failure: removes `records` and settles `pending` (whose request has ended).
    func afterFailure(_ records: [ACMEPublishedRecord], pending: ACMEPendingAdd?) async {
        await remove(records, reason: "after the failure")
        if let pending { await settle(pending, reason: "after the failure") }
    }

    /// After an interruption (the calling task is cancelled): the same, in a task the
    /// cancellation does not reach, given up after ``interruptedLimit``.
    func afterInterruption(_ records: [ACMEPublishedRecord], pending: ACMEPendingAdd?) async {
        if records.isEmpty && pending == nil {
            log.step("interrupted before any record was added: nothing to remove")
            return
        }
        await withUncancelledDeadline(Self.interruptedLimit) {
            await remove(records, reason: "after the interruption")
            if let pending { await settle(pending, reason: "after the interruption") }
        }
    }

    private func remove(_ records: [ACMEPublishedRecord], reason: String) async {
        for record in records {
            await delete(id: record.recordID, at: record.site, reason: reason)
        }
    }

    private func delete(id: String, at site: ACMERecordSite, reason: String) async {
        do {
            switch try await client.deleteRecord(id: id, in: site.recordZone) {
            case .deleted: log.step("removed TXT \(site.name) (id \(id)) again \(reason)")
            case .alreadyGone: log.step("TXT \(site.name) (id \(id)) was already gone \(reason)")
            }
        } catch {
            log.step("warning: could not remove TXT \(site.name) (id \(id)) \(reason): \(gaveUp(error))")
        }
    }

    /// Waits for the pending request's answer; removes the record it added, or, when the answer
    /// was lost after CloudNS may have acted, every record at the name holding exactly the value
    /// (this run's: the value was not there before it added it).
    private func settle(_ pending: ACMEPendingAdd, reason: String) async {
        let name = pending.site.name
        let added: DNSRecord
        do {
            added = try await pending.request.valueUnlessCancelled()
        } catch is CancellationError {
            pending.request.cancel()
            log.step(
                "warning: no answer to the add-record request for TXT \(name) within \(secondsText(Self.interruptedLimit)); "
                    + "if the value appears, remove it with: acme-cloudns-hook cleanup \(name). \(pending.challenge.value)")
            return
        } catch let error as CloudNSError where !error.mayHaveTakenEffect {
            return  // CloudNS did not add it
        } catch {
            await removeByValue(pending, reason: reason)
            return
        }
        if let id = added.id {
            log.step("the add-record request for TXT \(name) was answered \(reason) (id \(id))")
            await delete(id: id, at: pending.site, reason: reason)
        } else {
            await removeByValue(pending, reason: reason)
        }
    }

    private func removeByValue(_ pending: ACMEPendingAdd, reason: String) async {
        let site = pending.site
        do {
            let holding = try await client.listRecords(in: site.recordZone, host: site.host, type: "TXT")
                .filter { $0.value == pending.challenge.value }
            if holding.isEmpty {
                log.step("TXT \(site.name) does not hold the value \(reason): the unanswered request added nothing")
            }
            for record in holding {
                guard let id = record.id else { continue }
                await delete(id: id, at: site, reason: reason)
            }
        } catch {
            log.step("warning: could not look for TXT \(site.name) \(reason): \(gaveUp(error)); "
                + "remove it with: acme-cloudns-hook cleanup \(site.name). \(pending.challenge.value)")
        }
    }

    /// The error's message, or that the time after an interruption ran out.
    private func gaveUp(_ error: any Error) -> String {
        if Task.isCancelled { return "gave up after \(secondsText(Self.interruptedLimit))" }
        return (error as? CloudNSError)?.message ?? "\(error)"
    }
}
