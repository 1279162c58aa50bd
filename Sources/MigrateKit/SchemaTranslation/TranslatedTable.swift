import PostgresClient
import SQLSyntax

/// One source table on its way to a PostgreSQL `CREATE TABLE`: its columns' chosen types, and the SQL of its
/// keys, constraints and indexes, or why each part does not translate.
struct TranslatedTable {
    struct Column {
        var source: SourceColumn
        var name: String
        var type: TranslatedType
        /// The comment saying why this type (an inference, or values that contradict the declared type).
        var comments: [String]
        var valueCount: Int
        /// See ``ColumnTypeInference/Candidate/comparesAsInSource``.
        var comparesAsInSource: Bool
    }

    /// A line of the `CREATE TABLE` body, or only comments (what did not translate).
    private struct Element {
        var comments: [String] = []
        var sql: String?
    }

    let source: SourceTable
    let sourceKind: DataSource.Kind
    /// The name in PostgreSQL.
    let name: String
    private let lowercaseNames: Bool
    private(set) var columns: [Column] = []
    /// The single `INTEGER PRIMARY KEY` of an SQLite rowid table: an identity column in PostgreSQL.
    private(set) var identityColumn: String?
    /// What did not translate, or was typed against the declared type, for stderr.
    private(set) var notes: [String] = []

    var valueCount: Int { columns.reduce(0) { $0 + $1.valueCount } }

    /// Chooses the column types, reading every value of the table.
    init(_ table: SourceTable, source: DataSource.Kind, options: SchemaTranslation.Options, reader: any SourceReader)
        throws(MigrateError)
    {
        self.source = table
        sourceKind = source
        lowercaseNames = options.lowercaseNames
        name = options.lowercaseNames ? table.name.lowercased() : table.name
        var inferences: [ColumnTypeInference] = []
        for column in table.columns {
            let key = "\(table.name).\(column.name)".lowercased()
            var forced: TranslatedType?
            if let spelling = options.types.first(where: { $0.key.lowercased() == key })?.value {
                forced = try Self.forcedType(spelling)
            }
            inferences.append(ColumnTypeInference(column: column, source: source, override: forced))
        }
        if !inferences.isEmpty {
            do {
                try reader.readRows(of: table, columns: table.columns.map(\.name), orderBy: []) { values in
                    for index in values.indices { inferences[index].read(values[index]) }
                }
            } catch let error as MigrateError {
                throw error
            } catch {
                throw MigrateError(.io, "reading table \(table.name): \(error)")
            }
        }
        var names: [String: String] = [:]
        for (column, inference) in zip(table.columns, inferences) {
            let columnName = options.lowercaseNames ? column.name.lowercased() : column.name
            if let other = names.updateValue(column.name, forKey: columnName) {
                throw MigrateError(
                    .usage,
                    "--lowercase-names: columns \(other) and \(column.name) of \(table.name) would both be \(columnName)"
                )
            }
            columns.append(describe(inference.choice(), of: column, named: columnName))
        }
        if source == .sqlite, !table.withoutRowID, table.primaryKey.count == 1,
            let column = table.columns.first(where: { $0.name == table.primaryKey[0] }),
            column.declaredType.uppercased() == "INTEGER",
            let index = columns.firstIndex(where: { $0.source.name == column.name })
        {
            identityColumn = column.name
            columns[index].type = TranslatedType(sql: "bigint", kind: .bigint)
            columns[index].comments = []
            columns[index].comparesAsInSource = true
        }
    }

    private mutating func describe(_ choice: ColumnTypeInference.Choice, of column: SourceColumn, named name: String)
        -> Column
    {
        var comments: [String] = []
        if let reason = choice.reason { comments.append(reason) }
        let declared = column.declaredType.isEmpty ? "no type" : column.declaredType
        if !choice.contradictions.isEmpty {
            let examples = choice.contradictions.joined(separator: ", ")
            comments.append("declared \(declared), but holds values that are not: \(examples); \(choice.type.sql) holds them all")
            notes.append("\(source.name).\(column.name): declared \(declared), but holds \(examples): typed \(choice.type.sql)")
        }
        if !choice.holdsEveryValue {
            notes.append(
                "\(source.name).\(column.name): no type holds every value; \(choice.type.sql) does not hold "
                    + choice.refused.joined(separator: ", ") + ", which import will refuse"
            )
        }
        return Column(
            source: column,
            name: name,
            type: choice.type,
            comments: comments,
            valueCount: choice.valueCount,
            comparesAsInSource: choice.comparesAsInSource
        )
    }

