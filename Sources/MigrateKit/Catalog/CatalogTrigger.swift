/// A trigger (or constraint trigger) on a table or view, not one PostgreSQL created internally.
package struct CatalogTrigger: Hashable, Sendable {
    package var name: String
    package var table: ObjectName
    /// The `CREATE [CONSTRAINT] TRIGGER` statement from `pg_get_triggerdef`.
    package var definition: String
    /// `O` (origin, the default), `D` (disabled), `R` (replica), `A` (always), as in `pg_trigger.tgenabled`.
    package var enabled: String
    package var comment: String?

    package init(name: String, table: ObjectName, definition: String, enabled: String = "O", comment: String? = nil) {
        self.name = name
        self.table = table
        self.definition = definition
        self.enabled = enabled
        self.comment = comment
    }
}
