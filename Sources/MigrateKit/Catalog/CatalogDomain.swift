/// A domain: a base type with an optional default, NOT NULL and named CHECK constraints.
package struct CatalogDomain: Hashable, Sendable {
    package var name: ObjectName
    /// The base type with its modifiers, as `format_type` prints it (`numeric(10,2)`, `public.mood`).
    package var baseType: String
    /// Set only when it differs from the base type's default collation.
    package var collation: ObjectName?
    /// The default expression as the server deparses it.
    package var defaultExpression: String?
    package var notNull: Bool
    package var constraints: [String: DomainConstraint]
    package var comment: String?

    package init(
        name: ObjectName,
        baseType: String,
        collation: ObjectName? = nil,
        defaultExpression: String? = nil,
        notNull: Bool = false,
        constraints: [String: DomainConstraint] = [:],
        comment: String? = nil
    ) {
        self.name = name
        self.baseType = baseType
        self.collation = collation
        self.defaultExpression = defaultExpression
        self.notNull = notNull
        self.constraints = constraints
        self.comment = comment
    }
}

/// A CHECK constraint of a domain.
package struct DomainConstraint: Hashable, Sendable {
    package var name: String
    /// `CHECK ((VALUE > 0))`, without the `NOT VALID` marker.
    package var definition: String
    package var isValidated: Bool
    package var comment: String?

    package init(name: String, definition: String, isValidated: Bool = true, comment: String? = nil) {
        self.name = name
        self.definition = definition
        self.isValidated = isValidated
        self.comment = comment
    }
}
