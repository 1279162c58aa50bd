/// What ``CatalogReader`` leaves out besides system schemas and extension members.
package struct CatalogReadOptions: Sendable, Hashable {
    /// migrate's own version tables, which belong to no revision. A plain name matches a table of that name
    /// in any schema; `schema.table` matches only there. Their indexes, constraints, triggers and sequences
    /// are left out with them, and so is the schema named in a qualified entry (the other objects in it are
    /// still read): migrate creates that schema for its tables, so it is never planned to be created or
    /// dropped.
    package var excludedTables: [String]

    package static let defaultExcludedTables = ["schema_migrations", "schema_migrations_log"]
    /// Whether owners, ACLs, default privileges and role names are read (``CatalogSnapshot/privileges``).
    package var readsPrivileges: Bool

    package init(excludedTables: [String] = CatalogReadOptions.defaultExcludedTables, readsPrivileges: Bool = false) {
        self.excludedTables = excludedTables
        self.readsPrivileges = readsPrivileges
    }

    /// Whether a schema is named by a qualified entry of ``excludedTables``.
    package func excludesSchema(_ schema: String) -> Bool {
        excludedTables.contains { pattern in
            guard let dot = pattern.firstIndex(of: ".") else { return false }
            return pattern[..<dot] == schema
        }
    }

    /// Whether a table is one of ``excludedTables``.
    package func excludes(_ table: ObjectName) -> Bool {
        excludedTables.contains { pattern in
            if let dot = pattern.firstIndex(of: ".") {
                return table.schema == pattern[..<dot] && table.name == pattern[pattern.index(after: dot)...]
            }
            return table.name == pattern
        }
    }
}
