// The suite's version lives here and nowhere else: every tool's `--version` prints it, and
// scripts/build-deb reads it back from the built binary to name the Debian package.
extension InfraTools {
    /// The version every tool reports.
    public static let version = "0.1.0"
    /// The date in the man pages' footers; bump it with the version.
    static let manualDate = "November 28, 2026"
}
