import PostgresClient

/// What `migrate export` writes, decided before the first row moves: each table's SQLite name, columns and
/// spellings, the SQL that makes the SQLite schema, and what cannot be carried over.
package struct ExportPlan: Sendable {
    /// One PostgreSQL table and the SQLite table it fills.
    package struct Table: Sendable {
        package var source: ExportTable
        package var sqliteName: String
        package var columns: [Column]
        /// Positions in `columns` of the primary key, which names rows in messages and verification; empty
        /// when the table has none.
        package var keyPositions: [Int]

        package var name: String { source.name }

        /// `COPY (SELECT ...) TO STDOUT`: each column in the text form its spelling starts from.
        var copySQL: String {
            let expressions = columns.map { Self.expression(for: $0) }.joined(separator: ", ")
            return "COPY (SELECT \(expressions) FROM \(source.table.qualifiedName)) TO STDOUT"
        }

        /// `INSERT INTO "t" ("a", ...) VALUES (?, ...)`.
        var insertSQL: String {
            let names = columns.map { SQLQuoting.identifier($0.sqliteName) }.joined(separator: ", ")
            let marks = Array(repeating: "?", count: columns.count).joined(separator: ", ")
            return "INSERT INTO \(SQLQuoting.identifier(sqliteName)) (\(names)) VALUES (\(marks))"
        }

        /// The session runs with TimeZone UTC and DateStyle ISO (see ``Exporter``).
        private static func expression(for column: Column) -> String {
            let name = SQLQuoting.identifier(column.name)
            switch column.kind {
            case .timestampWithTimeZone: return "(\(name) AT TIME ZONE 'UTC')"
            case .array: return "to_json(\(name))"
            default: return name
            }
        }
    }

    /// One PostgreSQL column and the SQLite column it fills.
    package struct Column: Sendable {
        package var name: String
        package var sqliteName: String
        package var typeName: String
        package var kind: TargetKind
        package var spelling: ExportSpelling
    }

    /// In the order they are written (name order).
    package var tables: [Table]
    /// `CREATE TABLE` statements, run before the rows are loaded.
    package var createTables: [String]
    /// `CREATE INDEX`, triggers and views, run after the rows are loaded (so triggers do not fire on them).
    package var createAfterLoad: [String]
    /// What is not carried over, each a sentence naming it (indexes on expressions, foreign keys to tables
    /// left out...).
    package var notes: [String]
    /// Tables of a `--like` layout that get no rows (PostgreSQL has no such table).
    package var emptyLayoutTables: [String] = []
    /// `PRAGMA` settings copied from the `--like` file: `user_version`, `application_id`, `journal_mode`.
    package var pragmas: [String] = []
}

/// What selects the tables and columns to export.
package struct ExportSelection: Sendable {
    /// PostgreSQL tables to export (all when empty).
    package var tables: [String] = []
    /// Tables (`name`) or columns (`table.column`) to leave out.
    package var excluded: [String] = []
    package var schema = "public"

    package init() {}

    func excludes(table: String) -> Bool { excluded.contains(table) }
    func excludes(table: String, column: String) -> Bool { excluded.contains("\(table).\(column)") }
}

