/// A range type made with `CREATE TYPE ... AS RANGE`, with the multirange type PostgreSQL makes with it.
package struct CatalogRangeType: Hashable, Sendable {
    package var name: ObjectName
    /// What goes inside `AS RANGE (...)`: `SUBTYPE = ...` and every option that is not the default, with
    /// `MULTIRANGE_TYPE_NAME` always written out.
    package var definition: String
    /// The multirange type's name.
    package var multirange: ObjectName
    /// The subtype as `format_type` prints it, which the constructor functions take.
    package var subtype: String
    package var comment: String?

    package init(
        name: ObjectName,
        definition: String,
        multirange: ObjectName,
        subtype: String,
        comment: String? = nil
    ) {
        self.name = name
        self.definition = definition
        self.multirange = multirange
        self.subtype = subtype
        self.comment = comment
    }
}
