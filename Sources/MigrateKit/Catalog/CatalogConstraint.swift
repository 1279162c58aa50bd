/// A table constraint: primary key, unique, check, foreign key or exclusion.
package struct CatalogConstraint: Hashable, Sendable {
    package enum Kind: String, Hashable, Sendable {
        case primaryKey = "p"
        case unique = "u"
        case check = "c"
        case foreignKey = "f"
        case exclusion = "x"
    }

    package var name: String
    package var kind: Kind
    /// `pg_get_constraintdef` without the trailing `DEFERRABLE`, `INITIALLY DEFERRED` and `NOT VALID`
    /// (kept in the flags below, since they can change without re-creating the constraint).
    package var definition: String
    package var deferrable: Bool
    package var initiallyDeferred: Bool
    package var isValidated: Bool
    /// The constrained columns, in key order.
    package var columns: [String]
    /// The table a foreign key points at.
    package var referencedTable: ObjectName?
    package var comment: String?
    /// Storage parameters of a key or exclusion constraint's index (`pg_get_constraintdef` leaves them out);
    /// changed in place with `ALTER INDEX`.
    package var indexOptions: [String] = []
    /// The tablespace of a key or exclusion constraint's index, when not the database's default.
    package var indexTablespace: String?

    package init(
        name: String,
        kind: Kind,
        definition: String,
        deferrable: Bool = false,
        initiallyDeferred: Bool = false,
        isValidated: Bool = true,
        columns: [String] = [],
        referencedTable: ObjectName? = nil,
        comment: String? = nil
    ) {
        self.name = name
        self.kind = kind
        self.definition = definition
        self.deferrable = deferrable
        self.initiallyDeferred = initiallyDeferred
        self.isValidated = isValidated
        self.columns = columns
        self.referencedTable = referencedTable
        self.comment = comment
    }

    /// The full definition as `ADD CONSTRAINT` takes it.
    package var fullDefinition: String {
        var text = definition
        var parameters = indexOptions.isEmpty ? "" : " WITH (" + indexOptions.joined(separator: ", ") + ")"
        if let indexTablespace { parameters += " USING INDEX TABLESPACE " + SQLRenderer.name(indexTablespace) }
        if !parameters.isEmpty {
            // They go before an exclusion constraint's `WHERE (...)`.
            var index = text.endIndex
            var predicate = text.endIndex
            while kind == .exclusion, index > text.startIndex {
                index = text.index(before: index)
                if text[index...].hasPrefix(" WHERE (") {
                    predicate = index
                    break
                }
            }
            text.insert(contentsOf: parameters, at: predicate)
        }
        if deferrable { text += " DEFERRABLE" }
        if initiallyDeferred { text += " INITIALLY DEFERRED" }
        if !isValidated { text += " NOT VALID" }
        return text
    }

    /// Whether two constraints are the same apart from their names.
    package func hasSameShape(as other: CatalogConstraint) -> Bool {
        kind == other.kind && definition == other.definition && deferrable == other.deferrable
            && initiallyDeferred == other.initiallyDeferred && isValidated == other.isValidated
    }

    /// Splits `pg_get_constraintdef` output into the definition and its trailing flags.
    package static func splitDefinition(
        _ text: String
    ) -> (definition: String, deferrable: Bool, initiallyDeferred: Bool, isValidated: Bool) {
        var definition = text
        func strip(_ suffix: String) -> Bool {
            guard definition.hasSuffix(suffix) else { return false }
            definition.removeLast(suffix.count)
            return true
        }
        let notValid = strip(" NOT VALID")
        let initiallyDeferred = strip(" INITIALLY DEFERRED")
        let deferrable = strip(" DEFERRABLE")
        return (definition, deferrable, initiallyDeferred, !notValid)
    }
}