extension ExportPlan {
    /// The plan of a plain export: SQLite tables made from the PostgreSQL catalog, one spelling per type.
    static func plain(tables chosen: [ExportTable], selection: ExportSelection, defaults: [String: [String: String]])
        -> ExportPlan
    {
        let names = Set(chosen.map(\.name))
        var notes: [String] = []
        var creates: [String] = []
        var after: [String] = []
        var tables: [Table] = []
        for table in chosen {
            let columns = table.table.columns.filter {
                !$0.isGenerated && !selection.excludes(table: table.name, column: $0.name)
            }
            let generated = table.table.columns.filter(\.isGenerated).map(\.name)
            if !generated.isEmpty {
                notes.append("\(table.name): generated column(s) \(generated.joined(separator: ", ")) left out")
            }
            let planned = columns.map {
                Column(
                    name: $0.name,
                    sqliteName: $0.name,
                    typeName: $0.typeName,
                    kind: $0.kind,
                    spelling: Self.plainSpelling($0)
                )
            }
            let kept = Set(columns.map(\.name))
            let rowIDKey =
                table.table.primaryKey.count == 1 && kept.contains(table.table.primaryKey[0])
                && [.smallint, .integer, .bigint].contains(table.table.column(named: table.table.primaryKey[0])?.kind)
            var lines: [String] = []
            for column in columns {
                var line = "    \(SQLQuoting.identifier(column.name)) "
                if rowIDKey && column.name == table.table.primaryKey[0] {
                    // An alias of the rowid: rowids and keys are the same numbers, as an SQLite app expects.
                    line += "INTEGER PRIMARY KEY"
                } else {
                    line += Self.declaredType(column)
                }
                if column.notNull { line += " NOT NULL" }
                if let value = defaults[table.name]?[column.name].flatMap({ Self.defaultSQL($0, column.kind) }) {
                    line += " DEFAULT \(value)"
                }
                lines.append(line)
            }
            let key = table.table.primaryKey
            if !rowIDKey, !key.isEmpty {
                if key.allSatisfy(kept.contains) {
                    lines.append("    PRIMARY KEY (\(key.map(SQLQuoting.identifier).joined(separator: ", ")))")
                } else {
                    notes.append(
                        "\(table.name): primary key (\(key.joined(separator: ", "))) left out with its excluded column"
                    )
                }
            }
            for unique in table.uniqueConstraints where unique.allSatisfy(kept.contains) {
                lines.append("    UNIQUE (\(unique.map(SQLQuoting.identifier).joined(separator: ", ")))")
            }
            for key in table.foreignKeys {
                guard names.contains(key.referencedTable), key.columns.allSatisfy(kept.contains) else {
                    notes.append(
                        "\(table.name): foreign key \(key.name) left out (it references \(key.referencedTable), "
                            + "which is not exported, or an excluded column)"
                    )
                    continue
                }
                var line =
                    "    FOREIGN KEY (\(key.columns.map(SQLQuoting.identifier).joined(separator: ", "))) REFERENCES "
                    + "\(SQLQuoting.identifier(key.referencedTable)) (\(key.referencedColumns.map(SQLQuoting.identifier).joined(separator: ", ")))"
                if key.onDelete != "NO ACTION" { line += " ON DELETE \(key.onDelete)" }
                if key.onUpdate != "NO ACTION" { line += " ON UPDATE \(key.onUpdate)" }
                if key.initiallyDeferred { line += " DEFERRABLE INITIALLY DEFERRED" }
                lines.append(line)
            }
            creates.append("CREATE TABLE \(SQLQuoting.identifier(table.name)) (\n" + lines.joined(separator: ",\n") + "\n)")
            for index in table.indexes {
                guard index.columns.allSatisfy({ kept.contains($0.name) }) else {
                    notes.append("\(table.name): index \(index.name) left out with its excluded column")
                    continue
                }
                let columns = index.columns.map { SQLQuoting.identifier($0.name) + ($0.descending ? " DESC" : "") }
                after.append(
                    "CREATE \(index.isUnique ? "UNIQUE " : "")INDEX \(SQLQuoting.identifier(index.name)) ON "
                        + "\(SQLQuoting.identifier(table.name)) (\(columns.joined(separator: ", ")))"
                )
            }
            for (name, definition) in table.skippedChecks {
                notes.append("\(table.name): constraint \(name) left out (PostgreSQL SQL): \(definition)")
            }
            for (name, reason) in table.skippedIndexes {
                notes.append("\(table.name): index \(name) left out, \(reason)")
            }
            tables.append(
                Table(
                    source: table,
                    sqliteName: table.name,
                    columns: planned,
                    keyPositions: key.allSatisfy(kept.contains)
                        ? key.compactMap { name in planned.firstIndex { $0.name == name } } : []
                )
            )
        }
        return ExportPlan(tables: tables, createTables: creates, createAfterLoad: after, notes: notes)
    }

