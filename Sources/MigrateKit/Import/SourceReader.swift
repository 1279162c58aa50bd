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

    package init(
        name: String,
        columns: [SourceColumn],
        primaryKey: [String] = [],
        foreignKeys: [SourceForeignKey] = [],
        definition: String? = nil
    ) {
        self.name = name
        self.columns = columns
        self.primaryKey = primaryKey
        self.foreignKeys = foreignKeys
        self.definition = definition
    }
}

/// A column of a ``SourceTable``.
package struct SourceColumn: Sendable, Hashable {
    package var name: String
    /// The type as the source spells it (`VARCHAR(20)`, `DATETIME`, DuckDB's `STRUCT(a INTEGER)`...); empty
    /// for an SQLite column declared without a type.
    package var declaredType: String
    package var notNull: Bool
    /// The default as SQL text in the source's dialect, if any.
    package var defaultSQL: String?

    package init(name: String, declaredType: String, notNull: Bool = false, defaultSQL: String? = nil) {
        self.name = name
        self.declaredType = declaredType
        self.notNull = notNull
        self.defaultSQL = defaultSQL
    }
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
