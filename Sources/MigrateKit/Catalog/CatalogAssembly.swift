import PostgresClient

/// Builds a ``CatalogSnapshot`` from the rows of ``CatalogQueries``, translating OIDs into names.
///
/// Parents are read before their members; a member whose parent is unknown (an extension's table, a
/// version table, a system object) is dropped, which is how extension members and excluded tables stay out.
struct CatalogAssembly {
    let options: CatalogReadOptions
    private(set) var snapshot = CatalogSnapshot()

    /// A table, view or sequence by OID, with the column names needed to resolve dependencies.
    private struct Relation {
        var name: ObjectName
        var kind: String
        var columns: [Int: String] = [:]
        var generatedColumns: Set<Int> = []

        var isTable: Bool { kind == "r" || kind == "p" }
        var key: ObjectKey {
            switch kind {
            case "r", "p": .table(name)
            case "S": .sequence(name)
            case "f": .foreignTable(name)
            default: .view(name)
            }
        }
    }

    private var schemaArray = "{}"
    private var schemaNames: [String: String] = [:]
    private var relations: [String: Relation] = [:]
    private var excludedRelations: Set<String> = []
    private var typeKeys: [String: ObjectKey] = [:]
    private var functionKeys: [String: ObjectKey] = [:]
    private var constraintKeys: [String: ObjectKey] = [:]
    private var indexKeys: [String: ObjectKey] = [:]
    private var triggerKeys: [String: ObjectKey] = [:]
    private var policyKeys: [String: ObjectKey] = [:]
    private var extensionKeys: [String: ObjectKey] = [:]
    private var collationKeys: [String: ObjectKey] = [:]
    /// Composite types by the OID of their `pg_class` row, which their attributes' dependencies name.
    private var compositeRelations: [String: ObjectKey] = [:]
    private var foreignKeys: [String: ObjectKey] = [:]
    /// Rules, operators, casts... (``CatalogDefinedObject``) by `classOID:objectOID`.
    private var definedKeys: [String: ObjectKey] = [:]
    /// Identity sequences by `tableOID:columnNumber`.
    private var identitySequences: [String: (name: ObjectName, options: SequenceOptions)] = [:]
    private var objectsWithPrivileges = 0
    /// Settings read but not compared, by kind of setting: the objects that have them.
    private var uncompared: [String: [String]] = [:]

    init(options: CatalogReadOptions) {
        self.options = options
    }

    mutating func run(on connection: PostgresConnection) throws(MigrateError) {
        func query(_ sql: String, _ what: String) throws(MigrateError) -> [QueryResult.Row] {
            do {
                return try connection.query(sql, sql.contains("$1") ? [schemaArray] : []).rows
            } catch {
                throw CatalogReader.failure(error, while: "reading \(what) from the catalog")
            }
        }
        readSchemas(try query(CatalogQueries.schemas, "schemas"))
        try checkSupported(try query(CatalogQueries.unsupported, "unsupported objects"))
        if let tablespace = try query(CatalogQueries.defaultTablespace, "the default tablespace").first {
            snapshot.defaultTablespace = tablespace.string("name")
        }
        readExtensions(try query(CatalogQueries.extensions, "extensions"))
        readCollations(try query(CatalogQueries.collations, "collations"))
        readTypes(try query(CatalogQueries.types, "types"))
        readCompositeAndRangeTypes(try query(CatalogQueries.compositeAndRangeTypes, "composite and range types"))
        readRelations(try query(CatalogQueries.relations, "tables, views and sequences"))
        readColumns(try query(CatalogQueries.columns, "columns"))
        readConstraints(try query(CatalogQueries.constraints, "constraints"))
        try readIndexes(try query(CatalogQueries.indexes, "indexes"))
        readFunctions(try query(CatalogQueries.functions, "functions"))
        readTriggers(try query(CatalogQueries.triggers, "triggers"))
        readForeignDataWrappers(try query(CatalogQueries.foreignDataWrappers, "foreign-data wrappers"))
        readForeignServers(try query(CatalogQueries.foreignServers, "foreign servers"))
        readForeignTables(try query(CatalogQueries.foreignTables, "foreign tables"))
        readPolicies(try query(CatalogQueries.policies, "policies"))
        readCasts(try query(CatalogQueries.casts, "casts"))
        // Most schemas have none of these, and the query that composes them costs tens of milliseconds to plan.
        if try query(CatalogQueries.anyDefinedObject, "rules, operators, casts and text search objects").first?
            .bool("present") == true
        {
            readDefinedObjects(try query(CatalogQueries.definedObjects, "rules, operators, casts and text search objects"))
        }
        readDependencies(try query(CatalogQueries.dependencies, "dependencies"))
        for (setting, objects) in uncompared.sorted(by: { $0.key < $1.key }) {
            let list = objects.sorted()
            let shown = list.prefix(5).joined(separator: ", ") + (list.count > 5 ? " and \(list.count - 5) more" : "")
            snapshot.notes.append("\(setting) are not compared: \(shown)")
        }
        if objectsWithPrivileges > 0, !options.readsPrivileges {
            snapshot.notes.append(
                "privileges (GRANT/REVOKE) are not compared; \(objectsWithPrivileges) object(s) have explicit "
                    + "privileges (--privileges or [autogenerate] privileges = true compares owners and privileges)"
            )
        }
    }

