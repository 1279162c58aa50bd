import PostgresClient
import SQLSyntax
import SQLiteClient

/// Reads an SQLite database file through the system's SQLite library, read-only and in one snapshot.
///
/// The snapshot is one read transaction, open from ``init(path:)`` to ``close()``: in WAL mode the file's
/// writers carry on and the reader keeps seeing the state it started with; in rollback-journal mode writers wait
/// until the reader is done. Either way an app writing meanwhile cannot produce a torn copy.
package final class SQLiteSource: SourceReader {
    private let database: SQLiteDatabase
    private let path: String

    /// Opens `path` read-only and starts the read transaction.
    /// - Parameter concurrentReads: Allow ``readRows(of:columns:orderBy:_:)`` from several threads at once
    ///   (`--jobs`): they share the one snapshot, each call taking SQLite's mutex.
    package init(path: String, concurrentReads: Bool = false) throws(MigrateError) {
        self.path = path
        do {
            database = try SQLiteDatabase(path: path, mode: .readOnly, serialized: concurrentReads)
            try database.execute("BEGIN")
            // A deferred transaction takes its snapshot at its first read.
            _ = try database.rows("SELECT count(*) FROM sqlite_schema")
        } catch {
            throw MigrateError(.io, "cannot read the SQLite database \(path): \(error.message)")
        }
    }

    package func tables() throws(MigrateError) -> [SourceTable] {
        try reading {
            let names = try database.rows(
                "SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
                    + "ORDER BY name"
            )
            return try names.map { row in
                let name = row[0] ?? ""
                let columns = try database.rows(
                    "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(?) ORDER BY cid",
                    [name]
                )
                let primaryKey =
                    columns
                    .filter { Int($0[4] ?? "0") ?? 0 > 0 }
                    .sorted { Int($0[4] ?? "0") ?? 0 < Int($1[4] ?? "0") ?? 0 }
                    .map { $0[0] ?? "" }
                let keys = try database.rows(
                    "SELECT id, \"table\", \"from\", \"to\", on_update, on_delete FROM pragma_foreign_key_list(?) "
                        + "ORDER BY id, seq",
                    [name]
                )
                var foreignKeys: [SourceForeignKey] = []
                var lastID: String?
                for key in keys {
                    if key[0] != lastID {
                        lastID = key[0]
                        foreignKeys.append(
                            SourceForeignKey(
                                columns: [],
                                referencedTable: key[1] ?? "",
                                referencedColumns: [],
                                onDelete: key[5] ?? "NO ACTION",
                                onUpdate: key[4] ?? "NO ACTION"
                            )
                        )
                    }
                    foreignKeys[foreignKeys.count - 1].columns.append(key[2] ?? "")
                    if let to = key[3] { foreignKeys[foreignKeys.count - 1].referencedColumns.append(to) }
                }
                var table = SourceTable(
                    name: name,
                    columns: columns.map {
                        SourceColumn(
                            name: $0[0] ?? "",
                            declaredType: $0[1] ?? "",
                            notNull: $0[2] == "1",
                            defaultSQL: $0[3]
                        )
                    },
                    primaryKey: primaryKey,
                    foreignKeys: foreignKeys,
                    definition: row[1]
                )
                try readDefinition(of: &table)
                table.indexes = try indexes(of: name)
                return table
            }
        }
    }

    /// CHECKs, collations, generated columns and `WITHOUT ROWID`, from the table's `CREATE TABLE` text.
    private func readDefinition(of table: inout SourceTable) throws {
        guard let sql = table.definition else { return }
        let definition: SQLiteTableDefinition
        do {
            definition = try SQLiteTableDefinition(sql)
        } catch {
            table.definitionProblem = "PostgreSQL's scanner cannot read its CREATE TABLE text (\(error.message))"
            return
        }
        table.checks = definition.checks
        table.withoutRowID = definition.withoutRowID
        // pragma_table_xinfo lists every column in definition order; hidden 2 and 3 are generated columns.
        let all = try database.rows(
            "SELECT name, type, hidden FROM pragma_table_xinfo(?) ORDER BY cid",
            [table.name]
        )
        for (position, column) in all.enumerated() where position < definition.columns.count {
            let clauses = definition.columns[position]
            let name = column[0] ?? ""
            if let expression = clauses.generatedExpression, column[2] == "2" || column[2] == "3" {
                table.generatedColumns.append(
                    SourceGeneratedColumn(
                        name: name,
                        declaredType: column[1] ?? "",
                        expression: expression,
                        isStored: column[2] == "3"
                    )
                )
            } else if let collation = clauses.collation, collation.uppercased() != "BINARY",
                let index = table.columns.firstIndex(where: { $0.name == name })
            {
                table.columns[index].collation = collation
            }
        }
    }

    /// UNIQUE constraints and `CREATE INDEX` indexes (not the primary key's), by name.
    private func indexes(of table: String) throws -> [SourceIndex] {
        let list = try database.rows(
            """
            SELECT list.name, list."unique", list.origin, schema.sql, list.partial
            FROM pragma_index_list(?) AS list
            LEFT JOIN sqlite_schema AS schema ON schema.type = 'index' AND schema.name = list.name
            WHERE list.origin <> 'pk' ORDER BY list.name
            """,
            [table]
        )
        return try list.map { entry in
            let name = entry[0] ?? ""
            let keys = try database.rows(
                "SELECT cid, name, \"desc\", coll FROM pragma_index_xinfo(?) WHERE key ORDER BY seqno",
                [name]
            )
            // Expression parts and the WHERE condition are only in the CREATE INDEX text; an index whose text
            // cannot be read keeps them as that text, which the translation then refuses with PostgreSQL's reason.
            var written: (parts: [String], predicate: String?) = ([], nil)
            if let sql = entry[3] {
                written = (try? SQLiteTableDefinition.indexParts(sql)) ?? ([], nil)
            }
            let parts = keys.enumerated().map { position, key -> SourceIndex.Part in
                if key[0] == "-2" {
                    return .expression(position < written.parts.count ? written.parts[position] : entry[3] ?? "?")
                }
                if key[0] == "-1" { return .expression("rowid") }
                return .column(key[1] ?? "")
            }
            return SourceIndex(
                name: name,
                isUnique: entry[1] == "1",
                isConstraint: entry[2] == "u",
                parts: parts,
                descending: keys.map { $0[2] == "1" },
                collations: keys.map { key in key[3].flatMap { $0.uppercased() == "BINARY" ? nil : $0 } },
                predicate: entry[4] == "1" ? written.predicate ?? entry[3] ?? "?" : nil
            )
        }
    }

    package func rowCount(of table: SourceTable) throws(MigrateError) -> Int {
        try reading {
            Int(try database.rows("SELECT count(*) FROM \(SQLQuoting.identifier(table.name))").first?.first.flatMap { $0 } ?? "0")
                ?? 0
        }
    }

    package func readRows(
        of table: SourceTable,
        columns: [String],
        orderBy: [String],
        _ row: ([SourceValue]) throws -> Void
    ) throws {
        var sql = "SELECT \(columns.map(SQLQuoting.identifier).joined(separator: ", ")) FROM \(SQLQuoting.identifier(table.name))"
        if !orderBy.isEmpty { sql += " ORDER BY \(orderBy.map(SQLQuoting.identifier).joined(separator: ", "))" }
        let statement = try reading { try database.prepare(sql) }
        var values = [SourceValue](repeating: .null, count: columns.count)
        while try reading({ try statement.step() }) {
            for index in values.indices {
                switch statement.storageClass(index) {
                case .null: values[index] = .null
                case .integer: values[index] = .integer(statement.int64(index))
                case .real: values[index] = .real(statement.double(index))
                case .text: values[index] = .text(statement.text(index))
                case .blob: values[index] = .blob(statement.bytes(index))
                }
            }
            try row(values)
        }
    }

    package func close() {
        try? database.execute("COMMIT")
    }

    private func reading<Value>(_ body: () throws -> Value) throws(MigrateError) -> Value {
        do {
            return try body()
        } catch let error as MigrateError {
            throw error
        } catch {
            throw MigrateError(.io, "reading the SQLite database \(path): \(error)")
        }
    }
}
