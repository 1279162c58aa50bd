import PostgresClient
import SQLiteClient

/// `migrate export --like SOURCE`: the schema of the app's original SQLite file (its own `CREATE` statements from
/// `sqlite_schema`), PostgreSQL's tables and columns matched to it by name, and each column's spelling read from
/// the values the original holds.
struct LikeLayout {
    /// One table of the original file.
    struct LayoutTable {
        var name: String
        /// name, declared type, NOT NULL, has a default.
        var columns: [(name: String, declaredType: String, notNull: Bool, hasDefault: Bool)]
    }

    let path: String
    private let database: SQLiteDatabase
    /// `sqlite_schema` entries with SQL, in creation order: type, name, SQL.
    private let entries: [(type: String, name: String, sql: String)]
    let tables: [LayoutTable]

    /// Opens the original read-only and reads its schema.
    init(path: String) throws(MigrateError) {
        self.path = path
        guard ExportTarget.exists(path) else { throw MigrateError(.usage, "--like \(path): no such file") }
        guard (try? DataSource.sniff(path: path)) == .sqlite else {
            throw MigrateError(.usage, "--like \(path) is not an SQLite database (its first bytes say otherwise)")
        }
        do {
            database = try SQLiteDatabase(path: path, mode: .readOnly)
            entries = try database.rows(
                "SELECT type, name, sql FROM sqlite_schema WHERE sql IS NOT NULL "
                    + "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid"
            ).map { ($0[0] ?? "", $0[1] ?? "", $0[2] ?? "") }
            var tables: [LayoutTable] = []
            for entry in entries where entry.type == "table" {
                let columns = try database.rows(
                    "SELECT name, type, \"notnull\", dflt_value IS NOT NULL, pk FROM pragma_table_info(?) ORDER BY cid",
                    [entry.name]
                )
                tables.append(
                    LayoutTable(
                        name: entry.name,
                        columns: columns.map {
                            // An INTEGER PRIMARY KEY fills itself (the rowid): as good as a default.
                            let rowID = $0[4] == "1" && ($0[1] ?? "").uppercased() == "INTEGER"
                            return ($0[0] ?? "", $0[1] ?? "", $0[2] == "1", $0[3] == "1" || rowID)
                        }
                    )
                )
            }
            self.tables = tables
        } catch {
            throw MigrateError(.io, "cannot read the --like file \(path): \(error.message)")
        }
    }

    /// The plan: PostgreSQL's tables written into the original's layout.
    /// - Throws: ``MigrateError`` `.usage` naming every PostgreSQL table or column the layout has no place for.
    func plan(tables chosen: [ExportTable], selection: ExportSelection) throws(MigrateError) -> ExportPlan {
        var problems: [String] = []
        var planned: [ExportPlan.Table] = []
        var used: Set<String> = []
        for table in chosen {
            guard let layout = NameMatch.find(table.name, in: tables, \.name) else {
                problems.append(
                    "PostgreSQL table \(table.name) has no table in \(path) "
                        + "(leave it out with --exclude \(table.name))"
                )
                continue
            }
            used.insert(layout.name)
            var columns: [ExportPlan.Column] = []
            for column in table.table.columns
            where !column.isGenerated && !selection.excludes(table: table.name, column: column.name) {
                guard let target = NameMatch.find(column.name, in: layout.columns, \.name) else {
                    problems.append(
                        "PostgreSQL column \(table.name).\(column.name) has no column in \(path)'s table \(layout.name) "
                            + "(leave it out with --exclude \(table.name).\(column.name))"
                    )
                    continue
                }
                let samples: [SourceValue]
                do {
                    samples = try self.samples(table: layout.name, column: target.name)
                } catch {
                    throw MigrateError(.io, "reading \(path): \(error.message)")
                }
                let spelling = SpellingDetector.spelling(
                    kind: column.kind,
                    typeName: column.typeName,
                    declaredType: target.declaredType,
                    samples: samples
                )
                columns.append(
                    ExportPlan.Column(
                        name: column.name,
                        sqliteName: target.name,
                        typeName: column.typeName,
                        kind: column.kind,
                        spelling: spelling
                    )
                )
            }
            for column in layout.columns
            where column.notNull && !column.hasDefault
                && !columns.contains(where: { $0.sqliteName == column.name })
            {
                problems.append(
                    "\(path)'s column \(layout.name).\(column.name) is NOT NULL without a default, "
                        + "and PostgreSQL's table \(table.name) has no column for it"
                )
            }
            let key = table.table.primaryKey
            planned.append(
                ExportPlan.Table(
                    source: table,
                    sqliteName: layout.name,
                    columns: columns,
                    keyPositions: key.compactMap { name in columns.firstIndex { $0.name == name } }
                )
            )
        }
        if !problems.isEmpty {
            throw MigrateError(
                .usage,
                "PostgreSQL's tables do not fit the layout of \(path); nothing was written:\n  "
                    + problems.joined(separator: "\n  "),
                hint: "leave tables or columns out with --exclude table or --exclude table.column"
            )
        }
        var pragmas: [String] = []
        do {
            for name in ["user_version", "application_id"] {
                if let value = try database.rows("PRAGMA \(name)").first?.first ?? nil, value != "0" {
                    pragmas.append("PRAGMA \(name) = \(value)")
                }
            }
            if try database.rows("PRAGMA journal_mode").first?.first == "wal" {
                pragmas.append("PRAGMA journal_mode = WAL")
            }
        } catch {
            throw MigrateError(.io, "reading \(path): \(error.message)")
        }
        return ExportPlan(
            tables: planned,
            createTables: entries.filter { $0.type == "table" }.map(\.sql),
            createAfterLoad: entries.filter { $0.type != "table" }.map(\.sql),
            notes: [],
            emptyLayoutTables: tables.map(\.name).filter { !used.contains($0) },
            pragmas: pragmas
        )
    }

    /// Up to ``SpellingDetector/sampleSize`` non-null values of a column.
    private func samples(table: String, column: String) throws(SQLiteError) -> [SourceValue] {
        let statement = try database.prepare(
            "SELECT \(SQLQuoting.identifier(column)) FROM \(SQLQuoting.identifier(table)) "
                + "WHERE \(SQLQuoting.identifier(column)) IS NOT NULL LIMIT \(SpellingDetector.sampleSize)"
        )
        var values: [SourceValue] = []
        while try statement.step() {
            switch statement.storageClass(0) {
            case .integer: values.append(.integer(statement.int64(0)))
            case .real: values.append(.real(statement.double(0)))
            case .text: values.append(.text(statement.text(0)))
            case .blob: values.append(.blob(statement.bytes(0)))
            case .null: break
            }
        }
        return values
    }
}