    // MARK: - Kinds of objects

    private mutating func readSchemas(_ rows: [QueryResult.Row]) {
        for row in rows {
            let name = row.string("name")
            schemaNames[row.string("oid")] = name
            if !options.excludesSchema(name) {
                snapshot.schemas[name] = CatalogSchema(name: name, comment: row["comment"])
            }
        }
        schemaArray = "{" + schemaNames.keys.sorted().joined(separator: ",") + "}"
    }

    private func checkSupported(_ rows: [QueryResult.Row]) throws(MigrateError) {
        guard !rows.isEmpty else { return }
        let lines = rows.map { row in "  \(row.string("type")) \(row.string("identity")): \(row.string("reason"))" }
        throw MigrateError(
            .usage,
            "the schema contains objects migrate cannot compare:\n" + lines.joined(separator: "\n"),
            hint: "manage these objects in hand-written revisions and keep them out of the compared schemas"
        )
    }

    private mutating func readExtensions(_ rows: [QueryResult.Row]) {
        for row in rows {
            let name = row.string("name")
            extensionKeys[row.string("oid")] = .extension(name)
            snapshot.extensions[name] = CatalogExtension(
                name: name,
                schema: row.string("schema"),
                version: row.string("version"),
                comment: row["comment"]
            )
        }
    }

    private mutating func readCollations(_ rows: [QueryResult.Row]) {
        for row in rows {
            guard let schema = schemaNames[row.string("schema_oid")] else { continue }
            let name = ObjectName(schema, row.string("name"))
            collationKeys[row.string("oid")] = .collation(name)
            let icu = row.string("provider") == "i"
            snapshot.collations[name] = CatalogCollation(
                name: name,
                provider: row.string("provider"),
                collate: icu ? nil : row["lc_collate"],
                ctype: icu ? nil : row["lc_ctype"],
                locale: icu ? row["locale"] : nil,
                rules: row["rules"],
                deterministic: row.bool("deterministic") ?? true,
                comment: row["comment"]
            )
        }
    }

    private mutating func readTypes(_ rows: [QueryResult.Row]) {
        for row in rows {
            guard let name = registerType(row) else { continue }
            if row.string("kind") == "e" {
                snapshot.enums[name] = CatalogEnum(name: name, values: row.textArray("labels"), comment: row["comment"])
            } else {
                snapshot.domains[name] = CatalogDomain(
                    name: name,
                    baseType: row.string("base_type"),
                    collation: Self.collation(row),
                    defaultExpression: row["default_expression"],
                    notNull: row.bool("not_null") ?? false,
                    comment: row["comment"]
                )
            }
        }
    }