    /// A `--type` value: checked by PostgreSQL's parser, and read for how import converts values for it.
    private static func forcedType(_ text: String) throws(MigrateError) -> TranslatedType {
        do {
            _ = try SQLParser.parseStatement("SELECT NULL::\(text)")
        } catch {
            throw MigrateError(.usage, "--type ...=\(text): not a PostgreSQL type (\(error.message))")
        }
        return TranslatedType(sql: text, kind: TargetKind(spelling: text))
    }

    // MARK: - Columns

    func column(named sourceName: String) -> Column? {
        columns.first { $0.source.name == sourceName }
            ?? columns.first { $0.source.name.lowercased() == sourceName.lowercased() }
    }

    /// Gives `column` the type `type` when every value converts to it (so that a foreign key joins equal types).
    mutating func retype(_ column: String, to type: TranslatedType, reader: any SourceReader) throws(MigrateError) {
        guard let index = columns.firstIndex(where: { $0.source.name.lowercased() == column.lowercased() }) else { return }
        var inference = ColumnTypeInference(column: columns[index].source, source: sourceKind, override: type)
        do {
            try reader.readRows(of: source, columns: [columns[index].source.name], orderBy: []) { values in
                inference.read(values[0])
            }
        } catch let error as MigrateError {
            throw error
        } catch {
            throw MigrateError(.io, "reading table \(source.name): \(error)")
        }
        guard inference.choice().holdsEveryValue else { return }
        columns[index].type = type
        columns[index].comments = ["\(type.sql), the type of the column its foreign key references"]
        columns[index].comparesAsInSource = columns[index].comparesAsInSource && type.kind == .bigint
    }

    /// What conditions and expressions may name.
    private var expressionColumns: [SourceExpression.Column] {
        columns.map { column in
            SourceExpression.Column(
                sourceName: column.source.name,
                targetName: column.name,
                type: column.type,
                comparesAsInSource: column.comparesAsInSource
            )
        }
    }

    // MARK: - CREATE TABLE

    /// The `CREATE TABLE` statement, and the foreign keys that must wait for tables or indexes created later.
    /// - Parameters:
    ///   - created: Source names of the tables created before this one.
    ///   - all: Every table of the revision.
    mutating func createStatement(created: Set<String>, all: [TranslatedTable]) -> (sql: String, later: [String]) {
        var elements: [Element] = []
        for column in columns { elements.append(columnElement(column)) }
        for generated in source.generatedColumns { elements.append(generatedElement(generated)) }
        if identityColumn == nil, !source.primaryKey.isEmpty {
            let names = source.primaryKey.map { quoted(targetName(of: $0)) }
            elements.append(Element(sql: "PRIMARY KEY (\(names.joined(separator: ", ")))"))
        }
        for index in source.indexes where index.isConstraint { elements.append(uniqueElement(index)) }
        for check in source.checks { elements.append(checkElement(check)) }
        var later: [String] = []
        for key in source.foreignKeys {
            let (element, deferred) = foreignKeyElement(key, created: created, all: all)
            if let deferred { later.append(deferred) } else { elements.append(element) }
        }

        if let problem = source.definitionProblem {
            elements.append(
                Element(comments: [untranslated("its CHECKs, collations and generated columns", reason: problem)])
            )
        }
        var sql = "CREATE TABLE \(quoted(name)) (\n"
        let lastSQL = elements.lastIndex { $0.sql != nil }
        for (position, element) in elements.enumerated() {
            for comment in element.comments {
                for line in comment.split(separator: "\n") { sql += "    -- \(Comment.safe(String(line)))\n" }
            }
            if let line = element.sql { sql += "    " + line + (position == lastSQL ? "" : ",") + "\n" }
        }
        sql += ");\n"
        return (sql, later)
    }

