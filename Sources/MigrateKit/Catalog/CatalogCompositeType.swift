/// A composite type made with `CREATE TYPE ... AS (...)`.
package struct CatalogCompositeType: Hashable, Sendable {
    package var name: ObjectName
    /// In attribute-number order.
    package var attributes: [CompositeAttribute]
    package var comment: String?

    package init(name: ObjectName, attributes: [CompositeAttribute], comment: String? = nil) {
        self.name = name
        self.attributes = attributes
        self.comment = comment
    }

    /// The attribute with this name.
    package func attribute(_ name: String) -> CompositeAttribute? {
        attributes.first { $0.name == name }
    }
}

/// An attribute of a composite type, or a column of a view (``ViewColumn``).
package struct CompositeAttribute: Hashable, Sendable {
    package var name: String
    /// The type with modifiers and, for a composite type's attribute whose collation is not the type's default,
    /// ` COLLATE "s"."c"`.
    package var type: String
    package var comment: String?

    package init(name: String, type: String, comment: String? = nil) {
        self.name = name
        self.type = type
        self.comment = comment
    }
}
