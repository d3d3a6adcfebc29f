#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Replacing the running process with another program (`exec`), as `infra-ssh` hands the
/// terminal to OpenSSH.
public enum ProcessReplacement {
    /// Runs `arguments[0]` (searched on PATH unless it contains a `/`) in place of this process.
    /// Returns only when that fails, with the reason.
    public static func exec(_ arguments: [String]) -> ExecError {
        guard let program = arguments.first else { return ExecError(program: "", code: EINVAL) }
        fflush(nil)
        var argv = arguments.map { strdup($0) }
        argv.append(nil)
        execvp(program, &argv)
        let code = errno
        for pointer in argv { free(pointer) }
        return ExecError(program: program, code: code)
    }
}

/// `exec` failed: the program is missing, not executable, …
public struct ExecError: ClassifiedError, Sendable, Hashable {
    public var program: String
    /// The `errno` value.
    public var code: Int32

    public var exitStatus: ExitStatus {
        code == ENOENT || code == EACCES ? .unavailable : .software
    }

    public var message: String {
        "cannot run \(program): " + String(cString: strerror(code))
    }
}
