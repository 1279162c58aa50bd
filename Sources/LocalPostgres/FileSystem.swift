import LibC

/// The few file operations the cluster manager needs, on POSIX directly (no Foundation).
package enum FileSystem {
    static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    static func owner(_ path: String) -> uid_t? {
        var info = stat()
        return stat(path, &info) == 0 ? info.st_uid : nil
    }

    static func userName(_ uid: uid_t) -> String {
        getpwuid(uid).flatMap { $0.pointee.pw_name.map { String(cString: $0) } } ?? "uid \(uid)"
    }

    /// Creates a directory and its missing parents; an existing directory is fine.
    static func makeDirectory(_ path: String, mode: mode_t = 0o755) throws(LocalClusterError) {
        if exists(path) { return }
        let parent = parentDirectory(path)
        if !parent.isEmpty, parent != path { try makeDirectory(parent) }
        if mkdir(path, mode) != 0 && errno != EEXIST {
            throw LocalClusterError(.filesystem, "cannot create directory \(path): \(lastErrorText())")
        }
        // mkdir's mode is filtered by the umask; the server insists on exact modes for its data directory.
        chmod(path, mode)
    }

    static func changeOwner(_ path: String, to account: ServerAccount) throws(LocalClusterError) {
        guard account.needsSwitch, owner(path) != account.uid else { return }
        if chown(path, account.uid, account.gid) != 0 {
            throw LocalClusterError(.filesystem, "cannot give \(path) to user \(account.name): \(lastErrorText())")
        }
    }

    static func createFile(_ path: String) throws(LocalClusterError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o640)
        guard descriptor >= 0 else {
            throw LocalClusterError(.filesystem, "cannot create \(path): \(lastErrorText())")
        }
        close(descriptor)
    }

    static func append(_ text: String, to path: String) throws(LocalClusterError) {
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw LocalClusterError(.filesystem, "cannot write \(path): \(lastErrorText())")
        }
        defer { close(descriptor) }
        let bytes = Array(text.utf8)
        if bytes.withUnsafeBytes({ write(descriptor, $0.baseAddress, $0.count) }) != bytes.count {
            throw LocalClusterError(.filesystem, "cannot write \(path): \(lastErrorText())")
        }
    }

    /// The file's text (bytes that are not UTF-8 become U+FFFD), or `nil` when it cannot be opened.
    package static func read(_ path: String) -> String? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16384)
        while true {
            let count = buffer.withUnsafeMutableBytes { LibC.read(descriptor, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            data += buffer[0..<count]
        }
        return String(decoding: data, as: UTF8.self)
    }

    static func parentDirectory(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    static func absolutePath(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        guard let pointer = getcwd(nil, 0) else { return path }
        defer { free(pointer) }
        let cwd = String(cString: pointer)
        return path == "." ? cwd : cwd + "/" + path
    }

    static func lastErrorText() -> String { String(cString: strerror(errno)) }
}

/// An exclusive `flock` on a file, held until ``release()`` or deinit: serialises two migrate
/// processes that create or start the same cluster at the same moment.
final class FileLock {
    private var descriptor: Int32

    init(path: String) throws(LocalClusterError) {
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw LocalClusterError(.filesystem, "cannot open lock file \(path): \(FileSystem.lastErrorText())")
        }
        while flock(descriptor, LOCK_EX) != 0 {
            if errno == EINTR { continue }
            let reason = FileSystem.lastErrorText()
            close(descriptor)
            throw LocalClusterError(.filesystem, "cannot lock \(path): \(reason)")
        }
    }

    func release() {
        guard descriptor >= 0 else { return }
        flock(descriptor, LOCK_UN)
        close(descriptor)
        descriptor = -1
    }

    deinit { release() }
}
