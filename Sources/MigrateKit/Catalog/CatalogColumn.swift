/// A column of a table: type, collation, default, NOT NULL, identity or generation expression.
package struct CatalogColumn: Hashable, Sendable {
    package var name: String
    /// The type with its modifiers, as `format_type` prints it: `character varying(255)`, `public.mood[]`.
    package var type: String
    /// The type without modifiers (`character varying`), for deciding whether a type change needs `USING`.
    package var typeWithoutModifiers: String
    /// Set only when it differs from the type's default collation.
    package var collation: ObjectName?
    /// The default as the server deparses it; `nil` for none (and for generated columns).
    package var defaultExpression: String?
    package var notNull: Bool
    package var identity: ColumnIdentity?
    /// The expression of a `GENERATED ALWAYS AS (...) STORED` column.
    package var generatedExpression: String?
    package var comment: String?
    /// `SET STORAGE`: `PLAIN`, `EXTERNAL`, `MAIN` or `EXTENDED`, set only when it differs from the type's.
    package var storage: String?
    /// The type's own storage, which ``storage`` returns to when reset.
    package var typeStorage = "EXTENDED"
    /// `COMPRESSION`: `pglz` or `lz4`; `nil` for the server's `default_toast_compression`.
    package var compression: String?
    /// `SET STATISTICS`; `nil` for the default.
    package var statisticsTarget: Int?
    /// Attribute options (`n_distinct=100`), in catalog order.
    package var options: [String] = []

    package init(
        name: String,
        type: String,
        typeWithoutModifiers: String? = nil,
        collation: ObjectName? = nil,
        defaultExpression: String? = nil,
        notNull: Bool = false,
        identity: ColumnIdentity? = nil,
        generatedExpression: String? = nil,
        comment: String? = nil
    ) {
        self.name = name
        self.type = type
        self.typeWithoutModifiers = typeWithoutModifiers ?? type
        self.collation = collation
        self.defaultExpression = defaultExpression
        self.notNull = notNull
        self.identity = identity
        self.generatedExpression = generatedExpression
        self.comment = comment
    }
}

/// `GENERATED { ALWAYS | BY DEFAULT } AS IDENTITY` and the parameters of its sequence.
package struct ColumnIdentity: Hashable, Sendable {
    package var always: Bool
    package var sequenceName: ObjectName
    package var options: SequenceOptions

    package init(always: Bool, sequenceName: ObjectName, options: SequenceOptions) {
        self.always = always
        self.sequenceName = sequenceName
        self.options = options
    }
}
