import PostgresClient

/// A PostgreSQL table as `migrate export` writes it to SQLite: columns and primary key (from ``TargetTable``),
/// with the constraints and indexes SQLite can hold.
package struct ExportTable: Sendable {
    package var table: TargetTable
    /// UNIQUE constraints, each a list of columns.
    package var uniqueConstraints: [[String]]
    package var foreignKeys: [ExportForeignKey]
    package var indexes: [ExportIndex]
    /// Indexes SQLite cannot take as they are (expressions, partial, non-B-tree): name and why.
    package var skippedIndexes: [(name: String, reason: String)]
    /// CHECK constraints (PostgreSQL SQL, not carried over): name and definition.
    package var skippedChecks: [(name: String, definition: String)] = []
    /// The planner's estimate of its rows (`pg_class.reltuples`), for progress only; -1 when never analysed.
    package var estimatedRows: Int

    package var name: String { table.name }
}

/// A foreign key between two tables of the exported schema.
package struct ExportForeignKey: Sendable, Hashable {
    package var name: String
    package var columns: [String]
    package var referencedTable: String
    package var referencedColumns: [String]
    /// SQL spelling: `NO ACTION`, `RESTRICT`, `CASCADE`, `SET NULL`, `SET DEFAULT`.
    package var onDelete: String
    package var onUpdate: String
    package var initiallyDeferred: Bool
}

/// A plain B-tree index on columns.
package struct ExportIndex: Sendable, Hashable {
    package var name: String
    package var isUnique: Bool
    /// Column and `DESC` when descending.
    package var columns: [(name: String, descending: Bool)]

    package static func == (lhs: ExportIndex, rhs: ExportIndex) -> Bool {
        lhs.name == rhs.name && lhs.isUnique == rhs.isUnique && lhs.columns.map(\.name) == rhs.columns.map(\.name)
            && lhs.columns.map(\.descending) == rhs.columns.map(\.descending)
    }

    package func hash(into hasher: inout Hasher) { hasher.combine(name) }
}

