/// A foreign-data wrapper made with `CREATE FOREIGN DATA WRAPPER` (not one an extension provides).
package struct CatalogForeignDataWrapper: Hashable, Sendable {
    package var name: String
    /// The handler and validator functions as `regproc` prints them.
    package var handler: String?
    package var validator: String?
    /// `name=value`, in catalog order.
    package var options: [String]
    package var comment: String?
}

/// A foreign server. Its user mappings are named, never compared: they hold credentials.
package struct CatalogForeignServer: Hashable, Sendable {
    package var name: String
    package var wrapper: String
    package var type: String?
    package var version: String?
    /// `name=value`, in catalog order.
    package var options: [String]
    /// The roles (`public` for `PUBLIC`) with a user mapping for the server, sorted.
    package var userMappings: [String]
    package var comment: String?
}

/// A foreign table: compared as one `CREATE FOREIGN TABLE` statement (columns with their options,
/// collations, NOT NULL and defaults, CHECK constraints, server, options) and re-created when it changes,
/// which loses nothing since its rows live elsewhere.
package struct CatalogForeignTable: Hashable, Sendable {
    package var name: ObjectName
    package var definition: String
    /// `COMMENT ON COLUMN ...` statements for the columns that have one.
    package var columnComments: [String]
    package var comment: String?
}
