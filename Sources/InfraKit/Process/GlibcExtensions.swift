import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// glibc functions that Swift's Glibc module hides (they are GNU extensions, declared only under
/// `_GNU_SOURCE`), looked up by name at run time: no C shim is needed for them, and a C library
/// without them is handled instead of failing to link.
enum GlibcExtensions {
    typealias ClosefromAction = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    typealias ChdirAction = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
    typealias Pipe2 = @convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32

    /// `posix_spawn_file_actions_addclosefrom_np` (glibc 2.34).
    static let addClosefrom: ClosefromAction? = lookUp("posix_spawn_file_actions_addclosefrom_np")
    /// `posix_spawn_file_actions_addchdir_np` (glibc 2.29).
    static let addChdir: ChdirAction? = lookUp("posix_spawn_file_actions_addchdir_np")
    /// `pipe2`, to get both ends close-on-exec atomically.
    static let pipe2: Pipe2? = lookUp("pipe2")

    private static func lookUp<Function>(_ name: String) -> Function? {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { return nil }
        return unsafeBitCast(symbol, to: Function.self)
    }
}
