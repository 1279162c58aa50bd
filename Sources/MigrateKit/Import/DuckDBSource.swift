import PostgresClient
import LibC

/// Reads a DuckDB database file through DuckDB's command-line program (`duckdb`, PyPI package `duckdb-cli`).
///
/// One `duckdb -readonly` process stays open for the reader's lifetime: it holds DuckDB's shared lock on the file,
/// so no other process can open it for writing meanwhile, and every read sees the same state. Results stream
/// through a pipe as CSV (see ``DuckDBShell``), so memory stays flat whatever the size of a table.
///
/// The program is `MIGRATE_DUCKDB` when set, else `duckdb` in `PATH`.
package final class DuckDBSource: SourceReader {
    /// The database file, as given.
    package let path: String
    private let shell: DuckDBShell

    /// How to install the DuckDB command-line program; the hint of every error about finding it.
    package static let installHint =
        "install the DuckDB command-line program with `scripts/install-deps` (a virtual environment in "
        + "/opt/duckdb-cli, linked as /usr/local/bin/duckdb), or `python3 -m venv /opt/duckdb-cli && "
        + "/opt/duckdb-cli/bin/pip install duckdb-cli` and add /opt/duckdb-cli/bin to PATH, or "
        + "`pipx install duckdb-cli`; or set MIGRATE_DUCKDB to the path of a `duckdb` executable"

    /// Opens a DuckDB file read-only.
    ///
    /// - Parameters:
    ///   - executable: The `duckdb` program to run; `nil` finds it (see ``locateExecutable(environment:)``).
    /// - Throws: ``MigrateError`` with code `usage` when no `duckdb` program is found (the hint says how to install
    ///   it), and `io` when the file is missing, is not a DuckDB database, or DuckDB cannot open it.
    package init(path: String, executable: String? = nil) throws(MigrateError) {
        self.path = path
        let program: String
        if let executable { program = executable } else { program = try Self.locateExecutable() }
        try Self.checkHeader(path)
        shell = try DuckDBShell(executable: program, databasePath: path)
    }

    deinit { shell.close() }

    /// The `duckdb` program to run: `MIGRATE_DUCKDB` when set, else `duckdb` in `PATH`.
    ///
    /// - Throws: ``MigrateError`` with code `usage` and ``installHint`` when there is none.
    package static func locateExecutable(
        environment: [String: String]? = nil
    ) throws(MigrateError) -> String {
        func variable(_ name: String) -> String? {
            if let environment { return environment[name] }
            return getenv(name).map { String(cString: $0) }
        }
        if let configured = variable("MIGRATE_DUCKDB"), !configured.isEmpty {
            guard Self.isExecutableFile(configured) else {
                throw MigrateError(
                    .usage,
                    "MIGRATE_DUCKDB is \(configured), which is not an executable file; reading a DuckDB file needs "
                        + "DuckDB's command-line program",
                    hint: installHint
                )
            }
            return configured
        }
        let searchPath = variable("PATH") ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in searchPath.split(separator: ":") where !directory.isEmpty {
            let candidate = String(directory) + "/duckdb"
            if Self.isExecutableFile(candidate) { return candidate }
        }
        throw MigrateError(
            .usage,
            "reading a DuckDB file needs DuckDB's command-line program `duckdb`, which is not in PATH",
            hint: installHint
        )
    }

    private static func isExecutableFile(_ path: String) -> Bool {
        var information = stat()
        guard stat(path, &information) == 0 else { return false }
        return (information.st_mode & S_IFMT) == S_IFREG && access(path, X_OK) == 0
    }

    /// DuckDB files carry `DUCK` at byte 8. Checked here so that DuckDB never opens anything else (it would open an
    /// SQLite file through its SQLite extension).
    private static func checkHeader(_ path: String) throws(MigrateError) {
        let location = SourceLocation(file: path)
        guard let file = fopen(path, "rb") else {
            throw MigrateError(
                .io,
                "cannot open the DuckDB file: \(String(cString: strerror(errno)))",
                location: location
            )
        }
        defer { fclose(file) }
        var header = [UInt8](repeating: 0, count: 12)
        let count = fread(&header, 1, header.count, file)
        guard count == header.count, header[8..<12].elementsEqual("DUCK".utf8) else {
            throw MigrateError(.io, "not a DuckDB database (no DUCK header)", location: location)
        }
    }

    // MARK: - SourceReader

    package func tables() throws(MigrateError) -> [SourceTable] {
        var tables: [String: SourceTable] = [:]
        for row in try shell.rows(
            """
            SELECT table_name, sql FROM duckdb_tables()
            WHERE database_name = current_database() AND schema_name = 'main' AND NOT internal AND NOT temporary
            """
        ) {
            guard let name = row[0] else { continue }
            tables[name] = SourceTable(name: name, columns: [], definition: row[1])
        }

        for row in try shell.rows(
            """
            SELECT table_name, column_name, data_type, CAST(is_nullable AS VARCHAR), column_default
            FROM duckdb_columns()
            WHERE database_name = current_database() AND schema_name = 'main'
            ORDER BY table_name, column_index
            """
        ) {
            guard let table = row[0], tables[table] != nil, let name = row[1] else { continue }
            tables[table]!.columns.append(
                SourceColumn(name: name, declaredType: row[2] ?? "", notNull: row[3] == "false", defaultSQL: row[4])
            )
        }

        // One row per column of a key, in key order (DuckDB's foreign keys have no ON DELETE/UPDATE actions).
        var foreignKeys: [String: [Int: SourceForeignKey]] = [:]
        for row in try shell.rows(
            """
            SELECT table_name, CAST(constraint_index AS VARCHAR), constraint_type, referenced_table,
                unnest(constraint_column_names), unnest(referenced_column_names),
                CAST(generate_subscripts(constraint_column_names, 1) AS VARCHAR) AS position
            FROM duckdb_constraints()
            WHERE database_name = current_database() AND schema_name = 'main'
                AND constraint_type IN ('PRIMARY KEY', 'FOREIGN KEY')
            ORDER BY table_name, constraint_index, CAST(position AS INTEGER)
            """
        ) {
            guard let table = row[0], tables[table] != nil, let index = row[1].flatMap({ Int($0) }),
                let column = row[4]
            else { continue }
            if row[2] == "PRIMARY KEY" {
                tables[table]!.primaryKey.append(column)
            } else if let referenced = row[3] {
                foreignKeys[table, default: [:]][
                    index,
                    default: SourceForeignKey(
                        columns: [],
                        referencedTable: referenced,
                        referencedColumns: []
                    )
                ].columns.append(column)
                if let referencedColumn = row[5] {
                    foreignKeys[table]![index]!.referencedColumns.append(referencedColumn)
                }
            }
        }
        for (table, keys) in foreignKeys {
            tables[table]!.foreignKeys = keys.sorted { $0.key < $1.key }.map(\.value)
        }
        try readConstraintsAndIndexes(into: &tables)
        // Byte order, as SQLite's `ORDER BY name` gives it.
        return tables.values.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
    }

    /// UNIQUE and CHECK constraints (DuckDB names them itself, so their names are left for PostgreSQL to give),
    /// and `CREATE INDEX` indexes.
    private func readConstraintsAndIndexes(into tables: inout [String: SourceTable]) throws(MigrateError) {
        var uniques: [String: [Int: [String]]] = [:]
        for row in try shell.rows(
            """
            SELECT table_name, CAST(constraint_index AS VARCHAR), constraint_type, expression,
                unnest(constraint_column_names),
                CAST(generate_subscripts(constraint_column_names, 1) AS VARCHAR) AS position
            FROM duckdb_constraints()
            WHERE database_name = current_database() AND schema_name = 'main'
                AND constraint_type IN ('UNIQUE', 'CHECK')
            ORDER BY table_name, constraint_index, CAST(position AS INTEGER)
            """
        ) {
            guard let table = row[0], tables[table] != nil, let index = row[1].flatMap({ Int($0) }) else { continue }
            if row[2] == "CHECK" {
                if row[5] == "1", let expression = row[3] {
                    tables[table]!.checks.append(SourceCheck(name: nil, expression: expression))
                }
            } else if let column = row[4] {
                uniques[table, default: [:]][index, default: []].append(column)
            }
        }
        for (table, keys) in uniques {
            tables[table]!.indexes += keys.sorted { $0.key < $1.key }.map { index, columns in
                SourceIndex(
                    name: "\(table)_\(columns.joined(separator: "_"))_key",
                    isUnique: true,
                    isConstraint: true,
                    parts: columns.map { .column($0) }
                )
            }
        }
        for row in try shell.rows(
            """
            SELECT table_name, index_name, CAST(is_unique AS VARCHAR), sql FROM duckdb_indexes()
            WHERE database_name = current_database() AND schema_name = 'main' ORDER BY table_name, index_name
            """
        ) {
            guard let table = row[0], tables[table] != nil, let name = row[1], let sql = row[3] else { continue }
            let written: (parts: [String], predicate: String?)
            do {
                written = try SQLiteTableDefinition.indexParts(sql)
            } catch {
                throw MigrateError(.io, "cannot read index \(name) in \(path): \(error)")
            }
            let columns = tables[table]!.columns.map(\.name)
            tables[table]!.indexes.append(
                SourceIndex(
                    name: name,
                    isUnique: row[2] == "true",
                    isConstraint: false,
                    parts: written.parts.map { part in
                        let bare = part.hasPrefix("\"") ? String(part.dropFirst().dropLast()) : part
                        return columns.contains(bare) ? .column(bare) : .expression(part)
                    },
                    predicate: written.predicate
                )
            )
        }
    }

    package func rowCount(of table: SourceTable) throws(MigrateError) -> Int {
        let rows = try shell.rows("SELECT CAST(count(*) AS VARCHAR) FROM main.\(SQLQuoting.identifier(table.name))")
        guard let text = rows.first?[0], let count = Int(text) else {
            throw shell.failure("DuckDB gave no row count for table \(table.name)", code: .internal)
        }
        return count
    }

    package func readRows(
        of table: SourceTable,
        columns: [String],
        orderBy: [String],
        _ row: ([SourceValue]) throws -> Void
    ) throws {
        let readings = columns.map { name in
            DuckDBColumnReading(
                column: name,
                declaredType: table.columns.first { $0.name.utf8.elementsEqual(name.utf8) }?.declaredType
            )
        }
        var query = "SELECT "
        if readings.isEmpty {
            query += "NULL"
        } else {
            query += readings.enumerated().map { "\($1.expression) AS c\($0)" }.joined(separator: ", ")
        }
        query += " FROM main." + SQLQuoting.identifier(table.name)
        if !orderBy.isEmpty {
            query += " ORDER BY " + orderBy.map(SQLQuoting.identifier).joined(separator: ", ")
        }

        var values = [SourceValue](repeating: .null, count: readings.count)
        try shell.run(query) { record in
            for index in values.indices {
                values[index] = try readings[index].value(record.bytes(index))
            }
            try row(values)
        }
    }

    package func close() {
        shell.close()
    }
}
