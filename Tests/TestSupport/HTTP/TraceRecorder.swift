import InfraKit
import Synchronization

/// Collects the lines an ``APIClient`` traces, for assertions.
public final class TraceRecorder: Sendable {
    private let recorded = Mutex<[String]>([])

    public init() {}

    public var sink: TraceSink {
        { [self] line in recorded.withLock { $0.append(line) } }
    }

    public var lines: [String] { recorded.withLock { $0 } }
}
