/// Everything `migrate` compares about one database's schema, read by ``CatalogReader``.
///
/// Objects are keyed by name, never by OID, so snapshots of two databases can be compared. Expressions
/// and definitions are the server's own deparsed text, read with an empty `search_path`, so that every
/// name in them is schema-qualified the same way on both sides.
package struct CatalogSnapshot: Hashable, Sendable {
    package var schemas: [String: CatalogSchema] = [:]
    package var extensions: [String: CatalogExtension] = [:]
    package var collations: [ObjectName: CatalogCollation] = [:]
    package var enums: [ObjectName: CatalogEnum] = [:]
    package var domains: [ObjectName: CatalogDomain] = [:]
    package var compositeTypes: [ObjectName: CatalogCompositeType] = [:]
    package var rangeTypes: [ObjectName: CatalogRangeType] = [:]
    package var sequences: [ObjectName: CatalogSequence] = [:]
    package var tables: [ObjectName: CatalogTable] = [:]
    package var indexes: [ObjectName: CatalogIndex] = [:]
    package var views: [ObjectName: CatalogView] = [:]
    package var functions: [FunctionIdentity: CatalogFunction] = [:]
    package var triggers: [MemberName: CatalogTrigger] = [:]
    package var foreignDataWrappers: [String: CatalogForeignDataWrapper] = [:]
    package var foreignServers: [String: CatalogForeignServer] = [:]
    package var foreignTables: [ObjectName: CatalogForeignTable] = [:]
    /// Rules, operators, operator classes and families, casts, conversions, text search objects,
    /// extended statistics, event triggers, languages, transforms and access methods.
    package var definedObjects: [CatalogDefinedObject.ID: CatalogDefinedObject] = [:]
    /// `pg_depend` between the objects above, sorted.
    package var dependencies: [CatalogDependency] = []
    /// Casts PostgreSQL applies without being asked (implicit or assignment), as `source -> target` type
    /// names without modifiers; a column type change between such types needs no `USING`.
    package var assignmentCasts: Set<TypeCast> = []
    /// Every cast the server knows (`CAST(x AS t)` works), including the automatic ones.
    package var explicitCasts: Set<TypeCast> = []
    /// The database's default tablespace: where tables and indexes without a tablespace of their own live,
    /// and what `SET TABLESPACE` names to move one back.
    package var defaultTablespace = "pg_default"
    /// Things the reader noticed that the diff does not cover (privileges...), one sentence each.
    package var notes: [String] = []
    /// Owners and privileges, when ``CatalogReadOptions/readsPrivileges`` asked for them.
    package var privileges: CatalogPrivileges?

    package init() {}
}

/// A cast between two types, named as `format_type(oid, NULL)` prints them.
package struct TypeCast: Hashable, Sendable {
    package var source: String
    package var target: String

    package init(_ source: String, _ target: String) {
        self.source = source
        self.target = target
    }
}

/// An object named within a table or view: a trigger, policy, constraint or column.
package struct MemberName: Hashable, Comparable, Sendable, CustomStringConvertible {
    package var table: ObjectName
    package var name: String

    package init(_ table: ObjectName, _ name: String) {
        self.table = table
        self.name = name
    }

    package static func < (lhs: MemberName, rhs: MemberName) -> Bool {
        (lhs.table, lhs.name) < (rhs.table, rhs.name)
    }

    package var description: String { "\(name) on \(table)" }
}
