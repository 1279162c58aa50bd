import PostgresClient

/// `<version table>_imports`: what `migrate import` loaded from which source file, so that a failed or killed
/// import run again with the same file skips the tables it finished and loads the rest.
///
/// A table's row is written as `running` before its load and set to `done` in the load's own transaction, so
/// `done` is recorded exactly when the rows are committed.
package struct ImportLedger: Sendable {
    package let schema: String
    package let name: String

    package init(versionTable: VersionTable) {
        schema = versionTable.schema
        name = versionTable.name + "_imports"
    }

    var qualifiedName: String { SQLQuoting.qualified(schema, name) }

    /// One table's record.
    package struct Entry: Sendable {
        package var source: String
        package var sourceSHA256: String
        package var table: String
        package var rows: Int?
        package var checksum: String?
        package var startedAt: String
        package var endedAt: String?
        package var outcome: String
        package var message: String?
    }

    func create(_ connection: PostgresConnection) throws(PostgresError) {
        try connection.execute(
            """
            CREATE SCHEMA IF NOT EXISTS \(SQLQuoting.identifier(schema));
            CREATE TABLE IF NOT EXISTS \(qualifiedName) (
                source text NOT NULL,
                source_sha256 text NOT NULL,
                table_name text NOT NULL,
                rows bigint,
                checksum text,
                started_at timestamptz NOT NULL DEFAULT clock_timestamp(),
                ended_at timestamptz,
                outcome text NOT NULL CHECK (outcome IN ('running', 'done', 'failed')),
                message text,
                PRIMARY KEY (source_sha256, table_name)
            )
            """
        )
    }

    /// Whether the ledger exists (reads never create it).
    func exists(_ connection: PostgresConnection) throws(PostgresError) -> Bool {
        try connection.query("SELECT pg_catalog.to_regclass($1) IS NOT NULL", [qualifiedName]).scalar == "t"
    }

    /// The records of a source file (by its SHA-256), or of every source when `sha256` is nil.
    func entries(_ connection: PostgresConnection, sha256: String?) throws(PostgresError) -> [Entry] {
        guard try exists(connection) else { return [] }
        let result = try connection.query(
            """
            SELECT source, source_sha256, table_name, rows, checksum, started_at::text, ended_at::text, outcome, message
            FROM \(qualifiedName) WHERE $1::text IS NULL OR source_sha256 = $1 ORDER BY started_at, table_name
            """,
            [sha256]
        )
        return result.rows.map { row in
            Entry(
                source: row.string("source"),
                sourceSHA256: row.string("source_sha256"),
                table: row.string("table_name"),
                rows: row.int("rows"),
                checksum: row["checksum"],
                startedAt: row.string("started_at"),
                endedAt: row["ended_at"],
                outcome: row.string("outcome"),
                message: row["message"]
            )
        }
    }

    func markRunning(_ connection: PostgresConnection, source: String, sha256: String, table: String)
        throws(PostgresError)
    {
        _ = try connection.query(
            """
            INSERT INTO \(qualifiedName) (source, source_sha256, table_name, outcome)
            VALUES ($1, $2, $3, 'running')
            ON CONFLICT (source_sha256, table_name) DO UPDATE
            SET source = EXCLUDED.source, started_at = clock_timestamp(), ended_at = NULL, rows = NULL,
                checksum = NULL, outcome = 'running', message = NULL
            """,
            [source, sha256, table]
        )
    }

    func markEnded(
        _ connection: PostgresConnection,
        sha256: String,
        table: String,
        outcome: String,
        rows: Int?,
        checksum: String?,
        message: String?
    ) throws(PostgresError) {
        _ = try connection.query(
            """
            UPDATE \(qualifiedName) SET ended_at = clock_timestamp(), outcome = $3, rows = $4, checksum = $5, message = $6
            WHERE source_sha256 = $1 AND table_name = $2
            """,
            [sha256, table, outcome, rows.map(String.init), checksum, message]
        )
    }
}