    /// A user type's name, with its OID and its array type's OID known from now on; `nil` outside the
    /// compared schemas.
    private mutating func registerType(_ row: QueryResult.Row) -> ObjectName? {
        guard let schema = schemaNames[row.string("schema_oid")] else { return nil }
        let name = ObjectName(schema, row.string("name"))
        typeKeys[row.string("oid")] = .type(name)
        typeKeys[row.string("array_oid")] = .type(name)
        if row.bool("has_privileges") == true { objectsWithPrivileges += 1 }
        return name
    }

    private mutating func readCompositeAndRangeTypes(_ rows: [QueryResult.Row]) {
        for row in rows {
            guard let name = registerType(row) else { continue }
            if row.string("kind") == "c" {
                compositeRelations[row.string("relation_oid")] = .type(name)
                let names = row.textArray("attribute_names")
                let types = row.textArray("attribute_types")
                let comments = row.textArray("attribute_comments")
                let attributes = names.indices.map { position in
                    CompositeAttribute(
                        name: names[position],
                        type: types[position],
                        comment: comments[position].isEmpty ? nil : comments[position]
                    )
                }
                snapshot.compositeTypes[name] = CatalogCompositeType(
                    name: name,
                    attributes: attributes,
                    comment: row["comment"]
                )
            } else {
                // Columns of the multirange type depend on the range type: it comes and goes with it.
                typeKeys[row.string("multirange_oid")] = .type(name)
                typeKeys[row.string("multirange_array_oid")] = .type(name)
                let multirange = ObjectName(row.string("multirange_schema"), row.string("multirange_name"))
                snapshot.rangeTypes[name] = CatalogRangeType(
                    name: name,
                    definition: row.string("range_options") + ", MULTIRANGE_TYPE_NAME = "
                        + SQLRenderer.name(multirange),
                    multirange: multirange,
                    subtype: row.string("subtype"),
                    comment: row["comment"]
                )
            }
        }
    }

    private mutating func readRelations(_ rows: [QueryResult.Row]) {
        var ownedSequences: [(sequence: ObjectName, ownerOID: String, column: Int, identity: Bool)] = []
        for row in rows {
            guard let schema = schemaNames[row.string("schema_oid")] else { continue }
            let oid = row.string("oid")
            let name = ObjectName(schema, row.string("name"))
            let kind = row.string("kind")
            if kind == "r" || kind == "p", options.excludes(name) {
                excludedRelations.insert(oid)
                continue
            }
            if row.bool("has_privileges") == true { objectsWithPrivileges += 1 }
            if row.bool("has_access_method") == true {
                uncompared["table access methods", default: []].append("\(name)")
            }
            let relation = Relation(name: name, kind: kind)
            relations[oid] = relation
            if row.string("type_oid") != "0" { typeKeys[row.string("type_oid")] = relation.key }
            let comment = row["comment"]
            let storageOptions = row.textArray("options") + row.textArray("toast_options")
            switch kind {
            case "r", "p":
                var table = CatalogTable(
                    name: name,
                    isUnlogged: row.bool("unlogged") ?? false,
                    options: storageOptions,
                    rowSecurity: row.bool("row_security") ?? false,
                    forceRowSecurity: row.bool("force_row_security") ?? false,
                    partitionKey: row["partition_key"],
                    comment: comment
                )
                if let parent = row["partition_parent"], let bound = row["partition_bound"] {
                    // Resolved once every relation is known.
                    table.partition = PartitionBound(parent: ObjectName("", parent), bound: bound)
                }
                table.inherits = row.textArray("parents").map { ObjectName("", $0) }
                table.replicaIdentity = row.string("replica_identity")
                table.replicaIdentityIndex = row["replica_identity_index"]
                table.tablespace = row["tablespace"]
                snapshot.tables[name] = table
            case "v", "m":
                var view = CatalogView(
                    name: name,
                    isMaterialized: kind == "m",
                    definition: Self.trimmedViewDefinition(row.string("view_definition")),
                    options: storageOptions,
                    comment: comment
                )
                view.tablespace = row["tablespace"]
                snapshot.views[name] = view
            default:
                let options = SequenceOptions(
                    dataType: row.string("sequence_type"),
                    start: row.string("seqstart"),
                    increment: row.string("seqincrement"),
                    minimum: row.string("seqmin"),
                    maximum: row.string("seqmax"),
                    cache: row.string("seqcache"),
                    cycles: row.bool("seqcycle") ?? false
                )
                if let owner = row["owner_oid"], let column = row.int("owner_column") {
                    ownedSequences.append((name, owner, column, row.string("owner_kind") == "i"))
                    if row.string("owner_kind") == "i" {
                        identitySequences["\(owner):\(column)"] = (name, options)
                        relations[oid] = nil
                        continue
                    }
                }
                snapshot.sequences[name] = CatalogSequence(
                    name: name,
                    options: options,
                    isUnlogged: row.bool("unlogged") ?? false,
                    comment: comment
                )
            }
        }
        for (name, table) in snapshot.tables where !table.inherits.isEmpty {
            snapshot.tables[name]?.inherits = table.inherits.compactMap { relations[$0.name]?.name }
        }
        for (name, table) in snapshot.tables {
            guard let partition = table.partition else { continue }
            if let parent = relations[partition.parent.name] {
                snapshot.tables[name]?.partition?.parent = parent.name
            } else {
                snapshot.tables[name]?.partition = nil
            }
        }
        // Owners are resolved to names with the columns; remember them until then.
        pendingOwners = ownedSequences.filter { !$0.identity }.map { ($0.sequence, $0.ownerOID, $0.column) }
    }

