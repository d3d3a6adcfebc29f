import Foundation

extension Context {
    /// `path` as the process must open it: absolute paths unchanged, relative ones taken from the
    /// context's current directory.
    ///
    /// When that directory is the process's own (every real run), the path stays as typed, so
    /// messages name the file the way the user wrote it.
    func resolvedPath(_ path: String) -> String {
        guard !path.hasPrefix("/"), currentDirectory != FileManager.default.currentDirectoryPath else { return path }
        return currentDirectory.hasSuffix("/") ? currentDirectory + path : currentDirectory + "/" + path
    }
}
