import LibC
import PostgresClient

/// A scratch database (`migrate_shadow_<random>`) where the desired schema is built, so that it can be read
/// back through the same catalog queries, and normalised by the same server, as the live database.
///
/// It is created from `template0` (so nothing a site added to `template1` leaks in) and dropped with
/// `DROP DATABASE ... WITH (FORCE)` by ``drop()``, which ``with(server:report:_:)`` calls also when the
/// work fails. Every shadow database that exists is listed in a process-wide registry, so that an
/// interrupted command can still remove it: see ``dropAllLive()``.
package final class ShadowDatabase {
    /// The database's name.
    package let name: String
    /// A connection string for the shadow database itself.
    package let connectionString: String
    /// The server connection it was created through, used again to drop it.
    private let serverConnectionString: String
    /// Where the warning goes when the database cannot be dropped.
    private let report: (MigrationEvent) -> Void
    private var isDropped = false

    /// Creates an empty shadow database on the server `serverConnectionString` points at.
    /// - Parameters:
    ///   - serverConnectionString: Any database on the server (the live database will do); the role needs
    ///     `CREATEDB`.
    ///   - report: Told (`.warning`) when the database cannot be dropped afterwards.
    /// - Throws: ``MigrateError`` `.connection` when the server cannot be reached or refuses to create it.
    package init(server serverConnectionString: String, report: @escaping (MigrationEvent) -> Void = { _ in })
        throws(MigrateError)
    {
        let name = "migrate_shadow_" + Self.randomSuffix()
        self.name = name
        self.serverConnectionString = serverConnectionString
        self.report = report
        do {
            connectionString = try ConnectionString.replacing(["dbname": name], in: serverConnectionString)
        } catch {
            throw MigrateError(.connection, error.message)
        }
        let server = try Self.connect(serverConnectionString)
        defer { server.close() }
        // Registered before it exists: if we are interrupted right after CREATE, cleanup still finds it.
        ShadowRegistry.add(name, server: serverConnectionString)
        do {
            try server.execute("CREATE DATABASE \(SQLQuoting.identifier(name)) TEMPLATE template0")
        } catch {
            ShadowRegistry.remove(name)
            throw MigrateError(
                .connection,
                "cannot create the shadow database \(name): \(error.message)",
                hint: "the role needs the CREATEDB privilege; or give a shadow server URL where it has it"
            )
        }
    }

    deinit {
        drop()
    }

    /// Creates a shadow database, runs `body` with it, and drops it afterwards, also when `body` throws.
    package static func with<Result>(
        server: String,
        report: @escaping (MigrationEvent) -> Void = { _ in },
        _ body: (ShadowDatabase) throws -> Result
    ) throws -> Result {
        let shadow = try ShadowDatabase(server: server, report: report)
        defer { shadow.drop() }
        return try body(shadow)
    }

    /// Opens a connection to the shadow database.
    package func connect() throws(MigrateError) -> PostgresConnection {
        try Self.connect(connectionString)
    }

    /// Applies SQL text to the shadow database, as one script.
    /// - Parameter file: Where the text came from, for error locations.
    /// - Throws: ``MigrateError`` `.schemaSource` with the file, line and column of the failing statement.
    package func apply(sql: String, file: String) throws(MigrateError) {
        let connection = try connect()
        defer { connection.close() }
        do {
            try connection.execute(sql)
        } catch {
            var location = SourceLocation(file: file)
            if let position = error.position {
                (location.line, location.column) = Self.lineAndColumn(ofCharacter: position, in: sql)
            }
            // Bad input, unless the connection itself failed.
            throw MigrateError(
                error.code == .connectionLost ? .connection : .schemaSource,
                "the desired schema does not apply: \(error.message)",
                location: location,
                hint: error.hint ?? Self.hint(for: error)
            )
        }
    }

    /// Applies a `.sql` file, or every `.sql` file under a directory in path order.
    /// - Throws: ``MigrateError`` `.schemaSource` when a path is missing, has no `.sql` file or is not text, or the
    ///   SQL fails; `.io` when a directory cannot be listed.
    package func apply(sqlFilesAt path: String) throws(MigrateError) {
        for file in try Self.sqlFiles(at: path) {
            guard let text = String(validating: try WholeFile.bytes(at: file), as: UTF8.self) else {
                throw MigrateError(.schemaSource, "\(file) is not UTF-8 text", location: SourceLocation(file: file))
            }
            try apply(sql: text, file: file)
        }
    }

    /// What to do about a statement of the desired schema that failed: for a role that does not exist, that
    /// roles belong to the server and migrate does not create them.
    static func hint(for error: PostgresError) -> String {
        if error.sqlState == "42704", error.message.hasPrefix("role ") {
            return "roles belong to the server, not to a database's schema, and migrate never creates them: "
                + "create the role on the server the scratch database is made on (shadow_url, else the database's "
                + "own server) as on the database itself"
        }
        return "the desired schema is applied to an empty database, in file-name order"
    }

    /// Drops the database, ending any session still connected to it. Safe to call more than once.
    package func drop() {
        guard !isDropped else { return }
        isDropped = true
        if !Self.dropDatabase(name, server: serverConnectionString) {
            report(.warning("could not drop the shadow database \(name); drop it by hand (DROP DATABASE \(name))"))
        }
        ShadowRegistry.remove(name)
    }

    /// Drops every shadow database this process created and has not dropped yet; the cleanup for an
    /// interrupted command.
    ///
    /// Call it from the CLI's signal-handling path (a `DispatchSourceSignal` handler, or the thread that
    /// waits in `sigwait`), not from inside a raw `signal()` handler: it opens a connection, and libpq is not
    /// async-signal-safe. It may run while another thread is still using a shadow database: `WITH (FORCE)`
    /// ends that session. Returns the names it dropped.
    @discardableResult
    package static func dropAllLive() -> [String] {
        var dropped: [String] = []
        for (name, server) in ShadowRegistry.takeAll() where dropDatabase(name, server: server) {
            dropped.append(name)
        }
        return dropped
    }

    /// The names of the shadow databases that exist now, created by this process.
    package static var liveNames: [String] { ShadowRegistry.names }

    // MARK: - Helpers

    private static func dropDatabase(_ name: String, server: String) -> Bool {
        guard let connection = try? PostgresConnection(server) else { return false }
        defer { connection.close() }
        return (try? connection.execute("DROP DATABASE IF EXISTS \(SQLQuoting.identifier(name)) WITH (FORCE)"))
            != nil
    }

    private static func connect(_ connectionString: String) throws(MigrateError) -> PostgresConnection {
        do {
            return try PostgresConnection(connectionString)
        } catch {
            throw MigrateError(.connection, error.message)
        }
    }

    /// The `.sql` files to apply for a path: the file itself, or those under a directory sorted by path.
    package static func sqlFiles(at path: String) throws(MigrateError) -> [String] {
        guard let kind = FileKind(at: path) else {
            throw MigrateError(
                .schemaSource,
                "\(path) does not exist",
                hint: "give a .sql file or a directory of them"
            )
        }
        guard kind == .directory else { return [path] }
        let base = path.hasSuffix("/") ? path : path + "/"
        var files: [String] = []
        try collectSQLFiles(in: base, relativeTo: base, into: &files)
        guard !files.isEmpty else {
            throw MigrateError(.schemaSource, "\(path) contains no .sql files")
        }
        return files.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }.map { base + $0 }
    }

    /// Adds the paths (relative to `base`) of the `.sql` files in `directory` and its subdirectories. Symbolic
    /// links to files count; links to directories are not followed, so a link cycle cannot loop.
    private static func collectSQLFiles(
        in directory: String,
        relativeTo base: String,
        into files: inout [String]
    ) throws(MigrateError) {
        guard let handle = opendir(directory) else { throw MigrateError(.io, "cannot list \(directory)") }
        defer { closedir(handle) }
        while let entry = readdir(handle) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) {
                String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self))
            }
            if name == "." || name == ".." { continue }
            let path = directory + name
            var status = stat()
            guard lstat(path, &status) == 0 else { continue }
            if status.st_mode & S_IFMT == S_IFDIR {
                try collectSQLFiles(in: path + "/", relativeTo: base, into: &files)
            } else if name.hasSuffix(".sql") {
                files.append(String(path.dropFirst(base.count)))
            }
        }
    }

    /// Line and column (1-based) of a 1-based character position, as PostgreSQL reports error positions
    /// (it counts characters, that is Unicode scalars in UTF-8, not bytes).
    static func lineAndColumn(ofCharacter position: Int, in text: String) -> (Int, Int) {
        var line = 1
        var column = 1
        for (offset, scalar) in text.unicodeScalars.enumerated() {
            if offset + 1 >= position { break }
            if scalar == "\n" {
                line += 1
                column = 1
            } else if scalar != "\r" {
                column += 1
            }
        }
        return (line, column)
    }

    private static func randomSuffix() -> String {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        return String((0..<12).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
    }
}

/// The shadow databases of this process that still exist, for cleanup after an interruption.
private enum ShadowRegistry {
    /// Name to server connection string.
    private static let databases = Locked<[String: String]>([:])

    static func add(_ name: String, server: String) { databases.withLock { $0[name] = server } }

    static func remove(_ name: String) { _ = databases.withLock { $0.removeValue(forKey: name) } }

    static var names: [String] { databases.withLock { $0.keys.sorted() } }

    static func takeAll() -> [(String, String)] {
        databases.withLock { databases in
            defer { databases.removeAll() }
            return databases.sorted { $0.key < $1.key }
        }
    }
}
