/// An index that does not back a constraint (those belong to their constraint).
package struct CatalogIndex: Hashable, Sendable {
    package var name: ObjectName
    /// The table or materialized view it indexes.
    package var table: ObjectName
    package var isUnique: Bool
    /// What `pg_get_indexdef` prints after the table name, without the storage parameters and the predicate:
    /// ` USING btree (lower(name)) INCLUDE (id)`.
    package var body: String
    package var comment: String?
    /// The predicate of a partial index, as it follows `WHERE`.
    package var predicate: String?
    /// Storage parameters (`fillfactor=70`), in catalog order; changed with `ALTER INDEX ... SET (...)`.
    package var options: [String] = []
    /// The tablespace, when not the database's default.
    package var tablespace: String?

    package init(
        name: ObjectName,
        table: ObjectName,
        isUnique: Bool,
        body: String,
        comment: String? = nil,
        predicate: String? = nil
    ) {
        self.name = name
        self.table = table
        self.isUnique = isUnique
        self.body = body
        self.comment = comment
        self.predicate = predicate
    }

    /// Whether two indexes are the same apart from their names, storage parameters and tablespaces (which
    /// `ALTER INDEX` changes in place).
    package func hasSameShape(as other: CatalogIndex) -> Bool {
        table == other.table && isUnique == other.isUnique && body == other.body && predicate == other.predicate
    }
}
