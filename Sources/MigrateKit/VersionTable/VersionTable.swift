import PostgresClient

/// The tables that record which revisions a database has: `schema_migrations` (one row per applied
/// revision) and `schema_migrations_log` (an append-only event log), with names from the configuration.
///
/// The layout is versioned through the table comment (`migrate version table, layout N`) so a later
/// release can upgrade it in place.
package struct VersionTable: Sendable, Hashable {
    package var schema: String
    package var name: String

    /// The layout this release creates and understands.
    package static let layoutVersion = 1

    package init(schema: String = "public", name: String = "schema_migrations") {
        self.schema = schema
        self.name = name
    }

    /// The event log's name: the version table's name with `_log` appended.
    package var logName: String { name + "_log" }

    package var qualifiedName: String { SQLQuoting.qualified(schema, name) }
    package var qualifiedLogName: String { SQLQuoting.qualified(schema, logName) }

    /// The key of the session advisory lock every migrating process takes: derived from the table's
    /// qualified name (FNV-1a, 64 bit), so two projects with different version tables in one database do
    /// not block each other. Stable across releases.
    package var lockKey: Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in "migrate:\(schema).\(name)".utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return Int64(bitPattern: hash)
    }

    // MARK: - Creating

    /// `CREATE` statements for both tables, idempotent. Run while holding the migration lock.
    package var createStatements: [String] {
        [
            "CREATE SCHEMA IF NOT EXISTS \(SQLQuoting.identifier(schema))",
            """
            CREATE TABLE IF NOT EXISTS \(qualifiedName) (
                revision text PRIMARY KEY,
                parents text[] NOT NULL DEFAULT '{}',
                depends_on text[] NOT NULL DEFAULT '{}',
                branch_labels text[] NOT NULL DEFAULT '{}',
                message text NOT NULL DEFAULT '',
                file_name text,
                checksum text NOT NULL,
                down_sql text,
                transactional boolean NOT NULL DEFAULT true,
                status text NOT NULL DEFAULT 'applied' CHECK (status IN ('applied', 'running', 'failed')),
                statements_done integer NOT NULL DEFAULT 0,
                failure text,
                applied_at timestamptz NOT NULL DEFAULT clock_timestamp(),
                applied_by text NOT NULL DEFAULT current_user,
                client_host text,
                execution_ms double precision,
                tool_version text NOT NULL
            )
            """,
            "COMMENT ON TABLE \(qualifiedName) IS "
                + SQLQuoting.literal("migrate version table, layout \(Self.layoutVersion)"),
            """
            CREATE TABLE IF NOT EXISTS \(qualifiedLogName) (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                event text NOT NULL CHECK (event IN ('upgrade', 'downgrade', 'stamp', 'unstamp')),
                revision text NOT NULL,
                outcome text NOT NULL CHECK (outcome IN ('succeeded', 'failed')),
                detail text,
                started_at timestamptz NOT NULL,
                duration_ms double precision,
                performed_by text NOT NULL DEFAULT current_user,
                client_host text,
                tool_version text NOT NULL
            )
            """,
            "COMMENT ON TABLE \(qualifiedLogName) IS " + SQLQuoting.literal("migrate event log (append-only)"),
        ]
    }

    /// Whether the version table exists, and the layout it has.
    package func existingLayout(on connection: PostgresConnection) throws -> Int? {
        let result = try connection.query(
            """
            SELECT obj_description(c.oid, 'pg_class')
            FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = $1 AND c.relname = $2 AND c.relkind IN ('r', 'p')
            """,
            [schema, name]
        )
        guard result.rowCount > 0 else { return nil }
        guard let comment = result.scalar, let layout = comment.split(separator: " ").last.flatMap({ Int($0) }),
            comment.hasPrefix("migrate version table, layout")
        else {
            throw MigrateError(
                .validation,
                "the table \(schema).\(name) exists but was not created by migrate (its comment does not name a "
                    + "migrate layout)",
                hint: "choose another `version_table` in migrate.toml, or rename the existing table"
            )
        }
        return layout
    }

    /// Whether a relation of the version table's name exists: a lookup by name alone, without the comment
    /// `existingLayout` reads, whose first read in a new session costs about 2 ms (loading `pg_description`).
    /// Reads that find a table of that name not made by migrate fail on its columns instead:
    /// see ``appliedRevisions(on:knownToExist:detail:)``.
    package func relationExists(on connection: PostgresConnection) throws -> Bool {
        try connection.query("SELECT pg_catalog.to_regclass($1) IS NOT NULL", [qualifiedName]).scalar == "t"
    }

    /// Creates the tables when missing and checks the layout. Call while holding the migration lock.
    /// - Returns: Whether the tables were created.
    @discardableResult
    package func ensureExists(on connection: PostgresConnection) throws -> Bool {
        if let layout = try existingLayout(on: connection) {
            guard layout <= Self.layoutVersion else {
                throw MigrateError(
                    .validation,
                    "\(schema).\(name) has layout \(layout), written by a newer migrate; this is migrate "
                        + "\(MigrateVersion.current) (layout \(Self.layoutVersion))",
                    hint: "upgrade migrate"
                )
            }
            return false
        }
        try connection.execute(createStatements.joined(separator: ";\n"))
        return true
    }

    // MARK: - Reading

    /// How much of each row a read of the version table fetches.
    package enum RowDetail: Sendable {
        /// Every column.
        case everything
        /// Every column but the stored down SQL, which is most of a row's bytes and only a downgrade needs.
        case withoutDownSQL
        /// Only where the database stands: `revision`, `parents`, `status` and `message`; the other fields
        /// of ``AppliedRevision`` are left at their defaults.
        case position
    }

    /// Every row of the version table, oldest first. Empty if the table does not exist.
    /// - Parameters:
    ///   - knownToExist: The caller has just checked (or created) the table: saves a round trip.
    ///   - detail: Which columns to read; ``AppliedRevision/downSQL`` is `nil` unless `.everything`.
    package func appliedRevisions(
        on connection: PostgresConnection,
        knownToExist: Bool = false,
        detail: RowDetail = .everything
    ) throws -> [AppliedRevision] {
        guard try knownToExist || existingLayout(on: connection) != nil else { return [] }
        let columns: String
        switch detail {
        case .position:
            columns = "revision, parents, status, message"
        case .everything, .withoutDownSQL:
            columns = """
                revision, parents, depends_on, branch_labels, message, file_name, checksum, \
                \(detail == .everything ? "down_sql" : "NULL::text AS down_sql"), transactional, status, \
                statements_done, failure, \
                to_char(applied_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS applied_at, applied_by, \
                client_host, execution_ms, tool_version
                """
        }
        // The order is by the timestamp itself (to the microsecond), not by its text, which only has whole
        // seconds and sorts slowly.
        let query = "SELECT \(columns) FROM \(qualifiedName) AS applied ORDER BY applied.applied_at, applied.revision"
        let result: QueryResult
        switch Result(catching: { () throws(PostgresError) in try connection.execute(query) }) {
        case .success(let rows): result = rows
        case .failure(let error) where error.sqlState == "42703":
            // undefined_column: a table of this name that migrate did not create.
            throw MigrateError(
                .validation,
                "the table \(schema).\(name) exists but was not created by migrate (\(error.message))",
                hint: "choose another `version_table` in migrate.toml, or rename the existing table"
            )
        case .failure(let error): throw error
        }
        let positions = AppliedRevision.ColumnPositions(result)
        return (0..<result.rowCount).map { AppliedRevision(result, row: $0, positions: positions) }
    }
}