    private var pendingOwners: [(sequence: ObjectName, ownerOID: String, column: Int)] = []

    private mutating func readColumns(_ rows: [QueryResult.Row]) {
        for row in rows {
            let relationOID = row.string("relation_oid")
            guard var relation = relations[relationOID], let number = row.int("number") else { continue }
            let name = row.string("name")
            relation.columns[number] = name
            let generated = row.string("generated") == "s"
            if generated { relation.generatedColumns.insert(number) }
            let hasStorageSettings =
                row["storage"] != nil || row["compression"] != nil || row["statistics_target"] != nil
                || !row.textArray("attribute_options").isEmpty
            if hasStorageSettings, relation.kind == "v" || relation.kind == "m" {
                uncompared["column storage, compression and statistics settings of materialized views", default: []]
                    .append("\(relation.name).\(name)")
            }
            relations[relationOID] = relation
            if relation.isTable {
                // A partition's columns come from its parent and change with it.
                guard snapshot.tables[relation.name]?.partition == nil else { continue }
                // Neither are columns a table only inherits (`INHERITS`): they come and go with the parent.
                guard row.bool("is_local") != false else { continue }
                var identity: ColumnIdentity?
                let identityKind = row.string("identity")
                if !identityKind.isEmpty, let sequence = identitySequences["\(relationOID):\(number)"] {
                    identity = ColumnIdentity(
                        always: identityKind == "a",
                        sequenceName: sequence.name,
                        options: sequence.options
                    )
                }
                var column = CatalogColumn(
                    name: name,
                    type: row.string("type"),
                    typeWithoutModifiers: row.string("bare_type"),
                    collation: Self.collation(row),
                    defaultExpression: generated ? nil : row["expression"],
                    notNull: row.bool("not_null") ?? false,
                    identity: identity,
                    generatedExpression: generated ? row["expression"] : nil,
                    comment: row["comment"]
                )
                column.storage = row["storage"].map(Self.storageName)
                column.typeStorage = Self.storageName(row.string("type_storage"))
                column.compression = row["compression"]
                column.statisticsTarget = row.int("statistics_target")
                column.options = row.textArray("attribute_options")
                snapshot.tables[relation.name]?.columns.append(column)
            } else if relation.kind == "v" || relation.kind == "m" {
                snapshot.views[relation.name]?.columns.append(
                    ViewColumn(name: name, type: row.string("type"), comment: row["comment"])
                )
            }
        }
        for owner in pendingOwners {
            if excludedRelations.contains(owner.ownerOID) {
                snapshot.sequences[owner.sequence] = nil
                continue
            }
            guard let table = relations[owner.ownerOID], let column = table.columns[owner.column] else { continue }
            snapshot.sequences[owner.sequence]?.owner = ColumnReference(table: table.name, column: column)
        }
        pendingOwners = []
    }

