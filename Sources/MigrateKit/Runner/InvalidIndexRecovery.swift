import PostgresClient
import SQLSyntax

/// Cleans up after an interrupted `CREATE INDEX CONCURRENTLY`.
///
/// A concurrent build that fails or is cut off (cancel, timeout, crash) leaves an INVALID index under the
/// name it was creating, so running the statement again fails with "relation already exists" (or, with `IF NOT
/// EXISTS`, silently keeps the unusable index). Before a non-transactional revision runs such a statement
/// (which finds a leftover when resuming after a crash), and right after one fails, the leftover is dropped with
/// `DROP INDEX CONCURRENTLY`. Only an index that is INVALID, has exactly the statement's name, is on the
/// statement's table and is not being built by another session is touched.
enum InvalidIndexRecovery {
    /// The index a `CREATE INDEX CONCURRENTLY name ON [schema.]table` statement creates.
    struct Target: Sendable, Equatable {
        var schema: String?
        var table: String
        var name: String
    }

    /// The index a statement builds concurrently, if it is such a statement with an explicit name.
    static func target(of tree: SyntaxNode) -> Target? {
        guard let index = tree.body(ifKind: "IndexStmt"), index.flag("concurrent"),
            let name = index["idxname"]?.string, let table = index["relation"]?["relname"]?.string
        else { return nil }
        return Target(schema: index["relation"]?["schemaname"]?.string, table: table, name: name)
    }

    /// Drops the INVALID index `target` left behind, if there is one.
    /// - Returns: The qualified name of the dropped index, or `nil` when there was none.
    static func dropLeftover(_ target: Target, on connection: PostgresConnection) throws -> String? {
        let found = try connection.query(
            """
            SELECT n.nspname, c.relname
            FROM pg_catalog.pg_index i
            JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid
            JOIN pg_catalog.pg_class t ON t.oid = i.indrelid
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE NOT i.indisvalid AND c.relname = $1 AND t.relname = $2
              AND (CASE WHEN $3::text IS NULL THEN pg_catalog.pg_table_is_visible(t.oid) ELSE n.nspname = $3 END)
              -- An index another session is still building is INVALID too: not ours to drop.
              AND NOT EXISTS (
                  SELECT FROM pg_catalog.pg_stat_progress_create_index p WHERE p.index_relid = i.indexrelid
              )
            """,
            [target.name, target.table, target.schema]
        )
        guard let row = found.rows.first else { return nil }
        let qualified = SQLQuoting.qualified(row.string("nspname"), row.string("relname"))
        try connection.execute("DROP INDEX CONCURRENTLY IF EXISTS \(qualified)")
        return qualified
    }
}
