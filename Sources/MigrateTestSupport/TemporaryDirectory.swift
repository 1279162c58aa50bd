import SystemProcess

#if canImport(Glibc)
    import Glibc
#endif

/// A directory under `/tmp` for one test: a fake project with `migrate.toml` and `migrations/`.
package struct TemporaryDirectory: Sendable {
    package let path: String

    /// Creates an empty directory, runs `body` with it, then deletes it.
    package static func with<Result>(_ body: (TemporaryDirectory) throws -> Result) throws -> Result {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        return try body(directory)
    }

    package static func with<Result>(_ body: (TemporaryDirectory) async throws -> Result) async throws -> Result {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        return try await body(directory)
    }

    package init() throws {
        var template = Array("/tmp/migrate-project-XXXXXX".utf8CString)
        guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else {
            throw TestSupportError("cannot create a temporary directory: \(String(cString: strerror(errno)))")
        }
        path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        chmod(path, 0o755)
    }

    /// Writes a file (creating parent directories) relative to this directory.
    package func write(_ relativePath: String, _ contents: String) throws {
        let fullPath = path + "/" + relativePath
        if let slash = fullPath.lastIndex(of: "/") {
            _ = try ChildProcess.run("mkdir", ["-p", String(fullPath[..<slash])])
        }
        guard let file = fopen(fullPath, "w") else {
            throw TestSupportError("cannot write \(fullPath): \(String(cString: strerror(errno)))")
        }
        defer { fclose(file) }
        fputs(contents, file)
    }

    /// Reads a file relative to this directory.
    package func read(_ relativePath: String) -> String? {
        guard let file = fopen(path + "/" + relativePath, "r") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = fread(&buffer, 1, buffer.count, file)
            if count <= 0 { break }
            bytes += buffer[0..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    package func remove() {
        _ = try? ChildProcess.run("rm", ["-rf", path])
    }
}
