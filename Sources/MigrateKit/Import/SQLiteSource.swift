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
                return SourceTable(
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
            }
        }
    }

    package func rowCount(of table: SourceTable) throws(MigrateError) -> Int {
        try reading {
            Int(try database.rows("SELECT count(*) FROM \(Self.quoted(table.name))").first?.first.flatMap { $0 } ?? "0")
                ?? 0
        }
    }

    package func readRows(
        of table: SourceTable,
        columns: [String],
        orderBy: [String],
        _ row: ([SourceValue]) throws -> Void
    ) throws {
        var sql = "SELECT \(columns.map(Self.quoted).joined(separator: ", ")) FROM \(Self.quoted(table.name))"
        if !orderBy.isEmpty { sql += " ORDER BY \(orderBy.map(Self.quoted).joined(separator: ", "))" }
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

    /// An identifier quoted for SQLite (which also reads PostgreSQL's double-quote form).
    static func quoted(_ name: String) -> String {
        "\"" + name.replacing("\"", with: "\"\"") + "\""
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
