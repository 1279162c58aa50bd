import LibC
import PostgresClient

/// A tablespace of its own for one test, in a temporary directory on the test run's (local) server.
///
/// Tablespaces belong to the whole cluster, so each test makes one with a random name and drops it
/// afterwards. The directory is given to the account that owns the server's data directory (the tests run
/// as root, the server as `postgres`).
package struct TestTablespace: Sendable {
    /// The tablespace's name (`migrate_test_space_<random>`).
    package let name: String
    package let directory: String

    /// Creates a tablespace, runs `body` with it, then drops it and its directory (also when `body` throws).
    /// Databases that use it must be dropped inside `body`.
    package static func with<Result>(_ body: (TestTablespace) throws -> Result) throws -> Result {
        let admin = try PostgresConnection(try TestServer.adminConnectionString())
        defer { admin.close() }
        guard let dataDirectory = try admin.query("SELECT current_setting('data_directory')").scalar else {
            throw TestSupportError("the server does not say where its data directory is")
        }
        var owner = stat()
        guard stat(dataDirectory, &owner) == 0 else {
            throw TestSupportError(
                "cannot read \(dataDirectory) (a tablespace test needs a server on this machine): "
                    + String(cString: strerror(errno))
            )
        }
        var template = Array("/tmp/migrate-space-XXXXXX".utf8CString)
        guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else {
            throw TestSupportError("cannot create a temporary directory: \(String(cString: strerror(errno)))")
        }
        let directory = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        defer { rmdir(directory) }
        guard chown(directory, owner.st_uid, owner.st_gid) == 0 else {
            throw TestSupportError(
                "cannot give \(directory) to the server's account: \(String(cString: strerror(errno)))"
            )
        }
        var generator = SystemRandomNumberGenerator()
        let tablespace = TestTablespace(
            name: "migrate_test_space_" + String(generator.next() as UInt64, radix: 36),
            directory: directory
        )
        try admin.execute(
            "CREATE TABLESPACE \(SQLQuoting.identifier(tablespace.name)) LOCATION \(SQLQuoting.literal(directory))"
        )
        // The server removes what it put in the directory; the directory itself goes with `rmdir` above.
        defer { _ = try? admin.execute("DROP TABLESPACE IF EXISTS \(SQLQuoting.identifier(tablespace.name))") }
        return try body(tablespace)
    }
}
