import PostgresClient

/// A table of the target database that `migrate import` loads, as the catalog describes it.
package struct TargetTable: Sendable, Hashable {
    package var schema: String
    package var name: String
    package var columns: [TargetColumn]
    package var primaryKey: [String]
    /// Foreign keys to other tables of the same schema.
    package var foreignKeys: [TargetForeignKey]

    /// `"schema"."name"`.
    package var qualifiedName: String { SQLQuoting.qualified(schema, name) }

    package func column(named name: String) -> TargetColumn? { columns.first { $0.name == name } }
}

/// A column of a ``TargetTable``.
package struct TargetColumn: Sendable, Hashable {
    package var name: String
    /// As `format_type` spells it: `character varying(255)`, `timestamp with time zone`, `text[]`...
    package var typeName: String
    /// What values it takes, from its base type (a domain's underlying type).
    package var kind: TargetKind
    package var notNull: Bool
    package var hasDefault: Bool
    /// `GENERATED ALWAYS AS (...) STORED`: never written to.
    package var isGenerated: Bool
    /// The sequence of an identity or serial column, qualified and quoted.
    package var sequence: String?
}

/// A foreign key of a ``TargetTable``.
package struct TargetForeignKey: Sendable, Hashable {
    package var name: String
    package var referencedTable: String
    /// `pg_get_constraintdef`: to drop and re-add the constraint around a cycle.
    package var definition: String
    package var isDeferrable: Bool
}

extension TargetTable {
    /// Every ordinary or partitioned table of `schema`, by name.
    static func read(schema: String, connection: PostgresConnection) throws(PostgresError) -> [String: TargetTable] {
        let columns = try connection.query(
            """
            SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod),
                   CASE WHEN t.typtype = 'd' THEN b.typname ELSE t.typname END,
                   CASE WHEN t.typtype = 'd' THEN t.typtypmod ELSE a.atttypmod END,
                   CASE WHEN t.typtype = 'd' THEN b.typcategory ELSE t.typcategory END,
                   e.typname, a.attnotnull, a.atthasdef, a.attgenerated <> '',
                   pg_get_serial_sequence(format('%I.%I', n.nspname, c.relname), a.attname)
            FROM pg_attribute a
            JOIN pg_class c ON c.oid = a.attrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_type t ON t.oid = a.atttypid
            LEFT JOIN pg_type b ON b.oid = t.typbasetype
            LEFT JOIN pg_type e ON e.oid = (CASE WHEN t.typtype = 'd' THEN b.typelem ELSE t.typelem END)
                AND (CASE WHEN t.typtype = 'd' THEN b.typcategory ELSE t.typcategory END) = 'A'
            WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY c.relname, a.attnum
            """,
            [schema]
        )
        var tables: [String: TargetTable] = [:]
        for row in columns.rows {
            let table = row.string("relname")
            let kind = TargetKind(
                typeName: row[3] ?? "",
                typeModifier: Int(row[4] ?? "-1") ?? -1,
                category: row[5] ?? "",
                elementTypeName: row[6]
            )
            let column = TargetColumn(
                name: row[1] ?? "",
                typeName: row[2] ?? "",
                kind: kind,
                notNull: row[7] == "t",
                hasDefault: row[8] == "t",
                isGenerated: row[9] == "t",
                sequence: row[10]
            )
            tables[table, default: TargetTable(schema: schema, name: table, columns: [], primaryKey: [], foreignKeys: [])]
                .columns.append(column)
        }
        let constraints = try connection.query(
            """
            SELECT c.relname, k.contype, k.conname, r.relname AS referenced, pg_get_constraintdef(k.oid),
                   k.condeferrable,
                   ARRAY(SELECT a.attname FROM unnest(k.conkey) WITH ORDINALITY AS u(attnum, i)
                         JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.attnum ORDER BY u.i)
            FROM pg_constraint k
            JOIN pg_class c ON c.oid = k.conrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_class r ON r.oid = k.confrelid
            LEFT JOIN pg_namespace rn ON rn.oid = r.relnamespace
            WHERE n.nspname = $1 AND (k.contype = 'p' OR (k.contype = 'f' AND rn.nspname = $1))
            ORDER BY c.relname, k.conname
            """,
            [schema]
        )
        for row in constraints.rows {
            let table = row.string("relname")
            guard tables[table] != nil else { continue }
            if row[1] == "p" {
                tables[table]?.primaryKey = row.textArray("array")
            } else {
                tables[table]?.foreignKeys.append(
                    TargetForeignKey(
                        name: row[2] ?? "",
                        referencedTable: row[3] ?? "",
                        definition: row[4] ?? "",
                        isDeferrable: row[5] == "t"
                    )
                )
            }
        }
        return tables
    }
}
