import PostgresClient
import SystemProcess

/// A fake project directory and a database of its own: what a test needs to run the built `migrate` the way
/// a person or a pipeline does, and to look at the database afterwards.
package struct MigrateProject: Sendable {
    package let directory: TemporaryDirectory
    package let database: TestDatabase

    /// Creates both, runs `body`, then removes the directory and drops the database.
    package static func with<Result>(_ body: (MigrateProject) throws -> Result) throws -> Result {
        try TestDatabase.with { database in
            try TemporaryDirectory.with { directory in
                try body(MigrateProject(directory: directory, database: database))
            }
        }
    }

    /// Async flavour of ``with(_:)``.
    package static func with<Result>(_ body: (MigrateProject) async throws -> Result) async throws -> Result {
        try await TestDatabase.with { database in
            try await TemporaryDirectory.with { directory in
                try await body(MigrateProject(directory: directory, database: database))
            }
        }
    }

    /// Writes revision files into `migrations/versions`.
    package func write(_ revisions: [GeneratedRevision]) throws {
        try directory.write(revisions)
    }

    /// Writes `revisions` and upgrades the database to head: the schema a test then moves data into or out of.
    /// - Throws: ``TestSupportError`` with `migrate`'s output when the upgrade fails.
    package func upgrade(with revisions: GeneratedRevision...) throws {
        try write(revisions)
        let result = try migrate("upgrade", "head")
        guard result.status == .exited(0) else {
            throw TestSupportError("migrate upgrade head failed: \(result.combinedOutput)")
        }
    }

    /// Creates the SQLite file `name` in the project directory with `sql` run in it, and returns its path.
    package func sqliteFile(_ name: String, _ sql: String) throws -> String {
        let path = directory.absolute(name)
        try SQLiteFixture.create(path, sql)
        return path
    }

    /// Creates the DuckDB file `name` in the project directory with `sql` run in it by the `duckdb` program at
    /// `duckdb`, and returns its path.
    /// - Throws: ``TestSupportError`` with the program's output when it fails.
    package func duckDBFile(_ name: String, _ sql: String, duckdb: String) throws -> String {
        let path = directory.absolute(name)
        let result = try ChildProcess.run(duckdb, [path], input: sql)
        guard result.status == .exited(0) else {
            throw TestSupportError("duckdb could not create \(name): \(result.combinedOutput)")
        }
        return path
    }

    /// Runs `migrate` in the project against its database (`--url`), and waits for it.
    @discardableResult
    package func migrate(_ arguments: String..., environment: [String: String] = [:]) throws -> ProcessOutput {
        try migrate(arguments: arguments, environment: environment)
    }

    /// ``migrate(_:environment:)`` with the arguments as an array.
    @discardableResult
    package func migrate(arguments: [String], environment: [String: String] = [:]) throws -> ProcessOutput {
        try MigrateExecutable.run(arguments, in: directory, database: database, environment: environment)
    }

    /// Runs `migrate` in the project without `--url` (offline commands, or a database given another way).
    @discardableResult
    package func migrateWithoutURL(_ arguments: String..., environment: [String: String] = [:]) throws -> ProcessOutput
    {
        try MigrateExecutable.run(arguments, in: directory.path, environment: environment)
    }

    // MARK: - Looking at the database

    /// Runs a query on a new connection and returns its rows as text.
    package func rows(_ sql: String) throws -> [[String?]] {
        let connection = try database.connect()
        defer { connection.close() }
        let result = try connection.execute(sql)
        return result.rows.map { row in result.columns.indices.map { row[$0] } }
    }

    /// The first column of the first row, if any.
    package func scalar(_ sql: String) throws -> String? {
        try rows(sql).first?.first ?? nil
    }

    /// The tables in `public`, without the version tables.
    package func tables(schema: String = "public") throws -> Set<String> {
        let names = try rows(
            """
            SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = \(SQLQuoting.literal(schema)) AND c.relkind IN ('r', 'p')
              AND c.relname NOT LIKE 'schema\\_migrations%'
            """
        )
        return Set(names.compactMap { $0[0] })
    }

    /// `revision` → `status` of every row of the version table.
    package func versionRows(table: String = "public.schema_migrations") throws -> [String: String] {
        var result: [String: String] = [:]
        for row in try rows("SELECT revision, status FROM \(table)") {
            result[row[0] ?? ""] = row[1] ?? ""
        }
        return result
    }

    /// The event log as `event revision outcome` lines, oldest first.
    package func logEvents(table: String = "public.schema_migrations_log") throws -> [String] {
        try rows("SELECT event || ' ' || revision || ' ' || outcome FROM \(table) ORDER BY id").map { $0[0] ?? "" }
    }
}
