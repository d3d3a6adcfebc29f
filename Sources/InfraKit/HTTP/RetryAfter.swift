import Foundation

/// Reads a `Retry-After` header (RFC 9110 §10.2.3): delay-seconds or an HTTP-date.
enum RetryAfter {
    /// What the client waits when the header is missing or unreadable.
    static let fallback: Duration = .seconds(1)
    /// The longest wait a header can ask for; callers cap it far lower, this only keeps the
    /// arithmetic of an absurd value (a date in the year 99999) from trapping.
    static let ceiling: Duration = .seconds(366 * 24 * 3600)

    static func delay(_ value: String?, now: Date = Date()) -> Duration {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return fallback }
        if value.utf8.allSatisfy({ (48...57).contains($0) }) {
            guard let seconds = Int64(value) else { return fallback }
            return min(.seconds(seconds), ceiling)
        }
        guard let date = httpDate(value) else { return fallback }
        return .serverWait(seconds: date.timeIntervalSince(now), atMost: ceiling) ?? fallback
    }

    /// IMF-fixdate, plus the two obsolete forms recipients must still accept.
    static func httpDate(_ text: String) -> Date? {
        let formats = ["EEE, dd MMM yyyy HH:mm:ss 'GMT'", "EEEE, dd-MMM-yy HH:mm:ss 'GMT'", "EEE MMM d HH:mm:ss yyyy"]
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        for format in formats {
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }

    /// Formats `date` as an IMF-fixdate, as servers send it.
    static func imfFixdate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }
}
