import Foundation
import Logging
import PostgresClient

#if canImport(Glibc)
    import Glibc
#endif

/// A scratch database (`migrate_shadow_<random>`) where the desired schema is built, so that it can be read
/// back through the same catalog queries, and normalised by the same server, as the live database.
///
/// It is created from `template0` (so nothing a site added to `template1` leaks in) and dropped with
/// `DROP DATABASE ... WITH (FORCE)` by ``drop()``, which ``with(server:logger:_:)`` calls also when the
/// work fails. Every shadow database that exists is listed in a process-wide registry, so that an
/// interrupted command can still remove it: see ``dropAllLive()``.
package final class ShadowDatabase {
    /// The database's name.
    package let name: String
    /// A connection string for the shadow database itself.
    package let connectionString: String
    /// The server connection it was created through, used again to drop it.
    private let serverConnectionString: String
    private let logger: Logger
    private var isDropped = false

    /// Creates an empty shadow database on the server `serverConnectionString` points at.
    /// - Parameter serverConnectionString: Any database on the server (the live database will do); the
    ///   role needs `CREATEDB`.
    /// - Throws: ``MigrateError`` `.connection` when the server cannot be reached or refuses to create it.
    package init(server serverConnectionString: String, logger: Logger = Logger(label: "migrate.shadow"))
        throws(MigrateError)
    {
        let name = "migrate_shadow_" + Self.randomSuffix()
        self.name = name
        self.serverConnectionString = serverConnectionString
        self.logger = logger
        do {
            connectionString = try ConnectionString.replacing(["dbname": name], in: serverConnectionString)
        } catch {
            throw MigrateError(.connection, error.message)
        }
        let server = try Self.connect(serverConnectionString)
        defer { server.close() }
        // Registered before it exists: if we are interrupted right after CREATE, cleanup still finds it.
        ShadowRegistry.shared.add(name, server: serverConnectionString)
        do {
            try server.execute("CREATE DATABASE \(SQLQuoting.identifier(name)) TEMPLATE template0")
        } catch {
            ShadowRegistry.shared.remove(name)
            throw MigrateError(
                .connection,
                "cannot create the shadow database \(name): \(error.message)",
                hint: "the role needs the CREATEDB privilege; or give a shadow server URL where it has it"
            )
        }
        logger.debug("created shadow database", metadata: ["name": "\(name)"])
    }

    deinit {
        drop()
    }

    /// Creates a shadow database, runs `body` with it, and drops it afterwards, also when `body` throws.
    package static func with<Result>(
        server: String,
        logger: Logger = Logger(label: "migrate.shadow"),
        _ body: (ShadowDatabase) throws -> Result
    ) throws -> Result {
        let shadow = try ShadowDatabase(server: server, logger: logger)
        defer { shadow.drop() }
        return try body(shadow)
    }

    /// Opens a connection to the shadow database.
    package func connect() throws(MigrateError) -> PostgresConnection {
        try Self.connect(connectionString)
    }

    /// Applies SQL text to the shadow database, as one script.
    /// - Parameter file: Where the text came from, for error locations.
    /// - Throws: ``MigrateError`` `.statementFailed` with the file, line and column of the failing statement.
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
            throw MigrateError(
                .statementFailed,
                "the desired schema does not apply: \(error.message)",
                location: location,
                hint: error.hint ?? "the desired schema is applied to an empty database, in file-name order"
            )
        }
    }

    /// Applies a `.sql` file, or every `.sql` file under a directory in path order.
    /// - Throws: ``MigrateError`` `.io` when files cannot be read, `.statementFailed` when SQL fails.
    package func apply(sqlFilesAt path: String) throws(MigrateError) {
        for file in try Self.sqlFiles(at: path) {
            let text: String
            do {
                text = try String(contentsOfFile: file, encoding: .utf8)
            } catch {
                throw MigrateError(.io, "cannot read \(file): \(error.localizedDescription)")
            }
            try apply(sql: text, file: file)
        }
    }

    /// Drops the database, ending any session still connected to it. Safe to call more than once.
    package func drop() {
        guard !isDropped else { return }
        isDropped = true
        if Self.dropDatabase(name, server: serverConnectionString) {
            logger.debug("dropped shadow database", metadata: ["name": "\(name)"])
        } else {
            logger.warning("could not drop shadow database \(name); drop it by hand")
        }
        ShadowRegistry.shared.remove(name)
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
        for (name, server) in ShadowRegistry.shared.takeAll() where dropDatabase(name, server: server) {
            dropped.append(name)
        }
        return dropped
    }

    /// The names of the shadow databases that exist now, created by this process.
    package static var liveNames: [String] { ShadowRegistry.shared.names }

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
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw MigrateError(.io, "\(path) does not exist", hint: "give a .sql file or a directory of them")
        }
        guard isDirectory.boolValue else { return [path] }
        guard let enumerator = FileManager.default.enumerator(atPath: path) else {
            throw MigrateError(.io, "cannot list \(path)")
        }
        var files: [String] = []
        while let relative = enumerator.nextObject() as? String {
            if relative.hasSuffix(".sql") { files.append(relative) }
        }
        guard !files.isEmpty else {
            throw MigrateError(.io, "\(path) contains no .sql files")
        }
        let base = path.hasSuffix("/") ? path : path + "/"
        return files.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }.map { base + $0 }
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
private final class ShadowRegistry: @unchecked Sendable {
    static let shared = ShadowRegistry()

    // Guarded by `mutex`; a plain pthread mutex so it works without Foundation's locks in any context.
    private var databases: [String: String] = [:]
    private var mutex = pthread_mutex_t()

    init() { pthread_mutex_init(&mutex, nil) }

    private func locked<Result>(_ body: () -> Result) -> Result {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        return body()
    }

    func add(_ name: String, server: String) { locked { databases[name] = server } }

    func remove(_ name: String) { _ = locked { databases.removeValue(forKey: name) } }

    var names: [String] { locked { databases.keys.sorted() } }

    func takeAll() -> [(String, String)] {
        locked {
            defer { databases.removeAll() }
            return databases.sorted { $0.key < $1.key }
        }
    }
}
