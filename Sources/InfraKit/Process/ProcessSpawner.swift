import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A child just started: its pid (also its process group's id) and our ends of its pipes.
struct SpawnedChild: Sendable {
    let pid: pid_t
    /// Read ends of the captured streams, non-blocking; -1 when the stream is not captured.
    let stdout: Int32
    let stderr: Int32
}

/// posix_spawn with everything a child of a multi-threaded process needs: an empty signal mask and
/// default dispositions (Swift's threads block or ignore signals, and the child would inherit
/// that), a process group of its own (so a timeout or a cancel reaches its whole tree), and no
/// descriptor but 0, 1 and 2 (every descriptor we open is close-on-exec, and the child closes
/// everything above 2 before exec in case another thread opened one without).
enum ProcessSpawner {
    static func spawn(_ request: ProcessRequest) throws(ProcessError) -> SpawnedChild {
        let path = try executablePath(request)
        func failure(_ code: Int32) -> ProcessError { .cannotStart(executable: request.executable, errno: code) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var ours: [Int32] = []  // descriptors of the parent, closed once the child has its copies
        defer { ours.forEach { close($0) } }

        switch request.standardInput {
        case .null:
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        case .bytes(let bytes):
            let file = try inputFile(bytes, failure)
            ours.append(file)
            posix_spawn_file_actions_adddup2(&actions, file, 0)
        }
        var readEnds: [Int32] = [-1, -1]
        for (index, output) in [request.standardOutput, request.standardError].enumerated() {
            let target = Int32(index + 1)
            switch output {
            case .discard:
                posix_spawn_file_actions_addopen(&actions, target, "/dev/null", O_WRONLY, 0)
            case .file(let path):
                posix_spawn_file_actions_addopen(&actions, target, path, O_WRONLY | O_CREAT | O_APPEND, 0o600)
            case .capture:
                var ends: [Int32] = [-1, -1]
                guard makePipe(&ends) == 0 else {
                    readEnds.filter { $0 >= 0 }.forEach { close($0) }
                    throw failure(errno)
                }
                _ = fcntl(ends[0], F_SETFL, O_NONBLOCK)
                readEnds[index] = ends[0]
                ours.append(ends[1])
                posix_spawn_file_actions_adddup2(&actions, ends[1], target)
            }
        }
        closeInheritedDescriptors(&actions)
        if let directory = request.workingDirectory {
            guard let addChdir = GlibcExtensions.addChdir else { throw failure(ENOSYS) }
            _ = addChdir(&actions, directory)
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(
            &attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))

        let argv = ([request.executable] + request.arguments).map { strdup($0) } + [nil]
        let envp = request.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
        guard spawned == 0 else {
            readEnds.filter { $0 >= 0 }.forEach { close($0) }
            throw failure(spawned)
        }
        return SpawnedChild(pid: pid, stdout: readEnds[0], stderr: readEnds[1])
    }

    /// The executable's path: as given when it has a slash, else the first match in the child's PATH.
    private static func executablePath(_ request: ProcessRequest) throws(ProcessError) -> String {
        if request.executable.contains("/") { return request.executable }
        let directories = (request.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        for directory in directories {
            let candidate = "\(directory)/\(request.executable)"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        throw .cannotStart(executable: request.executable, errno: ENOENT)
    }

    /// Both ends close-on-exec, atomically where the C library allows.
    private static func makePipe(_ ends: inout [Int32]) -> Int32 {
        if let pipe2 = GlibcExtensions.pipe2 { return pipe2(&ends, O_CLOEXEC) }
        guard pipe(&ends) == 0 else { return -1 }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        return 0
    }

    /// Has the child close every descriptor above 2 before exec. Without closefrom, the
    /// descriptors open now are listed one by one (the child ignores those closed meanwhile).
    private static func closeInheritedDescriptors(_ actions: inout posix_spawn_file_actions_t) {
        if let addClosefrom = GlibcExtensions.addClosefrom {
            _ = addClosefrom(&actions, 3)
            return
        }
        let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        for descriptor in open.compactMap({ Int32($0) }) where descriptor > 2 {
            posix_spawn_file_actions_addclose(&actions, descriptor)
        }
    }

    /// An unlinked temporary file holding `bytes`, positioned at its start: unlike a pipe, the
    /// child may read it at its own pace and we never write to a reader that has gone (SIGPIPE).
    private static func inputFile(
        _ bytes: [UInt8], _ failure: (Int32) -> ProcessError
    ) throws(ProcessError) -> Int32 {
        let path = "\(NSTemporaryDirectory())/infra-stdin-\(UUID().uuidString)"
        let file = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard file >= 0 else { throw failure(errno) }
        unlink(path)
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { write(file, $0.baseAddress! + written, bytes.count - written) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else {
                let code = errno
                close(file)
                throw failure(code)
            }
            written += count
        }
        lseek(file, 0, SEEK_SET)
        return file
    }
}