    private mutating func columnElement(_ column: Column) -> Element {
        var element = Element(comments: column.comments)
        var line = "\(quoted(column.name)) \(column.type.sql)"
        if column.source.name == identityColumn {
            line += " GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"
        } else {
            if column.source.notNull { line += " NOT NULL" }
            if let defaultSQL = column.source.defaultSQL {
                do {
                    if let value = try ColumnDefault.translate(defaultSQL, for: column.type) { line += " DEFAULT \(value)" }
                } catch {
                    element.comments.append(untranslated("DEFAULT \(defaultSQL) of \(column.source.name)", error))
                }
            }
        }
        if let collation = column.source.collation {
            element.comments.append(
                untranslated(
                    "\(column.source.name) COLLATE \(collation)",
                    reason: "PostgreSQL compares text by the database's collation; citext, or an index on "
                        + "lower(\(column.source.name)), would ignore case"
                )
            )
        }
        element.sql = line
        return element
    }

    private mutating func generatedElement(_ generated: SourceGeneratedColumn) -> Element {
        let column = SourceColumn(name: generated.name, declaredType: generated.declaredType)
        let type = ColumnTypeInference(column: column, source: sourceKind).choice().type
        let columnName = lowercaseNames ? generated.name.lowercased() : generated.name
        do {
            let expression = try SourceExpression.translate(generated.expression, columns: expressionColumns)
            var element = Element(sql: "\(quoted(columnName)) \(type.sql) GENERATED ALWAYS AS (\(expression)) STORED")
            if !generated.isStored {
                element.comments = ["VIRTUAL in the source; PostgreSQL 15 stores generated columns"]
            }
            return element
        } catch {
            let line = "\(generated.name) \(generated.declaredType) GENERATED ALWAYS AS (\(generated.expression))"
            return Element(comments: [untranslated(line, error)])
        }
    }

    private mutating func uniqueElement(_ index: SourceIndex) -> Element {
        var names: [String] = []
        for (part, collation) in zip(index.parts, index.collations) {
            guard case .column(let column) = part, collation == nil else {
                let reason = collation.map { "it compares with COLLATE \($0)" } ?? "it has an expression"
                return Element(comments: [untranslated("UNIQUE \(describe(index))", reason: reason)])
            }
            names.append(quoted(targetName(of: column)))
        }
        return Element(sql: "UNIQUE (\(names.joined(separator: ", ")))")
    }

    private mutating func checkElement(_ check: SourceCheck) -> Element {
        do {
            let expression = try SourceExpression.translate(check.expression, columns: expressionColumns)
            let prefix = check.name.map { "CONSTRAINT \(quoted(lowercaseNames ? $0.lowercased() : $0)) " } ?? ""
            return Element(sql: prefix + "CHECK (\(expression))")
        } catch {
            return Element(comments: [untranslated("CHECK (\(check.expression))", error)])
        }
    }

    // MARK: - Foreign keys

    /// The referenced columns of `key` in the referenced table: as named, or that table's primary key.
    func referencedColumns(for key: SourceForeignKey) -> [String]? {
        let columns = key.referencedColumns.isEmpty ? source.primaryKey : key.referencedColumns
        return columns.isEmpty || columns.count != key.columns.count ? nil : columns
    }

