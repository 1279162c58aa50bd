/// Physical settings that change in place: storage parameters (`fillfactor`, `toast.*`...), tablespaces,
/// `REPLICA IDENTITY`, and a column's storage, compression, statistics target and attribute options.
extension ChangePlanner {
    // MARK: - Storage parameters

    /// The `SET (...)` and `RESET (...)` clauses that turn one list of storage parameters into another.
    /// When only values change, one `SET`; otherwise everything is reset and set again, so that the stored
    /// list ends up in the desired order (which `pg_dump` prints).
    static func storageParameterChanges(from old: [String], to new: [String]) -> [String] {
        guard old != new else { return [] }
        func name(_ option: String) -> Substring { option.prefix { $0 != "=" } }
        if old.map(name) == new.map(name) {
            return ["SET (" + zip(old, new).filter { $0 != $1 }.map(\.1).joined(separator: ", ") + ")"]
        }
        var clauses: [String] = []
        if !old.isEmpty { clauses.append("RESET (" + old.map(name).joined(separator: ", ") + ")") }
        if !new.isEmpty { clauses.append("SET (" + new.joined(separator: ", ") + ")") }
        return clauses
    }

    /// ` WITH (...)`, or nothing.
    static func withClause(_ options: [String]) -> String {
        options.isEmpty ? "" : " WITH (" + options.joined(separator: ", ") + ")"
    }

    /// ` TABLESPACE "x"`, or nothing.
    static func tablespaceClause(_ tablespace: String?) -> String {
        tablespace.map { " TABLESPACE " + SQLRenderer.name($0) } ?? ""
    }

    /// `SET TABLESPACE` to the desired tablespace, or back to the database's default, when it changes.
    func tablespaceChange(from old: String?, to new: String?) -> String? {
        guard old != new else { return nil }
        return "SET TABLESPACE " + SQLRenderer.name(new ?? from.defaultTablespace)
    }

    /// Storage parameters and tablespace of a key or exclusion constraint's index, which has the
    /// constraint's name.
    func emitConstraintIndexChanges(_ old: CatalogConstraint, _ new: CatalogConstraint, table: ObjectName) {
        let key = ObjectKey.constraint(table, new.name)
        let alter = "ALTER INDEX " + SQLRenderer.name(ObjectName(table.schema, new.name))
        for clause in Self.storageParameterChanges(from: old.indexOptions, to: new.indexOptions) {
            add(key, .alter, alter + " " + clause)
        }
        if let change = tablespaceChange(from: old.indexTablespace, to: new.indexTablespace) {
            add(key, .alter, alter + " " + change)
        }
    }

    // MARK: - Columns

    /// What follows `ALTER TABLE t ALTER COLUMN c` to give a column its storage, compression (when `ADD
    /// COLUMN` did not), statistics target and attribute options. `old` is `nil` for a new column, whose
    /// compression its definition already states. A type change resets the storage to the new type's, so
    /// `retyped` restates every setting that is not the default.
    static func columnSettingChanges(from old: CatalogColumn?, to new: CatalogColumn, retyped: Bool) -> [String] {
        var clauses: [String] = []
        let restate = retyped || old == nil
        if new.storage != old?.storage || (restate && new.storage != nil) {
            if new.storage != nil || old != nil { clauses.append("SET STORAGE " + (new.storage ?? new.typeStorage)) }
        }
        if let old, new.compression != old.compression || (retyped && new.compression != nil) {
            clauses.append("SET COMPRESSION " + (new.compression ?? "default"))
        }
        if new.statisticsTarget != old?.statisticsTarget {
            if new.statisticsTarget != nil || old != nil {
                clauses.append("SET STATISTICS \(new.statisticsTarget ?? -1)")
            }
        }
        clauses += storageParameterChanges(from: old?.options ?? [], to: new.options)
        return clauses
    }

    // MARK: - Replica identity

    /// `REPLICA IDENTITY DEFAULT`, `FULL` or `NOTHING`; `nil` for `USING INDEX`, which goes with the index.
    static func replicaIdentityClause(_ table: CatalogTable) -> String? {
        switch table.replicaIdentity {
        case "f": "REPLICA IDENTITY FULL"
        case "n": "REPLICA IDENTITY NOTHING"
        case "i": nil
        default: "REPLICA IDENTITY DEFAULT"
        }
    }

    /// `REPLICA IDENTITY USING INDEX` belongs to the step that creates the index (or key constraint), or,
    /// when the index stays, to its change step: either way it runs once the index exists.
    func emitReplicaIdentityIndexes() {
        for (name, table) in to.tables.sorted(by: { $0.key < $1.key }) {
            guard table.replicaIdentity == "i", let indexName = table.replicaIdentityIndex else { continue }
            let indexKey: ObjectKey =
                to.indexes[ObjectName(name.schema, indexName)] != nil
                ? .index(ObjectName(name.schema, indexName)) : .constraint(name, indexName)
            let sql =
                "ALTER TABLE \(SQLRenderer.name(name)) REPLICA IDENTITY USING INDEX \(SQLRenderer.name(indexName))"
            if added.contains(indexKey) || replaced.contains(indexKey) {
                add(indexKey, .create, sql)
            } else if let old = from.tables[name], old.replicaIdentity != "i" || old.replicaIdentityIndex != indexName {
                add(indexKey, .alter, sql)
            }
        }
    }
}
