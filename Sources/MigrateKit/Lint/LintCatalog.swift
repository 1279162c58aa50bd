import PostgresClient

/// What lint knows about the database its revisions will run on: table sizes, which index belongs to which table,
/// column types, validated `IS NOT NULL` checks, enum labels and volatile functions.
///
/// Read once from the live catalog when `check` is connected; offline (``offline``) it knows nothing, so every
/// table that the batch did not create counts as big.
package struct LintCatalog: Sendable {
    /// Estimated rows by `schema.table` (`pg_class.reltuples`); `nil` when unknown (never analyzed).
    package var rows: [String: Double?] = [:]
    /// Schemas holding a table of each name, for unqualified names.
    var schemasByTable: [String: [String]] = [:]
    /// `schema.index` → `schema.table`.
    package var indexTables: [String: String] = [:]
    /// Materialized views (`schema.view`) with a unique index on plain columns and without `WHERE`, which
    /// `REFRESH ... CONCURRENTLY` needs.
    package var uniquelyIndexedViews: Set<String> = []
    /// `schema.table.column` → the type as `format_type` prints it.
    package var columnTypes: [String: String] = [:]
    /// `schema.table.column` of every validated `CHECK (column IS NOT NULL)`.
    package var notNullChecks: Set<String> = []
    /// `schema.type` → labels in order.
    package var enumLabels: [String: [String]] = [:]
    /// Names of volatile functions (`provolatile = 'v'`).
    package var volatileFunctions: Set<String> = LintCatalog.knownVolatileFunctions
    /// Whether this was read from a database.
    package var isLive = false

    /// A catalog for `--offline`: nothing is known.
    package static let offline = LintCatalog()

    /// The volatile functions of a plain PostgreSQL (and common extensions) that defaults use.
    static let knownVolatileFunctions: Set<String> = [
        "random", "gen_random_uuid", "uuid_generate_v1", "uuid_generate_v1mc", "uuid_generate_v4",
        "clock_timestamp", "timeofday", "nextval", "setseed", "gen_random_bytes", "uuidv7",
    ]

    package init() {}

    /// The schema an unqualified table name resolves to: `public` when it holds one, else the only schema that
    /// does, else `public`.
    package func schema(ofTable name: String) -> String {
        guard let schemas = schemasByTable[name], !schemas.contains("public"), schemas.count == 1 else {
            return "public"
        }
        return schemas[0]
    }

    // MARK: - Reading

    /// Reads what lint needs from the database `connection` is on, in one round trip per kind of fact.
    /// - Throws: ``MigrateError`` (`.connection`) when a query fails.
    package static func read(_ connection: PostgresConnection) throws(MigrateError) -> LintCatalog {
        var catalog = LintCatalog()
        catalog.isLive = true
        let userSchemas = "n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'"
        let tables = try query(
            connection,
            """
            SELECT n.nspname, c.relname,
                   CASE WHEN c.reltuples >= 0 THEN c.reltuples
                        WHEN c.relkind <> 'p' AND pg_relation_size(c.oid) = 0 THEN 0 END
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p', 'm') AND \(userSchemas)
            """
        )
        for row in tables {
            catalog.rows[row[0] + "." + row[1]] = .some(Double(row[2]))
            catalog.schemasByTable[row[1], default: []].append(row[0])
        }
        let indexes = try query(
            connection,
            """
            SELECT ni.nspname, i.relname, n.nspname, t.relname, t.relkind,
                   x.indisunique AND x.indpred IS NULL AND x.indexprs IS NULL
            FROM pg_index x
            JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_namespace ni ON ni.oid = i.relnamespace
            JOIN pg_class t ON t.oid = x.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE \(userSchemas)
            """
        )
        for row in indexes {
            let table = row[2] + "." + row[3]
            catalog.indexTables[row[0] + "." + row[1]] = table
            if row[4] == "m" && row[5] == "t" { catalog.uniquelyIndexedViews.insert(table) }
        }
        let columns = try query(
            connection,
            """
            SELECT n.nspname, c.relname, a.attname, format_type(a.atttypid, a.atttypmod)
            FROM pg_attribute a
            JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p') AND \(userSchemas)
            """
        )
        for row in columns { catalog.columnTypes[row[0] + "." + row[1] + "." + row[2]] = row[3] }
        let checks = try query(
            connection,
            """
            SELECT n.nspname, c.relname, pg_get_constraintdef(k.oid)
            FROM pg_constraint k
            JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE k.contype = 'c' AND k.convalidated AND \(userSchemas)
            """
        )
        for row in checks {
            if let column = LintStatementReader.notNullColumn(ofConstraintDefinition: row[2]) {
                catalog.notNullChecks.insert(row[0] + "." + row[1] + "." + column)
            }
        }
        let labels = try query(
            connection,
            """
            SELECT n.nspname, t.typname, e.enumlabel
            FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid JOIN pg_namespace n ON n.oid = t.typnamespace
            ORDER BY n.nspname, t.typname, e.enumsortorder
            """
        )
        for row in labels { catalog.enumLabels[row[0] + "." + row[1], default: []].append(row[2]) }
        let volatile = try query(connection, "SELECT DISTINCT proname FROM pg_proc WHERE provolatile = 'v'")
        catalog.volatileFunctions.formUnion(volatile.map { $0[0] })
        return catalog
    }

    /// Rows of text; NULL reads as "".
    private static func query(_ connection: PostgresConnection, _ sql: String) throws(MigrateError) -> [[String]] {
        let result: QueryResult
        do {
            result = try connection.execute(sql)
        } catch {
            throw MigrateError(.connection, "reading the catalog for lint failed: \(error.message)")
        }
        return (0..<result.rowCount).map { row in result.columns.indices.map { result[row, $0] ?? "" } }
    }
}
