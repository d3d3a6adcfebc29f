#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The process's limit on open file descriptors (RLIMIT_NOFILE).
public enum OpenFileLimit {
    /// Raises the soft limit to `needed` descriptors, or as far toward it as the hard limit
    /// allows, as many network tools do at start: the soft limit is often 1024 while the hard one
    /// is far higher. Never lowers it. Returns the soft limit in force afterwards (`Int.max` for
    /// unlimited), or nil when it cannot be read.
    @discardableResult
    public static func raise(toAtLeast needed: Int) -> Int? {
        var limit = rlimit()
        guard getrlimit(resource, &limit) == 0 else { return nil }
        // RLIM_INFINITY is the largest rlim_t, so it needs no case of its own here.
        let wanted = rlim_t(clamping: needed)
        if limit.rlim_cur < wanted {
            var raised = limit
            raised.rlim_cur = min(wanted, limit.rlim_max)
            if setrlimit(resource, &raised) == 0 { limit = raised }
        }
        return Int(clamping: limit.rlim_cur)
    }

    #if canImport(Glibc)
    private static let resource = Int32(RLIMIT_NOFILE.rawValue)
    #else
    private static let resource = RLIMIT_NOFILE
    #endif
}