extension ExportTable {
    /// Every table of `schema` but `reserved` (the version tables), by name, read in the caller's transaction.
    static func read(
        schema: String,
        reserved: Set<String>,
        connection: PostgresConnection
    ) throws(PostgresError) -> [String: ExportTable] {
        // A partition's rows are read through its partitioned table: exporting both would write them twice.
        let partitions = try connection.query(
            """
            SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = $1 AND c.relispartition
            """,
            [schema]
        ).rows.map { $0.string("relname") }
        let skipped = reserved.union(partitions)
        let targets = try TargetTable.read(schema: schema, connection: connection).filter { !skipped.contains($0.key) }
        var tables: [String: ExportTable] = [:]
        for (name, table) in targets {
            tables[name] = ExportTable(
                table: table,
                uniqueConstraints: [],
                foreignKeys: [],
                indexes: [],
                skippedIndexes: [],
                estimatedRows: -1
            )
        }
        let constraints = try connection.query(
            """
            SELECT c.relname, k.contype, k.conname, r.relname AS referenced,
                   ARRAY(SELECT a.attname FROM unnest(k.conkey) WITH ORDINALITY AS u(attnum, i)
                         JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.attnum ORDER BY u.i) AS cols,
                   ARRAY(SELECT a.attname FROM unnest(k.confkey) WITH ORDINALITY AS u(attnum, i)
                         JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.attnum ORDER BY u.i) AS refs,
                   k.confdeltype, k.confupdtype, k.condeferred, rn.nspname AS referenced_schema,
                   pg_get_constraintdef(k.oid) AS definition
            FROM pg_constraint k
            JOIN pg_class c ON c.oid = k.conrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_class r ON r.oid = k.confrelid
            LEFT JOIN pg_namespace rn ON rn.oid = r.relnamespace
            WHERE n.nspname = $1 AND k.contype IN ('u', 'f', 'c')
            ORDER BY c.relname, k.conname
            """,
            [schema]
        )
        for row in constraints.rows {
            let name = row.string("relname")
            guard tables[name] != nil else { continue }
            if row[1] == "u" {
                tables[name]?.uniqueConstraints.append(row.textArray("cols"))
            } else if row[1] == "c" {
                tables[name]?.skippedChecks.append((row.string("conname"), row.string("definition")))
            } else if row.string("referenced_schema") == schema {
                tables[name]?.foreignKeys.append(
                    ExportForeignKey(
                        name: row.string("conname"),
                        columns: row.textArray("cols"),
                        referencedTable: row.string("referenced"),
                        referencedColumns: row.textArray("refs"),
                        onDelete: Self.action(row.string("confdeltype")),
                        onUpdate: Self.action(row.string("confupdtype")),
                        initiallyDeferred: row.bool("condeferred") ?? false
                    )
                )
            }
        }
        // Indexes that no constraint owns (those of PRIMARY KEY and UNIQUE come with their constraint).
        let indexes = try connection.query(
            """
            SELECT c.relname AS table_name, i.relname AS index_name, x.indisunique, am.amname,
                   x.indexprs IS NOT NULL AS has_expressions, x.indpred IS NOT NULL AS is_partial,
                   ARRAY(SELECT a.attname FROM unnest(x.indkey) WITH ORDINALITY AS u(attnum, k)
                         JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = u.attnum
                         WHERE u.k <= x.indnkeyatts ORDER BY u.k) AS cols,
                   ARRAY(SELECT (o.option & 1)::text FROM unnest(x.indoption) WITH ORDINALITY AS o(option, k)
                         ORDER BY o.k) AS options,
                   pg_get_indexdef(x.indexrelid) AS definition, c.reltuples::bigint AS estimate
            FROM pg_index x
            JOIN pg_class c ON c.oid = x.indrelid
            JOIN pg_class i ON i.oid = x.indexrelid
            JOIN pg_am am ON am.oid = i.relam
            JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = $1
              AND NOT EXISTS (SELECT FROM pg_constraint k WHERE k.conindid = x.indexrelid AND k.conrelid = x.indrelid)
            ORDER BY c.relname, i.relname
            """,
            [schema]
        )
        for row in indexes.rows {
            let name = row.string("table_name")
            guard tables[name] != nil else { continue }
            let indexName = row.string("index_name")
            let reason: String? =
                if row.string("amname") != "btree" {
                    "a \(row.string("amname")) index"
                } else if row.bool("has_expressions") == true {
                    "an index on expressions"
                } else if row.bool("is_partial") == true {
                    "a partial index (its WHERE clause is PostgreSQL SQL)"
                } else {
                    nil
                }
            if let reason {
                tables[name]?.skippedIndexes.append((indexName, "\(reason): \(row.string("definition"))"))
                continue
            }
            let columns = row.textArray("cols")
            let options = row.textArray("options")
            tables[name]?.indexes.append(
                ExportIndex(
                    name: indexName,
                    isUnique: row.bool("indisunique") ?? false,
                    columns: columns.enumerated().map { ($1, options.indices.contains($0) && options[$0] == "1") }
                )
            )
        }
        let estimates = try connection.query(
            """
            SELECT c.relname, c.reltuples::bigint FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = $1 AND c.relkind IN ('r', 'p')
            """,
            [schema]
        )
        for row in estimates.rows where tables[row.string("relname")] != nil {
            tables[row.string("relname")]?.estimatedRows = Int(row[1] ?? "-1") ?? -1
        }
        return tables
    }

    /// Each column's default expression as `pg_get_expr` prints it: table → column → expression.
    static func readDefaults(schema: String, connection: PostgresConnection) throws(PostgresError) -> [String: [String:
        String]]
    {
        let result = try connection.query(
            """
            SELECT c.relname, a.attname, pg_get_expr(d.adbin, d.adrelid)
            FROM pg_attrdef d
            JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
            JOIN pg_class c ON c.oid = d.adrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = $1 AND a.attgenerated = ''
            """,
            [schema]
        )
        var defaults: [String: [String: String]] = [:]
        for row in result.rows {
            defaults[row[0] ?? "", default: [:]][row[1] ?? ""] = row[2]
        }
        return defaults
    }

    private static func action(_ code: String) -> String {
        switch code {
        case "r": "RESTRICT"
        case "c": "CASCADE"
        case "n": "SET NULL"
        case "d": "SET DEFAULT"
        default: "NO ACTION"
        }
    }
}
