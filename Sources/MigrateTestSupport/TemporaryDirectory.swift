import LibC
import LocalPostgres
import SystemProcess

/// A directory under `/tmp` for one test: a fake project, marked by an empty `migrations/` until a test writes
/// `migrate.toml` and revisions into it.
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

    /// Like ``with(_:)``, for a directory with nothing in it: not a project (see ``init(project:)``).
    package static func withEmpty<Result>(_ body: (TemporaryDirectory) throws -> Result) throws -> Result {
        let directory = try TemporaryDirectory(project: false)
        defer { directory.remove() }
        return try body(directory)
    }

    /// Creates the directory.
    /// - Parameter project: whether to mark it as a project with an empty `migrations/`, as `migrate` finds
    ///   projects by walking up to `migrate.toml` or `migrations/` (and refuses to run outside one).
    package init(project: Bool = true) throws {
        var template = Array("/tmp/migrate-project-XXXXXX".utf8CString)
        guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else {
            throw TestSupportError("cannot create a temporary directory: \(String(cString: strerror(errno)))")
        }
        path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        chmod(path, 0o755)
        if project { mkdir(path + "/migrations", 0o755) }
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
        FileSystem.read(path + "/" + relativePath)
    }

    package func remove() {
        _ = try? ChildProcess.run("rm", ["-rf", path])
    }
}
