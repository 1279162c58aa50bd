/// An index that does not back a constraint (those belong to their constraint).
package struct CatalogIndex: Hashable, Sendable {
    package var name: ObjectName
    /// The table or materialized view it indexes.
    package var table: ObjectName
    package var isUnique: Bool
    /// What `pg_get_indexdef` prints after the table name: ` USING btree (lower(name)) WHERE ...`.
    package var body: String
    package var comment: String?

    package init(name: ObjectName, table: ObjectName, isUnique: Bool, body: String, comment: String? = nil) {
        self.name = name
        self.table = table
        self.isUnique = isUnique
        self.body = body
        self.comment = comment
    }

    /// Whether two indexes are the same apart from their names.
    package func hasSameShape(as other: CatalogIndex) -> Bool {
        table == other.table && isUnique == other.isUnique && body == other.body
    }
}
