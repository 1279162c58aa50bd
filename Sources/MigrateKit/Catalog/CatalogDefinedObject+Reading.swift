import PostgresClient

extension CatalogDefinedObject {
    /// The object a row of ``CatalogQueries/definedObjects`` describes; `nil` for a kind this build does
    /// not know or an object in a schema that is not read.
    /// - Parameters:
    ///   - schemaNames: The user schemas by OID.
    ///   - relation: The table the object belongs to (a rule's, a statistics object's), already resolved.
    init?(row: QueryResult.Row, schemaNames: [String: String], relation: ObjectName?) {
        guard let kind = Kind(rawValue: row.string("kind")) else { return nil }
        var schema: String?
        if let schemaOID = row["schema_oid"] {
            guard let name = schemaNames[schemaOID] else { return nil }
            schema = name
        }
        let pairs = row.textArray("settings")
        var settings: [String: String] = [:]
        for index in stride(from: 0, to: pairs.count - 1, by: 2) { settings[pairs[index]] = pairs[index + 1] }
        self.init(
            id: ID(kind, row.string("identity")),
            schema: schema,
            name: row["name"],
            relation: kind == .rule ? relation : nil,
            signature: row.string("signature"),
            definition: row.string("definition"),
            settings: settings,
            comment: row["comment"]
        )
    }
}
