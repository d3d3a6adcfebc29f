import Foundation

/// A textfile that could not be written.
public struct TextfileWriteError: ClassifiedError {
    public var message: String
    /// EX_CANTCREAT: the output file cannot be created.
    public var exitStatus: ExitStatus { ExitStatus(rawValue: 73) }
}

/// Writes files that a collector may read at any moment (node_exporter's textfile directory).
public enum TextfileWriter {
    /// Writes `text` to a temporary file in the same directory, flushes it, then renames it over
    /// `path`, so a reader sees the old file or the new one, never half of one.
    public static func writeAtomically(_ text: String, to path: String) throws(TextfileWriteError) {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        let temporary = directory + "/." + url.lastPathComponent + ".\(getpid()).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw TextfileWriteError(message: "\(path): cannot create \(temporary): \(String(cString: strerror(errno)))")
        }
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                close(descriptor)
                unlink(temporary)
                throw TextfileWriteError(message: "\(path): cannot write: \(reason)")
            }
            offset += written
        }
        let synced = fsync(descriptor) == 0
        close(descriptor)
        guard synced, rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw TextfileWriteError(message: "\(path): cannot replace the file: \(reason)")
        }
    }
}
