import Foundation
import InfraKit

/// A server process and the temporary directory it runs from (certificates, documents, logs):
/// the process is ended and the directory removed when this goes.
final class ScratchServer: Sendable {
    let directory: URL
    private let process: RunningProcess

    init(process: RunningProcess, directory: URL) {
        self.process = process
        self.directory = directory
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Ends the server; returns at once (the runner's thread reaps it).
    func stop() {
        process.terminate()
    }
}