    private mutating func readConstraints(_ rows: [QueryResult.Row]) {
        for row in rows {
            let oid = row.string("oid")
            let (definition, deferrable, initiallyDeferred, _) = CatalogConstraint.splitDefinition(
                row.string("definition")
            )
            let validated = row.bool("validated") ?? true
            let name = row.string("name")
            if let domain = typeKeys[row.string("domain_oid")], case .type(let domainName) = domain {
                constraintKeys[oid] = domain
                snapshot.domains[domainName]?.constraints[name] = DomainConstraint(
                    name: name,
                    definition: definition,
                    isValidated: validated,
                    comment: row["comment"]
                )
                continue
            }
            guard let table = relations[row.string("table_oid")], table.isTable,
                let kind = CatalogConstraint.Kind(rawValue: row.string("kind"))
            else { continue }
            let key = ObjectKey.constraint(table.name, name)
            constraintKeys[oid] = key
            if kind == .primaryKey || kind == .unique || kind == .exclusion {
                indexKeys[row.string("index_oid")] = key
            }
            var constraint = CatalogConstraint(
                name: name,
                kind: kind,
                definition: definition,
                deferrable: deferrable,
                initiallyDeferred: initiallyDeferred,
                isValidated: validated,
                columns: row.textArray("columns"),
                referencedTable: relations[row.string("referenced_oid")]?.name,
                comment: row["comment"]
            )
            constraint.indexOptions = row.textArray("index_options")
            constraint.indexTablespace = row["index_tablespace"]
            snapshot.tables[table.name]?.constraints[name] = constraint
        }
    }

