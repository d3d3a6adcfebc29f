/// Receives `--verbose` diagnostics, one line per call, already redacted.
public typealias TraceSink = @Sendable (String) -> Void
