/// A view or materialized view.
package struct CatalogView: Hashable, Sendable {
    package var name: ObjectName
    package var isMaterialized: Bool
    /// The query as `pg_get_viewdef` prints it, without the final semicolon.
    package var definition: String
    /// `check_option=local`, `security_barrier=true`..., in catalog order.
    package var options: [String]
    /// Output columns in order, as (name, type).
    package var columns: [ViewColumn]
    package var comment: String?
    /// A materialized view's tablespace, when not the database's default.
    package var tablespace: String?

    package init(
        name: ObjectName,
        isMaterialized: Bool,
        definition: String,
        options: [String] = [],
        columns: [ViewColumn] = [],
        comment: String? = nil
    ) {
        self.name = name
        self.isMaterialized = isMaterialized
        self.definition = definition
        self.options = options
        self.columns = columns
        self.comment = comment
    }
}

/// An output column of a view: an attribute of the view's row type, as PostgreSQL keeps it.
package typealias ViewColumn = CompositeAttribute