    private mutating func readIndexes(_ rows: [QueryResult.Row]) throws(MigrateError) {
        for row in rows {
            guard let table = relations[row.string("table_oid")] else { continue }
            let name = ObjectName(table.name.schema, row.string("name"))
            let isUnique = row.bool("is_unique") ?? false
            let definition = row.string("definition")
            let head = (isUnique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ") + row.string("quoted_name") + " ON "
            var rest = Substring(definition)
            guard rest.hasPrefix(head) else { throw Self.unexpected(definition) }
            rest = rest.dropFirst(head.count)
            if rest.hasPrefix("ONLY ") { rest = rest.dropFirst(5) }
            let quotedTable = row.string("quoted_table")
            guard rest.hasPrefix(quotedTable) else { throw Self.unexpected(definition) }
            rest = rest.dropFirst(quotedTable.count)
            // pg_get_indexdef ends with `WITH (options)` and then `WHERE predicate`.
            let predicate = row["predicate"]
            for suffix in [predicate.map { " WHERE " + $0 }, row["options_clause"].map { " WITH (" + $0 + ")" }] {
                guard let suffix else { continue }
                guard rest.hasSuffix(suffix) else { throw Self.unexpected(definition) }
                rest = rest.dropLast(suffix.count)
            }
            if row.bool("valid") == false {
                snapshot.notes.append("index \(name) is invalid (a failed CREATE INDEX CONCURRENTLY?)")
            }
            indexKeys[row.string("oid")] = .index(name)
            var index = CatalogIndex(
                name: name,
                table: table.name,
                isUnique: isUnique,
                body: String(rest),
                comment: row["comment"],
                predicate: predicate
            )
            index.options = row.textArray("options")
            index.tablespace = row["tablespace"]
            snapshot.indexes[name] = index
        }
    }

    /// `pg_get_viewdef` output without its final semicolon and newline.
    static func trimmedViewDefinition(_ text: String) -> String {
        var definition = text
        while definition.last == ";" || definition.last == "\n" || definition.last == " " { definition.removeLast() }
        return definition
    }

    private static func unexpected(_ definition: String) -> MigrateError {
        MigrateError(.internal, "cannot take apart the index definition \(definition)")
    }

    private mutating func readFunctions(_ rows: [QueryResult.Row]) {
        for row in rows {
            guard let schema = schemaNames[row.string("schema_oid")] else { continue }
            let identity = FunctionIdentity(
                name: ObjectName(schema, row.string("name")),
                argumentTypes: row.string("argument_types")
            )
            if row.bool("has_privileges") == true { objectsWithPrivileges += 1 }
            functionKeys[row.string("oid")] = .function(identity)
            var definition = row.string("definition")
            while definition.last == "\n" { definition.removeLast() }
            snapshot.functions[identity] = CatalogFunction(
                identity: identity,
                kind: Self.functionKind(row.string("kind")),
                arguments: row.string("arguments"),
                result: row["result"],
                identityArguments: row.string("identity_arguments"),
                definition: definition,
                comment: row["comment"]
            )
        }
    }

    private mutating func readTriggers(_ rows: [QueryResult.Row]) {
        for row in rows {
            guard let table = relations[row.string("table_oid")] else { continue }
            let name = row.string("name")
            triggerKeys[row.string("oid")] = .trigger(table.name, name)
            snapshot.triggers[MemberName(table.name, name)] = CatalogTrigger(
                name: name,
                table: table.name,
                definition: row.string("definition"),
                enabled: row.string("enabled"),
                comment: row["comment"]
            )
        }
    }

    private mutating func readPolicies(_ rows: [QueryResult.Row]) {
        let commands = ["*": "ALL", "r": "SELECT", "a": "INSERT", "w": "UPDATE", "d": "DELETE"]
        for row in rows {
            guard let table = relations[row.string("table_oid")], table.isTable else { continue }
            let name = row.string("name")
            policyKeys[row.string("oid")] = .policy(table.name, name)
            let roles = row.textArray("roles").map { $0.isEmpty ? "PUBLIC" : $0 }.sorted()
            snapshot.tables[table.name]?.policies[name] = CatalogPolicy(
                name: name,
                table: table.name,
                command: commands[row.string("command")] ?? "ALL",
                permissive: row.bool("permissive") ?? true,
                roles: roles,
                using: row["using_expression"],
                withCheck: row["check_expression"],
                comment: row["comment"]
            )
        }
    }

    private mutating func readForeignDataWrappers(_ rows: [QueryResult.Row]) {
        for row in rows {
            let name = row.string("name")
            foreignKeys[row.string("oid")] = .foreignDataWrapper(name)
            snapshot.foreignDataWrappers[name] = CatalogForeignDataWrapper(
                name: name,
                handler: row["handler"],
                validator: row["validator"],
                options: row.textArray("options"),
                comment: row["comment"]
            )
        }
    }

    private mutating func readForeignServers(_ rows: [QueryResult.Row]) {
        var mappings: [String] = []
        for row in rows {
            let name = row.string("name")
            foreignKeys[row.string("oid")] = .foreignServer(name)
            let users = row.textArray("user_mappings")
            mappings += users.map { "FOR \($0) SERVER \(name)" }
            snapshot.foreignServers[name] = CatalogForeignServer(
                name: name,
                wrapper: row.string("wrapper"),
                type: row["type"],
                version: row["version"],
                options: row.textArray("options"),
                userMappings: users,
                comment: row["comment"]
            )
        }
        if !mappings.isEmpty {
            // Their options hold credentials, which belong to each environment and never to a revision file.
            uncompared["user mappings (they hold credentials)", default: []] += mappings
        }
    }

    private mutating func readForeignTables(_ rows: [QueryResult.Row]) {
        for row in rows {
            guard let schema = schemaNames[row.string("schema_oid")] else { continue }
            let name = ObjectName(schema, row.string("name"))
            relations[row.string("oid")] = Relation(name: name, kind: "f")
            typeKeys[row.string("type_oid")] = .foreignTable(name)
            snapshot.foreignTables[name] = CatalogForeignTable(
                name: name,
                definition: row.string("definition"),
                columnComments: row.textArray("column_comments"),
                comment: row["comment"]
            )
        }
    }

    private mutating func readCasts(_ rows: [QueryResult.Row]) {
        for row in rows {
            let cast = TypeCast(row.string("source"), row.string("target"))
            snapshot.explicitCasts.insert(cast)
            if row.bool("automatic") == true { snapshot.assignmentCasts.insert(cast) }
        }
    }

    private mutating func readDefinedObjects(_ rows: [QueryResult.Row]) {
        for row in rows {
            var relation: ObjectName?
            if let relationOID = row["relation_oid"] {
                // On an excluded table (a version table) or an extension's.
                guard let known = relations[relationOID] else { continue }
                relation = known.name
            }
            guard let object = CatalogDefinedObject(row: row, schemaNames: schemaNames, relation: relation) else {
                continue
            }
            definedKeys[row.string("class") + ":" + row.string("oid")] = .defined(object.id)
            snapshot.definedObjects[object.id] = object
        }
    }

    // MARK: - Dependencies

    private mutating func readDependencies(_ rows: [QueryResult.Row]) {
        var found: Set<CatalogDependency> = []
        for row in rows {
            let sub = row.int("sub") ?? 0
            let objectOID = row.string("object")
            let automatic = row.string("kind") == "a"
            let viaExpression = row.bool("via_expression") ?? false
            guard
                let referenced = key(
                    class: row.string("referenced_class"),
                    object: row.string("referenced"),
                    sub: row.int("referenced_sub") ?? 0
                ),
                var dependent = key(class: row.string("class"), object: objectOID, sub: sub)
            else { continue }
            var link: CatalogDependency.Link = automatic ? .automatic : .reference
            if case .sequence(let sequence) = dependent, automatic {
                // OWNED BY: only the ownership statement needs the column.
                dependent = .sequenceOwnership(sequence)
                link = .reference
            } else if viaExpression {
                let generated = relations[objectOID]?.generatedColumns.contains(sub) ?? false
                link = generated ? .generatedColumn : .columnDefault
            } else if case .column = dependent, case .type = referenced {
                link = .columnType
            } else if case .column = dependent, case .extension = referenced {
                link = .columnType
            }
            guard dependent != referenced else { continue }
            found.insert(CatalogDependency(dependent, on: referenced, link: link))
        }
        snapshot.dependencies = found.sorted()
    }

    /// The diffable object a `pg_depend` address stands for, if it is one.
    private func key(class classOID: String, object: String, sub: Int) -> ObjectKey? {
        switch classOID {
        case CatalogClass.relation:
            if let relation = relations[object] {
                if relation.isTable, sub > 0 {
                    return relation.columns[sub].map { .column(relation.name, $0) }
                }
                return relation.key
            }
            return compositeRelations[object] ?? indexKeys[object]
        case CatalogClass.type: return typeKeys[object]
        case CatalogClass.function: return functionKeys[object]
        case CatalogClass.constraint: return constraintKeys[object]
        case CatalogClass.trigger: return triggerKeys[object]
        case CatalogClass.policy: return policyKeys[object]
        case CatalogClass.namespace: return schemaNames[object].map { .schema($0) }
        case CatalogClass.extension: return extensionKeys[object]
        case CatalogClass.collation: return collationKeys[object]
        case CatalogClass.foreignDataWrapper, CatalogClass.foreignServer: return foreignKeys[object]
        default: return definedKeys[classOID + ":" + object]
        }
    }

    private static func functionKind(_ prokind: String) -> CatalogFunction.Kind {
        switch prokind {
        case "p": .procedure
        case "a": .aggregate
        default: .function
        }
    }

    /// `attstorage`/`typstorage` as `SET STORAGE` spells it.
    private static func storageName(_ letter: String) -> String {
        switch letter {
        case "p": "PLAIN"
        case "e": "EXTERNAL"
        case "m": "MAIN"
        default: "EXTENDED"
        }
    }

    private static func collation(_ row: QueryResult.Row) -> ObjectName? {
        guard let schema = row["collation_schema"], let name = row["collation_name"] else { return nil }
        return ObjectName(schema, name)
    }
}

/// OIDs of the system catalogs `pg_depend.classid` points into; fixed since PostgreSQL 7.
enum CatalogClass {
    static let relation = "1259"
    static let type = "1247"
    static let function = "1255"
    static let constraint = "2606"
    static let trigger = "2620"
    static let policy = "3256"
    static let namespace = "2615"
    static let `extension` = "3079"
    static let collation = "3456"
    static let foreignDataWrapper = "2328"
    static let foreignServer = "1417"
}
