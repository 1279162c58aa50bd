/// A free-standing sequence (identity sequences belong to their column instead).
package struct CatalogSequence: Hashable, Sendable {
    package var name: ObjectName
    package var options: SequenceOptions
    /// The column set by `OWNED BY` (serial columns own theirs).
    package var owner: ColumnReference?
    package var isUnlogged: Bool
    package var comment: String?

    package init(
        name: ObjectName,
        options: SequenceOptions,
        owner: ColumnReference? = nil,
        isUnlogged: Bool = false,
        comment: String? = nil
    ) {
        self.name = name
        self.options = options
        self.owner = owner
        self.isUnlogged = isUnlogged
        self.comment = comment
    }
}

/// A column of a table, by name.
package struct ColumnReference: Hashable, Comparable, Sendable, CustomStringConvertible {
    package var table: ObjectName
    package var column: String

    package init(table: ObjectName, column: String) {
        self.table = table
        self.column = column
    }

    package static func < (lhs: ColumnReference, rhs: ColumnReference) -> Bool {
        (lhs.table, lhs.column) < (rhs.table, rhs.column)
    }

    package var description: String { "\(table).\(column)" }
}
