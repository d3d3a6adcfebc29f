/// What became of a plan's changes: made, failed (perhaps made anyway), or not attempted.
public struct DNSApplyReport: Sendable, Hashable {
    public var zone: String
    public var made: [DNSChange]
    /// The change that failed; apply stops there, since later changes may depend on it.
    public var failed: DNSChange?
    public var error: CloudNSError?
    public var notAttempted: [DNSChange]

    public var isComplete: Bool { failed == nil }

    /// Whether the failed change may have been made although its call failed (its answer was lost).
    public var failedChangeMayHaveBeenMade: Bool { error?.mayHaveTakenEffect ?? false }
}

/// Making a ``DNSZonePlan`` happen.
extension CloudNSClient {
    /// Makes the plan's changes in their order, one call each, and stops at the first failure.
    /// Never throws: the report says exactly what was made and what was not. `progress` hears of
    /// each change once it is made.
    public func apply(_ plan: DNSZonePlan, progress: (@Sendable (DNSChange) -> Void)? = nil) async -> DNSApplyReport {
        var report = DNSApplyReport(zone: plan.zone, made: [], failed: nil, error: nil, notAttempted: [])
        for (index, change) in plan.changes.enumerated() {
            do {
                _ = try await applyChange(change, in: plan.zone)
            } catch {
                report.failed = change
                report.error = error
                report.notAttempted = Array(plan.changes[(index + 1)...])
                return report
            }
            report.made.append(change)
            progress?(change)
        }
        return report
    }

    /// Makes one change; returns the record as CloudNS now holds it (nil after a delete).
    @discardableResult
    public func applyChange(_ change: DNSChange, in zone: String) async throws(CloudNSError) -> DNSRecord? {
        switch change {
        case .create(let record):
            return try await addRecord(record, in: zone)
        case .modify(_, let record):
            return try await modifyRecord(record, in: zone)
        case .delete(let record):
            guard let id = record.id else { throw .invalidInput("cannot delete a record without an id") }
            try await deleteRecord(id: id, in: zone)
            return nil
        }
    }
}