    private mutating func foreignKeyElement(_ key: SourceForeignKey, created: Set<String>, all: [TranslatedTable])
        -> (Element, String?)
    {
        let text = "FOREIGN KEY (\(key.columns.joined(separator: ", "))) REFERENCES \(key.referencedTable)"
        guard let referenced = all.first(where: { $0.source.name.lowercased() == key.referencedTable.lowercased() })
        else {
            return (Element(comments: [untranslated(text, reason: "\(key.referencedTable) is not among the tables translated")]), nil)
        }
        guard let referencedColumns = referenced.referencedColumns(for: key) else {
            return (Element(comments: [untranslated(text, reason: "it refers to the rowid of \(key.referencedTable)")]), nil)
        }
        let lowered = referencedColumns.map { $0.lowercased() }
        let isPrimaryKey = referenced.source.primaryKey.map { $0.lowercased() } == lowered
        let uniqueIndex = referenced.source.indexes.first { index in
            index.isUnique && index.predicate == nil && index.collations.allSatisfy { $0 == nil }
                && index.parts.map { part -> String? in
                    if case .column(let name) = part { name.lowercased() } else { nil }
                } == lowered.map { Optional($0) }
        }
        guard isPrimaryKey || uniqueIndex != nil else {
            return (
                Element(
                    comments: [
                        untranslated(
                            text,
                            reason: "\(key.referencedTable) (\(referencedColumns.joined(separator: ", "))) is neither "
                                + "its primary key nor unique, which PostgreSQL requires"
                        )
                    ]
                ), nil
            )
        }
        for (column, referencedColumn) in zip(key.columns, referencedColumns) {
            guard let mine = self.column(named: column), let theirs = referenced.column(named: referencedColumn) else {
                continue
            }
            if mine.type != theirs.type {
                let reason = "\(column) is \(mine.type.sql) and \(key.referencedTable).\(referencedColumn) is "
                    + "\(theirs.type.sql): the values of \(column) do not all convert to \(theirs.type.sql)"
                return (Element(comments: [untranslated(text, reason: reason)]), nil)
            }
        }
        var sql = "FOREIGN KEY (\(key.columns.map { quoted(targetName(of: $0)) }.joined(separator: ", "))) "
        sql += "REFERENCES \(quoted(referenced.name)) "
        sql += "(\(referencedColumns.map { quoted(referenced.targetName(of: $0)) }.joined(separator: ", ")))"
        for (event, action) in [("DELETE", key.onDelete), ("UPDATE", key.onUpdate)] {
            let action = action.uppercased()
            if ["CASCADE", "SET NULL", "SET DEFAULT", "RESTRICT"].contains(action) { sql += " ON \(event) \(action)" }
        }
        let isSelf = referenced.source.name == source.name
        let canBeInline = (isSelf || created.contains(referenced.source.name))
            && (isPrimaryKey || uniqueIndex?.isConstraint == true)
        if canBeInline { return (Element(sql: sql), nil) }
        return (Element(), "ALTER TABLE \(quoted(name)) ADD \(sql);")
    }

    // MARK: - Indexes

    /// `CREATE INDEX` for each index that is not a UNIQUE constraint, or its commented-out source.
    mutating func indexStatements() -> [String] {
        var statements: [String] = []
        for index in source.indexes where !index.isConstraint {
            do {
                statements.append(try indexStatement(index))
            } catch {
                let comment = untranslated("INDEX \(describe(index))", error)
                statements += comment.split(separator: "\n").map { "-- " + Comment.safe(String($0)) }
            }
        }
        return statements
    }

    private func indexStatement(_ index: SourceIndex) throws(SourceExpression.Untranslatable) -> String {
        var parts: [String] = []
        for (position, part) in index.parts.enumerated() {
            if let collation = index.collations[position] {
                throw SourceExpression.Untranslatable(reason: "it compares with COLLATE \(collation)")
            }
            var text: String
            switch part {
            case .column(let column): text = quoted(targetName(of: column))
            case .expression(let expression):
                text = "(" + (try SourceExpression.translate(expression, columns: expressionColumns)) + ")"
            }
            if index.descending[position] { text += " DESC" }
            parts.append(text)
        }
        let indexName = lowercaseNames ? index.name.lowercased() : index.name
        var sql = "CREATE \(index.isUnique ? "UNIQUE " : "")INDEX \(quoted(indexName)) ON \(quoted(name)) "
        sql += "(\(parts.joined(separator: ", ")))"
        if let predicate = index.predicate {
            sql += " WHERE " + (try SourceExpression.translate(predicate, columns: expressionColumns))
        }
        return sql + ";"
    }

    private func describe(_ index: SourceIndex) -> String {
        let parts = index.parts.map { part in
            switch part {
            case .column(let name): name
            case .expression(let expression): expression
            }
        }
        var text = index.isConstraint ? "(\(parts.joined(separator: ", ")))" : "\(index.name) (\(parts.joined(separator: ", ")))"
        if let predicate = index.predicate { text += " WHERE \(predicate)" }
        return text
    }

    // MARK: - Names and notes

    func targetName(of sourceColumn: String) -> String {
        column(named: sourceColumn)?.name ?? (lowercaseNames ? sourceColumn.lowercased() : sourceColumn)
    }

    private func quoted(_ name: String) -> String { SQLIdentifier.quoteIfNeeded(name) }

    private mutating func untranslated(_ what: String, _ error: SourceExpression.Untranslatable) -> String {
        untranslated(what, reason: error.reason)
    }

    /// The comment for something not translated, noted for stderr too.
    private mutating func untranslated(_ what: String, reason: String) -> String {
        notes.append("\(source.name): not translated: \(Comment.safe(what)): \(reason)")
        return "not translated: \(reason)\n\(what)"
    }
}
