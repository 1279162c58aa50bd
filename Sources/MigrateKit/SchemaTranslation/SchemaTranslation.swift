import PostgresClient
import SQLSyntax

/// The first PostgreSQL revision of an app that starts from an SQLite or DuckDB file (`revision --from`): the
/// file's tables, keys, constraints and indexes as `CREATE` statements, each column's type chosen from its
/// declared type and refined by reading every value (``ColumnTypeInference``).
///
/// What does not translate is never dropped: it is written as a commented-out line with the reason, and listed in
/// ``Result/notes``.
package struct SchemaTranslation {
    package struct Options: Sendable {
        /// Only these source tables (matched ignoring case); all when empty.
        package var tables: [String] = []
        package var excluded: [String] = []
        /// Forced types, by `table.column` (matched ignoring case).
        package var types: [String: String] = [:]
        /// Lower-case every name (the source's spelling is kept by default).
        package var lowercaseNames = false

        package init() {}
    }

    /// A translated schema.
    package struct Result: Sendable {
        package var upSQL: String
        package var downSQL: String
        /// What was not translated, or was typed against the declared type, one line each, for stderr.
        package var notes: [String]
        package var tableCount: Int
        package var valueCount: Int
    }

    let source: DataSource
    let options: Options

    package init(source: DataSource, options: Options) {
        self.source = source
        self.options = options
    }

    /// Reads the file (every value of every selected table, in one snapshot) and writes the revision's SQL.
    package func translate() throws(MigrateError) -> Result {
        let reader = try source.openReader()
        defer { reader.close() }
        let tables = try selectedTables(try reader.tables())
        var translated: [TranslatedTable] = []
        for table in tables {
            translated.append(try TranslatedTable(table, source: source.kind, options: options, reader: reader))
        }
        try unifyForeignKeyTypes(&translated, reader: reader)
        return render(translated)
    }

    private func selectedTables(_ all: [SourceTable]) throws(MigrateError) -> [SourceTable] {
        // Names as import matches them: exactly, else the one table equal ignoring case.
        func named(_ names: [String]) throws(MigrateError) -> Set<String> {
            var found: Set<String> = []
            for name in names {
                guard let table = NameMatch.find(name, in: all, \.name) else {
                    throw MigrateError(
                        .usage,
                        "the source has no table \(name)",
                        hint: "its tables: \(all.map(\.name).joined(separator: ", "))"
                    )
                }
                found.insert(table.name)
            }
            return found
        }
        let wanted = try named(options.tables)
        let excluded = try named(options.excluded)
        let chosen = all.filter { (wanted.isEmpty || wanted.contains($0.name)) && !excluded.contains($0.name) }
        guard !chosen.isEmpty else { throw MigrateError(.usage, "\(source) has no tables to translate") }
        if options.lowercaseNames {
            var seen: [String: String] = [:]
            for table in chosen {
                if let other = seen.updateValue(table.name, forKey: table.name.lowercased()) {
                    throw MigrateError(
                        .usage,
                        "--lowercase-names: tables \(other) and \(table.name) would both be \(table.name.lowercased())"
                    )
                }
            }
        }
        for override in options.types.keys {
            let parts = override.split(separator: ".", maxSplits: 1).map { String($0).lowercased() }
            guard parts.count == 2,
                let table = chosen.first(where: { $0.name.lowercased() == parts[0] }),
                table.columns.contains(where: { $0.name.lowercased() == parts[1] })
            else {
                throw MigrateError(.usage, "--type \(override): no such table.column among the tables translated")
            }
        }
        return chosen
    }

    /// A foreign key's column takes the type of the column it references, when its values convert to it; the
    /// key is commented out otherwise.
    private func unifyForeignKeyTypes(_ tables: inout [TranslatedTable], reader: any SourceReader) throws(MigrateError)
    {
        for index in tables.indices {
            for key in tables[index].source.foreignKeys {
                guard let referenced = tables.first(where: { $0.source.name.lowercased() == key.referencedTable.lowercased() }),
                    let referencedColumns = referenced.referencedColumns(for: key)
                else { continue }
                for (column, referencedColumn) in zip(key.columns, referencedColumns) {
                    guard let wanted = referenced.column(named: referencedColumn)?.type,
                        let current = tables[index].column(named: column), current.type != wanted
                    else { continue }
                    try tables[index].retype(column, to: wanted, reader: reader)
                }
            }
        }
    }

    // MARK: - SQL

    private func render(_ tables: [TranslatedTable]) -> Result {
        var ordered = Self.creationOrder(tables)
        let values = tables.reduce(0) { $0 + $1.valueCount }
        var up = "-- Translated from \(Comment.safe(source.description)) by `migrate revision --from`: "
        up += "\(tables.count) table(s), \(ColumnTypeInference.count(values)) value(s) read (every row).\n"
        var created: Set<String> = []
        var laterKeys: [String] = []
        for index in ordered.indices {
            let (sql, later) = ordered[index].createStatement(created: created, all: tables)
            up += "\n" + sql
            laterKeys += later
            created.insert(ordered[index].source.name)
        }
        for index in ordered.indices {
            let statements = ordered[index].indexStatements()
            if !statements.isEmpty { up += "\n" + statements.joined(separator: "\n") + "\n" }
        }
        if !laterKeys.isEmpty {
            up += "\n-- Foreign keys to a table created later, or to a unique index.\n"
            up += laterKeys.joined(separator: "\n") + "\n"
        }
        let down = "DROP TABLE " + ordered.reversed().map { SQLIdentifier.quoteIfNeeded($0.name) }.joined(separator: ", ")
            + ";\n"
        return Result(
            upSQL: up,
            downSQL: down,
            notes: ordered.flatMap(\.notes),
            tableCount: tables.count,
            valueCount: values
        )
    }

    /// Referenced tables before the tables that refer to them, by name otherwise; a cycle in name order.
    static func creationOrder(_ tables: [TranslatedTable]) -> [TranslatedTable] {
        let byName = Dictionary(tables.map { ($0.source.name.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
        var ordered: [TranslatedTable] = []
        var state: [String: Bool] = [:]  // false: being visited, true: done
        func visit(_ table: TranslatedTable) {
            let key = table.source.name.lowercased()
            if state[key] != nil { return }
            state[key] = false
            for foreignKey in table.source.foreignKeys.sorted(by: { $0.referencedTable < $1.referencedTable }) {
                if let parent = byName[foreignKey.referencedTable.lowercased()] { visit(parent) }
            }
            state[key] = true
            ordered.append(table)
        }
        for table in tables.sorted(by: { $0.source.name < $1.source.name }) { visit(table) }
        return ordered
    }
}

/// Text made safe to put in a `--` comment: one line.
enum Comment {
    static func safe(_ text: String) -> String {
        var line = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": line += "\\n"
            case "\r": line += "\\r"
            default:
                if scalar.properties.generalCategory == .control || scalar == "\u{2028}" || scalar == "\u{2029}" {
                    line += "?"
                } else {
                    line.unicodeScalars.append(scalar)
                }
            }
        }
        return line
    }
}
