/// A schema-qualified name: how tables, views, types, sequences, indexes and functions are identified
/// when two catalogs are compared (never by OID, which differs between databases).
package struct ObjectName: Hashable, Comparable, Sendable, CustomStringConvertible {
    package var schema: String
    package var name: String

    package init(_ schema: String, _ name: String) {
        self.schema = schema
        self.name = name
    }

    package static func < (lhs: ObjectName, rhs: ObjectName) -> Bool {
        (lhs.schema, lhs.name) < (rhs.schema, rhs.name)
    }

    /// `schema.name`, unquoted, for messages.
    package var description: String { schema + "." + name }
}
