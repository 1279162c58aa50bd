import LibC

/// Reading a small file (a configuration file, a schema script) in one go, with `open`/`read`.
///
/// Foundation's `String(contentsOfFile:)` and `FileManager.contents(atPath:)` would do, but their errors need
/// Foundation's `localizedDescription`, which links the whole of Foundation into the executable.
package enum WholeFile {
    /// The bytes of the file at `path`.
    /// - Parameter shownPath: The path as errors show it (as the user gave it, say); `path` by default.
    /// - Throws: `MigrateError` `.io` with the system's reason (no such file, permission denied...).
    package static func bytes(at path: String, shownAs shownPath: String? = nil) throws(MigrateError) -> [UInt8] {
        let shownPath = shownPath ?? path
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw error("cannot open", shownPath) }
        defer { close(descriptor) }
        var contents: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let received = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if received < 0 {
                if errno == EINTR { continue }
                throw error("cannot read", shownPath)
            }
            if received == 0 { return contents }
            contents.append(contentsOf: chunk[0..<received])
        }
    }

    private static func error(_ what: String, _ path: String) -> MigrateError {
        MigrateError(.io, "\(what) \(path): \(String(cString: strerror(errno)))", location: SourceLocation(file: path))
    }
}
