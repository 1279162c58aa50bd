/// The identity of one diffable catalog object: what dependencies point at and what plan steps act on.
///
/// Columns, constraints, triggers and policies are identified within their table; functions by name and
/// argument types. The order of the cases is the order kinds are created in when nothing else decides.
package enum ObjectKey: Hashable, Comparable, Sendable, CustomStringConvertible {
    case schema(String)
    case `extension`(String)
    case collation(ObjectName)
    /// An enum or a domain.
    case type(ObjectName)
    case sequence(ObjectName)
    case table(ObjectName)
    case column(ObjectName, String)
    /// A table constraint (primary key, unique, check, foreign key, exclusion).
    case constraint(ObjectName, String)
    case index(ObjectName)
    /// `ALTER SEQUENCE ... OWNED BY`, kept apart from the sequence itself because the owning column's
    /// default usually needs the sequence first.
    case sequenceOwnership(ObjectName)
    case view(ObjectName)
    case function(FunctionIdentity)
    case trigger(ObjectName, String)
    case policy(ObjectName, String)
    case foreignDataWrapper(String)
    case foreignServer(String)
    case foreignTable(ObjectName)
    /// A rule, operator, cast, text search object... (``CatalogDefinedObject``).
    case defined(CatalogDefinedObject.ID)

    /// The table a sub-object belongs to, or the object itself.
    package var owningTable: ObjectName? {
        switch self {
        case .table(let name), .column(let name, _), .constraint(let name, _), .trigger(let name, _),
            .policy(let name, _):
            name
        default: nil
        }
    }

    package var description: String {
        switch self {
        case .schema(let name): "schema \(name)"
        case .extension(let name): "extension \(name)"
        case .collation(let name): "collation \(name)"
        case .type(let name): "type \(name)"
        case .sequence(let name): "sequence \(name)"
        case .sequenceOwnership(let name): "ownership of sequence \(name)"
        case .table(let name): "table \(name)"
        case .column(let table, let column): "column \(table).\(column)"
        case .constraint(let table, let constraint): "constraint \(constraint) on \(table)"
        case .index(let name): "index \(name)"
        case .view(let name): "view \(name)"
        case .function(let identity): "function \(identity)"
        case .trigger(let table, let trigger): "trigger \(trigger) on \(table)"
        case .policy(let table, let policy): "policy \(policy) on \(table)"
        case .foreignDataWrapper(let name): "foreign-data wrapper \(name)"
        case .foreignServer(let name): "server \(name)"
        case .foreignTable(let name): "foreign table \(name)"
        case .defined(let id): id.description
        }
    }
}

/// A function's or procedure's identity: schema, name and input argument types (as `format_type` prints
/// them, schema-qualified), which is how PostgreSQL tells overloads apart.
package struct FunctionIdentity: Hashable, Comparable, Sendable, CustomStringConvertible {
    package var name: ObjectName
    /// `integer, public.mood`: the types PostgreSQL uses to identify the function, comma-separated.
    package var argumentTypes: String

    package init(name: ObjectName, argumentTypes: String) {
        self.name = name
        self.argumentTypes = argumentTypes
    }

    package static func < (lhs: FunctionIdentity, rhs: FunctionIdentity) -> Bool {
        (lhs.name, lhs.argumentTypes) < (rhs.name, rhs.argumentTypes)
    }

    package var description: String { "\(name)(\(argumentTypes))" }
}