    /// The spelling of a plain export, by PostgreSQL type (the README's table).
    static func plainSpelling(_ column: TargetColumn) -> ExportSpelling {
        switch column.kind {
        case .smallint, .integer, .bigint: return .integer
        case .real, .double: return .real
        case .numeric:
            switch Self.numericPrecision(column.typeName) {
            case let (precision, scale)? where scale == 0 && precision <= 18: return .integer
            case let (precision, _)? where precision <= 15: return .real
            default: return .text
            }
        case .boolean: return .booleanInteger
        case .bytea: return .blob
        default: return .text
        }
    }

    /// The SQLite declared type of a plain export's column.
    static func declaredType(_ column: TargetColumn) -> String {
        switch plainSpelling(column) {
        case .integer: return "INTEGER"
        case .real: return "REAL"
        case .booleanInteger: return "BOOLEAN"
        case .blob: return "BLOB"
        default: break
        }
        // Names SQLite gives NUMERIC affinity only where no value of the type looks like a number, so that
        // affinity never changes one: json (`1.50`) and numeric text stay TEXT.
        switch column.kind {
        case .timestampWithTimeZone, .timestamp: return "DATETIME"
        case .date: return "DATE"
        case .time: return "TIME"
        case .uuid: return "UUID"
        case .text(let limit?) where column.typeName.hasPrefix("character varying"): return "VARCHAR(\(limit))"
        case .text(let limit?) where column.typeName.hasPrefix("character"): return "CHAR(\(limit))"
        default: return "TEXT"
        }
    }

    /// `numeric(p,s)` → (p, s); nil for `numeric` without a precision.
    static func numericPrecision(_ typeName: String) -> (Int, Int)? {
        guard let open = typeName.firstIndex(of: "("), let close = typeName.firstIndex(of: ")") else { return nil }
        let parts = typeName[typeName.index(after: open)..<close].split(separator: ",").compactMap {
            Int($0.filter { $0 != " " })
        }
        guard let precision = parts.first else { return nil }
        return (precision, parts.count > 1 ? parts[1] : 0)
    }

    /// A PostgreSQL default (`pg_get_expr`) as SQLite SQL, when it is a literal or the current time; nil for
    /// anything else (sequences, `gen_random_uuid()`...).
    static func defaultSQL(_ expression: String, _ kind: TargetKind) -> String? {
        var text = expression
        // 'x'::character varying, '{}'::jsonb, '0.5'::numeric: the literal without its cast.
        if text.hasPrefix("'"), let close = Self.literalEnd(text) {
            let rest = text[close...]
            guard rest.isEmpty || rest.hasPrefix("::") else { return nil }
            text = String(text[..<close])
            if case .array = kind { return text == "'{}'" ? "'[]'" : nil }
            if case .boolean = kind {
                return text == "'true'" || text == "'t'" ? "1" : text == "'false'" || text == "'f'" ? "0" : nil
            }
            return text
        }
        switch text.lowercased() {
        case "true": return "1"
        case "false": return "0"
        case "now()", "current_timestamp", "statement_timestamp()", "transaction_timestamp()", "localtimestamp":
            return "CURRENT_TIMESTAMP"
        case "current_date": return "CURRENT_DATE"
        default: break
        }
        let number = text.hasPrefix("(") && text.hasSuffix(")") ? String(text.dropFirst().dropLast()) : text
        if ValueConversion.isDecimal(number), !number.lowercased().contains("n") { return number }
        return nil
    }

    /// The index just past a leading quoted literal (`''` inside it is a quote).
    private static func literalEnd(_ text: String) -> String.Index? {
        var index = text.index(after: text.startIndex)
        while index < text.endIndex {
            if text[index] == "'" {
                let next = text.index(after: index)
                if next < text.endIndex, text[next] == "'" {
                    index = text.index(after: next)
                    continue
                }
                return next
            }
            index = text.index(after: index)
        }
        return nil
    }
}
