/// A value as a source database stored it, before conversion to the target column's type.
///
/// SQLite types each value, not each column, so one column may hold integers, text and blobs side by side;
/// the conversion looks at every value.
package enum SourceValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    /// Text, including what a source can only give as text (DuckDB's HUGEINT, DECIMAL, timestamps, intervals,
    /// and LIST/STRUCT/MAP as JSON).
    case text(String)
    case blob([UInt8])
}

/// One table of a source database, as the source declares it.
package struct SourceTable: Sendable, Hashable {
    package var name: String
    package var columns: [SourceColumn]
    /// The primary key's columns, in key order; empty when the table has none.
    package var primaryKey: [String]
    package var foreignKeys: [SourceForeignKey]
    /// The SQL that created the table, when the source keeps it (SQLite's `sqlite_schema.sql`).
    package var definition: String?
    /// UNIQUE constraints and indexes, in name order; the primary key's own index is left out.
    package var indexes: [SourceIndex]
    /// CHECK constraints, in the order the definition gives them.
    package var checks: [SourceCheck]
    /// Columns computed from others (SQLite's `GENERATED ALWAYS AS`), which hold no data of their own and are
    /// not in ``columns``.
    package var generatedColumns: [SourceGeneratedColumn]
    /// SQLite's `WITHOUT ROWID`: the primary key is the table's only key, and `INTEGER PRIMARY KEY` is no
    /// rowid alias.
    package var withoutRowID: Bool
    /// Why the definition's CHECKs, collations and generated columns could not be read, when they could not (the
    /// rows can still be read; a translation of the schema must say what it misses).
    package var definitionProblem: String?

    package init(
        name: String,
        columns: [SourceColumn],
        primaryKey: [String] = [],
        foreignKeys: [SourceForeignKey] = [],
        definition: String? = nil,
        indexes: [SourceIndex] = [],
        checks: [SourceCheck] = [],
        generatedColumns: [SourceGeneratedColumn] = [],
        withoutRowID: Bool = false
    ) {
        self.name = name
        self.columns = columns
        self.primaryKey = primaryKey
        self.foreignKeys = foreignKeys
        self.definition = definition
        self.indexes = indexes
        self.checks = checks
        self.generatedColumns = generatedColumns
        self.withoutRowID = withoutRowID
        definitionProblem = nil
    }
}

/// A column of a ``SourceTable``.
package struct SourceColumn: Sendable, Hashable {
    package var name: String
    /// The type as the source spells it (`VARCHAR(20)`, `DATETIME`, DuckDB's `STRUCT(a INTEGER)`...); empty
    /// for an SQLite column declared without a type.
    package var declaredType: String
    package var notNull = false
    /// The default as SQL text in the source's dialect, if any.
    package var defaultSQL: String?
    /// A collation other than the source's default (SQLite's `COLLATE NOCASE`), as written.
    package var collation: String?
}

/// A UNIQUE constraint or an index of a ``SourceTable``.
package struct SourceIndex: Sendable, Hashable {
    /// One key part: a column, or an expression in the source's SQL dialect.
    package enum Part: Sendable, Hashable {
        case column(String)
        case expression(String)
    }

    package var name: String
    package var isUnique: Bool
    /// A UNIQUE constraint of the table's definition rather than a `CREATE INDEX`.
    package var isConstraint: Bool
    package var parts: [Part]
    /// `DESC` per part.
    package var descending: [Bool]
    /// A collation named on a part (`COLLATE NOCASE`), as written; nil where none is.
    package var collations: [String?]
    /// A partial index's `WHERE` condition, in the source's dialect.
    package var predicate: String?

    package init(
        name: String,
        isUnique: Bool,
        isConstraint: Bool,
        parts: [Part],
        descending: [Bool]? = nil,
        collations: [String?]? = nil,
        predicate: String? = nil
    ) {
        self.name = name
        self.isUnique = isUnique
        self.isConstraint = isConstraint
        self.parts = parts
        self.descending = descending ?? parts.map { _ in false }
        self.collations = collations ?? parts.map { _ in nil }
        self.predicate = predicate
    }
}

/// A CHECK constraint of a ``SourceTable``, its condition in the source's SQL dialect.
package struct SourceCheck: Sendable, Hashable {
    /// The constraint's name when the definition gives one.
    package var name: String?
    package var expression: String

    package init(name: String?, expression: String) {
        self.name = name
        self.expression = expression
    }
}

/// A generated column of a ``SourceTable``: its value computed from the row's other columns.
package struct SourceGeneratedColumn: Sendable, Hashable {
    package var name: String
    package var declaredType: String
    /// The expression in the source's SQL dialect.
    package var expression: String
    /// Stored in the row (`STORED`) rather than computed when read (`VIRTUAL`, SQLite's default).
    package var isStored: Bool
}

/// A foreign key of a ``SourceTable``.
package struct SourceForeignKey: Sendable, Hashable {
    package var columns: [String]
    package var referencedTable: String
    /// Empty when the key references the other table's primary key implicitly.
    package var referencedColumns: [String]
    /// `CASCADE`, `SET NULL`, `SET DEFAULT`, `RESTRICT` or `NO ACTION`.
    package var onDelete: String
    package var onUpdate: String

    package init(
        columns: [String],
        referencedTable: String,
        referencedColumns: [String],
        onDelete: String = "NO ACTION",
        onUpdate: String = "NO ACTION"
    ) {
        self.columns = columns
        self.referencedTable = referencedTable
        self.referencedColumns = referencedColumns
        self.onDelete = onDelete
        self.onUpdate = onUpdate
    }
}

/// Reads tables and rows out of one source database file, in one snapshot.
///
/// One reader per kind of source (``SQLiteSource``, ``DuckDBSource``), used by `migrate import`,
/// `revision --from` and verification alike. Reads happen one at a time, in the order they are called; every
/// read after ``open`` sees the same state of the file, whatever other processes write meanwhile.
package protocol SourceReader: AnyObject {
    /// The source's tables, in name order, without internal ones (`sqlite_*`).
    func tables() throws(MigrateError) -> [SourceTable]

    /// The number of rows in a table.
    func rowCount(of table: SourceTable) throws(MigrateError) -> Int

    /// Streams the rows of a table, values in the order of `columns`, sorted by `orderBy` when it is not empty
    /// (a verification compares rows in key order).
    ///
    /// - Parameters:
    ///   - row: Called once per row; the array is valid only during the call. Throwing stops the read.
    func readRows(
        of table: SourceTable,
        columns: [String],
        orderBy: [String],
        _ row: ([SourceValue]) throws -> Void
    ) throws

    /// Ends the snapshot and closes the file.
    func close()
}
