import LibC

/// A started child process whose output is being captured; wait for it or signal it.
///
/// Not `Sendable`: one owner waits for the process. Another thread that only needs to signal it
/// can copy ``pid``.
package final class RunningProcess {
    /// The child's process id.
    package let pid: pid_t
    private let outputFile: CapturedFile
    private let errorFile: CapturedFile
    private var finished: ProcessOutput?

    /// Starts a program; see ``ChildProcess/run(_:_:environment:workingDirectory:input:)`` for parameters.
    package init(
        _ executable: String,
        _ arguments: [String],
        environment: [String: String]? = nil,
        workingDirectory: String? = nil,
        input: String? = nil
    ) throws(SystemProcessError) {
        guard let path = ChildProcess.findExecutable(executable) else {
            throw SystemProcessError(executable: executable, reason: "not found in PATH")
        }
        let inputFile: CapturedFile
        do {
            outputFile = try CapturedFile()
            errorFile = try CapturedFile()
            inputFile = try CapturedFile()
            if let input { try inputFile.write(input) }
        } catch {
            throw SystemProcessError(executable: executable, reason: error.reason)
        }
        defer { inputFile.close() }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if input != nil {
            posix_spawn_file_actions_adddup2(&actions, inputFile.descriptor, 0)
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        }
        posix_spawn_file_actions_adddup2(&actions, outputFile.descriptor, 1)
        posix_spawn_file_actions_adddup2(&actions, errorFile.descriptor, 2)
        if let workingDirectory { SpawnExtensions.addChangeDirectory(&actions, workingDirectory) }
        SpawnExtensions.addCloseFrom(&actions, 3)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // A fresh process group: Ctrl-C in the terminal should reach migrate, which decides what to stop.
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK))
        posix_spawnattr_setpgroup(&attributes, 0)
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)

        let argv = [path] + arguments
        let env = (environment ?? ChildProcess.currentEnvironment()).map { "\($0.key)=\($0.value)" }.sorted()
        var childPID: pid_t = 0
        let status = withCStringVector(argv) { argvPointer in
            withCStringVector(env) { envPointer in
                posix_spawn(&childPID, path, &actions, &attributes, argvPointer, envPointer)
            }
        }
        guard status == 0 else {
            throw SystemProcessError(executable: path, reason: String(cString: strerror(status)))
        }
        pid = childPID
    }

    deinit {
        outputFile.close()
        errorFile.close()
    }

    /// Blocks until the process ends, then returns its status and output. Safe to call again.
    package func waitForExit() -> ProcessOutput {
        if let finished { return finished }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let output = ProcessOutput(
            status: Self.decode(status),
            standardOutput: outputFile.readAll(),
            standardError: errorFile.readAll()
        )
        finished = output
        return output
    }

    /// Sends a signal (default `SIGTERM`) to the process.
    package func signal(_ signal: Int32 = SIGTERM) {
        if finished == nil { kill(pid, signal) }
    }

    private static func decode(_ status: Int32) -> ExitStatus {
        // The WIFEXITED/WEXITSTATUS macros are not imported into Swift.
        let signal = status & 0x7f
        return signal == 0 ? .exited((status >> 8) & 0xff) : .signaled(signal)
    }
}

/// An unlinked temporary file: written by a child, read back by us.
private final class CapturedFile {
    let descriptor: Int32

    struct Failure: Error { var reason: String }

    init() throws(Failure) {
        var template = Array("/tmp/migrate-child-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw Failure(reason: String(cString: strerror(errno))) }
        // Only the child's stdin/stdout/stderr (set up with dup2) may see this file.
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        self.descriptor = descriptor
    }

    func write(_ text: String) throws(Failure) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes {
                LibC.write(descriptor, $0.baseAddress! + offset, $0.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw Failure(reason: String(cString: strerror(errno)))
            }
            offset += written
        }
        lseek(descriptor, 0, SEEK_SET)
        bytes.removeAll()
    }

    func readAll() -> String {
        lseek(descriptor, 0, SEEK_SET)
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            data.append(contentsOf: buffer[0..<count])
        }
        return String(decoding: data, as: UTF8.self)
    }

    private var isClosed = false
    func close() {
        if !isClosed { LibC.close(descriptor) }
        isClosed = true
    }
}

/// glibc's `posix_spawn_file_actions_addchdir_np` and `..._addclosefrom_np` exist (2.29, 2.34) but are
/// not imported into Swift; look them up at run time and skip them where missing.
private enum SpawnExtensions {
    private typealias AddChangeDirectory =
        @convention(c) (
            UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>
        ) -> Int32
    private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    static func addChangeDirectory(_ actions: inout posix_spawn_file_actions_t, _ directory: String) {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addchdir_np")
        else { return }
        let function = unsafeBitCast(symbol, to: AddChangeDirectory.self)
        _ = function(&actions, directory)
    }

    static func addCloseFrom(_ actions: inout posix_spawn_file_actions_t, _ lowest: Int32) {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np")
        else { return }
        let function = unsafeBitCast(symbol, to: AddCloseFrom.self)
        _ = function(&actions, lowest)
    }
}

/// Calls `body` with a NULL-terminated `char *const[]` built from `strings`.
private func withCStringVector<Result>(
    _ strings: [String],
    _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> Result
) -> Result {
    let copies: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) } + [nil]
    defer { copies.forEach { free($0) } }
    return copies.withUnsafeBufferPointer { body($0.baseAddress!) }
}
