/// What certbot's auth run tells its cleanup run: the id of the record it added and the zone
/// holding it, printed as `ID@ZONE` on stdout and handed back in `CERTBOT_AUTH_OUTPUT`. With it,
/// cleanup deletes exactly that record with one API call, without looking anything up.
public struct ACMEHandOver: Sendable, Hashable, CustomStringConvertible {
    /// The CloudNS record id.
    public var recordID: String
    /// The zone the record is in (for a cloud zone, its master).
    public var zone: String

    public init(recordID: String, zone: String) {
        self.recordID = recordID
        self.zone = DNSName.zone(zone)
    }

    /// `123456@example.com`.
    public var description: String { "\(recordID)@\(zone)" }

    /// Reads the hand-over from certbot's copy of the auth run's stdout: the last non-empty line,
    /// when it is `ID@ZONE`. Anything else (an empty output after a failed auth run, a wrapper
    /// that printed something of its own) gives nil, and cleanup falls back to the value.
    public init?(parsing output: String) {
        guard let line = output.split(whereSeparator: \.isNewline).map(String.init).last(where: { !$0.trimmingBlanks.isEmpty }),
            let at = line.firstIndex(of: "@")
        else { return nil }
        let id = String(line[..<at]).trimmingBlanks
        let zone = String(line[line.index(after: at)...]).trimmingBlanks
        guard !id.isEmpty, id.allSatisfy(\.isASCIIDigit), !zone.isEmpty,
            (try? ACMEChallengeName.forRecordName(zone + ".")) != nil
        else { return nil }
        self.init(recordID: id, zone: zone)
    }
}
