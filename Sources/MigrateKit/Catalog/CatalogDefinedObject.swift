/// An object that one `CREATE` statement defines and one `DROP` removes: a rule, an operator, an operator
/// class or family, a cast, a conversion, a text search parser, template, dictionary or configuration,
/// extended statistics, an event trigger, a procedural language, a transform or an access method.
///
/// The reader composes the `CREATE` statement from the catalog (with the server's own deparsing where
/// there is one: `pg_get_ruledef`, `pg_get_statisticsobjdef`), so comparing two objects is comparing two
/// texts: a different definition means drop and create. What PostgreSQL can change in place without a
/// new object (a configuration's mappings, an operator family's loose members, a statistics target, the
/// firing state of a rule or event trigger) is kept apart in ``settings``.
package struct CatalogDefinedObject: Hashable, Sendable {
    /// The kinds, in the order they are created when no dependency decides. The raw value is the keyword
    /// `DROP`, `COMMENT ON` and `ALTER` take.
    package enum Kind: String, CaseIterable, Comparable, Sendable {
        case language = "LANGUAGE"
        case accessMethod = "ACCESS METHOD"
        case transform = "TRANSFORM"
        case `operator` = "OPERATOR"
        case operatorFamily = "OPERATOR FAMILY"
        case operatorClass = "OPERATOR CLASS"
        case cast = "CAST"
        case conversion = "CONVERSION"
        case textSearchParser = "TEXT SEARCH PARSER"
        case textSearchTemplate = "TEXT SEARCH TEMPLATE"
        case textSearchDictionary = "TEXT SEARCH DICTIONARY"
        case textSearchConfiguration = "TEXT SEARCH CONFIGURATION"
        case statistics = "STATISTICS"
        case rule = "RULE"
        case eventTrigger = "EVENT TRIGGER"

        /// The position in ``allCases``.
        var rank: Int { Self.allCases.firstIndex(of: self)! }

        /// Where the kind sorts among the other kinds of a plan (``ObjectKey/kindRank``) when no dependency
        /// decides: languages and access methods with extensions; casts and conversions with types, because
        /// an expression that casts records a dependency on the cast's function, never on the cast; operator
        /// classes and text search objects with functions; transforms after functions (a function created
        /// while a transform for its types exists comes to depend on it, which the other side may not
        /// know); statistics and rules with triggers; event triggers after everything.
        var planRank: Int {
            switch self {
            case .language, .accessMethod: 1
            case .cast, .conversion: 3
            case .operator, .operatorFamily, .operatorClass, .textSearchParser, .textSearchTemplate,
                .textSearchDictionary, .textSearchConfiguration:
                11
            case .transform, .statistics, .rule: 12
            case .eventTrigger: 14
            }
        }

        package static func < (lhs: Kind, rhs: Kind) -> Bool { lhs.rank < rhs.rank }
    }

    /// How two catalogs tell the object apart: its kind and `pg_identify_object`'s identity, which is
    /// schema-qualified and carries what overloads differ by (`public.===(integer,integer)`,
    /// `public.ops USING btree`, `(public.mood AS integer)`, `r on public.t`).
    package struct ID: Hashable, Comparable, Sendable, CustomStringConvertible {
        package var kind: Kind
        package var identity: String

        package init(_ kind: Kind, _ identity: String) {
            self.kind = kind
            self.identity = identity
        }

        package static func < (lhs: ID, rhs: ID) -> Bool { (lhs.kind, lhs.identity) < (rhs.kind, rhs.identity) }

        package var description: String { kind.rawValue.lowercased() + " " + identity }
    }

    package var id: ID
    /// The schema of a schema-qualified kind; `nil` for casts, event triggers, languages, transforms,
    /// access methods and rules (which belong to a table).
    package var schema: String?
    /// The name, unquoted; `nil` for casts and transforms, which are named by their types.
    package var name: String?
    /// The table a rule belongs to.
    package var relation: ObjectName?
    /// What follows the name where a statement refers to the object: ` (integer, integer)` for an
    /// operator, ` USING btree` for an operator class or family, `(public.mood AS integer)` for a cast.
    package var signature: String
    /// The `CREATE` statement, names schema-qualified.
    package var definition: String
    /// What can change in place, by key: a text search configuration's mapping per token type (the
    /// dictionaries), an operator family's loose members (`OPERATOR 3 (integer, bigint)` to its clause),
    /// `enabled` of a rule or event trigger (`D`, `R`, `A`; absent when enabled), `statistics` (the target).
    package var settings: [String: String]
    package var comment: String?

    package init(
        id: ID,
        schema: String? = nil,
        name: String? = nil,
        relation: ObjectName? = nil,
        signature: String = "",
        definition: String,
        settings: [String: String] = [:],
        comment: String? = nil
    ) {
        self.id = id
        self.schema = schema
        self.name = name
        self.relation = relation
        self.signature = signature
        self.definition = definition
        self.settings = settings
        self.comment = comment
    }

    var kind: Kind { id.kind }
}
