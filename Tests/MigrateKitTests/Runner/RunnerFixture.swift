import MigrateKit
import MigrateTestSupport
import PostgresClient

/// A project directory of generated revisions, a database, and a ``Migrator`` on it that records its events.
final class RunnerFixture {
    let directory: TemporaryDirectory
    let database: TestDatabase
    let connection: PostgresConnection
    private(set) var events: [MigrationEvent] = []

    /// Creates both, runs `body`, then closes the connection, removes the directory and drops the database.
    static func with(_ revisions: [GeneratedRevision], _ body: (RunnerFixture) throws -> Void) throws {
        try TestDatabase.with { database in
            try TemporaryDirectory.with { directory in
                try directory.write(revisions)
                let fixture = try RunnerFixture(directory: directory, database: database)
                defer { fixture.connection.close() }
                try body(fixture)
            }
        }
    }

    private init(directory: TemporaryDirectory, database: TestDatabase) throws {
        self.directory = directory
        self.database = database
        connection = try database.connect()
    }

    /// Rewrites revision files (to fix or edit them between runs).
    func write(_ revisions: [GeneratedRevision]) throws {
        try directory.write(revisions)
    }

    /// A migrator over the files as they are now.
    func migrator(_ configure: (inout MigrationOptions) -> Void = { _ in }) throws -> Migrator {
        var options = MigrationOptions()
        configure(&options)
        let graph = try RevisionDirectory(path: directory.absolute(TemporaryDirectory.versionsPath)).loadGraph()
        return Migrator(connection: connection, graph: graph, versionTable: VersionTable(), options: options) { event in
            self.events.append(event)
        }
    }

    /// Forgets the events reported so far.
    func clearEvents() { events.removeAll() }

    /// The notices reported so far, one line each: `location [revision] message`.
    var noticeLines: [String] {
        events.compactMap { event in
            guard case .notice(let notice, let revision, let location) = event else { return nil }
            return "\(location.map(\.description) ?? "?") [\(revision)] \(notice.message)"
        }
    }

    /// Absolute path of a revision's file.
    func path(of revision: GeneratedRevision) -> String {
        directory.absolute(revision.relativePath)
    }

    // MARK: - Reading the database (on a separate connection, as another session sees it)

    func rows(_ sql: String) throws -> [[String?]] {
        let reader = try database.connect()
        defer { reader.close() }
        let result = try reader.execute(sql)
        return result.rows.map { row in result.columns.indices.map { row[$0] } }
    }

    func tables() throws -> Set<String> {
        Set(
            try rows(
                "SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' "
                    + "AND relname NOT LIKE 'schema\\_migrations%'"
            ).compactMap { $0[0] }
        )
    }

    /// The version table as `revision status statements_done`.
    func versionRows() throws -> [String] {
        try rows("SELECT revision || ' ' || status || ' ' || statements_done FROM schema_migrations ORDER BY revision")
            .map { $0[0] ?? "" }
    }

    /// The log as `event revision outcome`.
    func logEvents() throws -> [String] {
        try rows("SELECT event || ' ' || revision || ' ' || outcome FROM schema_migrations_log ORDER BY id").map {
            $0[0] ?? ""
        }
    }
}
