extension ChangePlanner {
    // MARK: - Decisions

    /// A table must be dropped and created again when it changes between ordinary, partitioned and
    /// partition, or its partition key changes: PostgreSQL cannot alter those.
    /// A different set of `INHERITS` parents re-creates the table too: `ALTER TABLE ... INHERIT` leaves the
    /// columns it already had marked as its own, which is not the table `CREATE TABLE ... INHERITS` makes.
    func tableNeedsRecreation(_ old: CatalogTable, _ new: CatalogTable) -> Bool {
        old.partitionKey != new.partitionKey || (old.partition == nil) != (new.partition == nil)
            || old.inherits != new.inherits
    }

    /// Constraints cannot be altered in place, except a foreign key's deferrability and a `NOT VALID`
    /// constraint's validation.
    func constraintNeedsRecreation(_ old: CatalogConstraint, _ new: CatalogConstraint) -> Bool {
        if old.kind != new.kind || old.definition != new.definition { return true }
        if old.isValidated && !new.isValidated { return true }
        let deferrabilityChanged = old.deferrable != new.deferrable || old.initiallyDeferred != new.initiallyDeferred
        return deferrabilityChanged && old.kind != .foreignKey
    }

    // MARK: - Tables

    /// Pairs a dropped and an added constraint (or index) of the same table that differ only in name, so
    /// that they are renamed rather than dropped and re-created: names PostgreSQL generated from an older
    /// table or column name are the usual cause, and re-creating would re-check or re-build for nothing.
    func pairRenamedConstraintsAndIndexes() {
        for (name, table) in to.tables.sorted(by: { $0.key < $1.key }) where !isGoing(.table(name)) {
            guard let old = from.tables[name] else { continue }
            let gone = old.constraints.keys.filter { removed.contains(.constraint(name, $0)) }.sorted()
            var new = table.constraints.keys.filter { added.contains(.constraint(name, $0)) }.sorted()
            for oldName in gone {
                guard
                    let match = new.firstIndex(where: {
                        table.constraints[$0]!.hasSameShape(as: old.constraints[oldName]!)
                    })
                else { continue }
                let newName = new.remove(at: match)
                removed.remove(.constraint(name, oldName))
                added.remove(.constraint(name, newName))
                constraintRenames[.constraint(name, newName)] = oldName
            }
        }
        let goneIndexes = from.indexes.keys.filter { removed.contains(.index($0)) }.sorted()
        var newIndexes = to.indexes.keys.filter { added.contains(.index($0)) }.sorted()
        for oldName in goneIndexes {
            let old = from.indexes[oldName]!
            guard !isGoing(relationKey(old.table)),
                let match = newIndexes.firstIndex(where: {
                    $0.schema == oldName.schema && to.indexes[$0]!.hasSameShape(as: old)
                })
            else { continue }
            let newName = newIndexes.remove(at: match)
            removed.remove(.index(oldName))
            added.remove(.index(newName))
            indexRenames[.index(newName)] = oldName
        }
    }

    func emitTables() {
        for name in Set(from.tables.keys).union(to.tables.keys).sorted() {
            let key = ObjectKey.table(name)
            let old = from.tables[name]
            let new = to.tables[name]
            if dropsExplicitly(key), let old {
                let partitions = from.tables.values.filter { $0.partition?.parent == name }.map(\.name).sorted()
                var what =
                    replaced.contains(key) ? "re-creates table \(name) (its rows are lost)" : "drops table \(name)"
                if !partitions.isEmpty {
                    what += " with its partitions " + partitions.map(\.description).joined(separator: ", ")
                }
                if old.partition != nil, !replaced.contains(key) { what = "drops partition \(name)" }
                if let partition = old.partition, !isGoing(.table(partition.parent)) {
                    // Detached first: foreign keys that reference the partitioned table point at it too.
                    add(
                        key,
                        .drop,
                        "ALTER TABLE \(SQLRenderer.name(partition.parent)) DETACH PARTITION \(SQLRenderer.name(name))"
                    )
                }
                add(key, .drop, "DROP TABLE " + SQLRenderer.name(name), destructive: what)
            }
            if let new, added.contains(key) || replaced.contains(key) {
                emitCreateTable(new)
            } else if let old, let new, !isGoing(key) {
                emitTableChanges(old, new)
                for column in Set(old.columns.map(\.name)).union(new.columns.map(\.name)).sorted() {
                    emitColumn(column, table: name, old: old.column(column), new: new.column(column))
                }
            }
            let constraints = Set((old?.constraints.keys).map(Array.init) ?? []).union(
                (new?.constraints.keys).map(Array.init) ?? []
            )
            for constraint in constraints.sorted() {
                emitConstraint(
                    constraint,
                    table: name,
                    old: old?.constraints[constraint],
                    new: new?.constraints[constraint]
                )
            }
            let policies = Set((old?.policies.keys).map(Array.init) ?? []).union(
                (new?.policies.keys).map(Array.init) ?? []
            )
            for policy in policies.sorted() {
                emitPolicy(policy, table: name, old: old?.policies[policy], new: new?.policies[policy])
            }
        }
    }

    private func emitCreateTable(_ table: CatalogTable) {
        let key = ObjectKey.table(table.name)
        let qualified = SQLRenderer.name(table.name)
        var sql = "CREATE " + (table.isUnlogged ? "UNLOGGED " : "") + "TABLE " + qualified
        if let partition = table.partition {
            sql += " PARTITION OF \(SQLRenderer.name(partition.parent)) \(partition.bound)"
        } else if table.columns.isEmpty {
            sql += " ()"
        } else {
            sql +=
                " (\n" + table.columns.map { "    " + SQLRenderer.columnDefinition($0) }.joined(separator: ",\n")
                + "\n)"
        }
        if !table.inherits.isEmpty {
            sql += " INHERITS (" + table.inherits.map { SQLRenderer.name($0) }.joined(separator: ", ") + ")"
        }
        if let partitionKey = table.partitionKey { sql += " PARTITION BY " + partitionKey }
        sql += Self.withClause(table.options) + Self.tablespaceClause(table.tablespace)
        add(key, .create, sql)
        if table.replicaIdentity != "d", let clause = Self.replicaIdentityClause(table) {
            add(key, .create, "ALTER TABLE \(qualified) \(clause)")
        }
        for column in table.columns {
            let alter = "ALTER TABLE \(qualified) ALTER COLUMN \(SQLRenderer.name(column.name)) "
            for clause in Self.columnSettingChanges(from: nil, to: column, retyped: false) {
                add(key, .create, alter + clause)
            }
        }
        if table.rowSecurity { add(key, .create, "ALTER TABLE \(qualified) ENABLE ROW LEVEL SECURITY") }
        if table.forceRowSecurity { add(key, .create, "ALTER TABLE \(qualified) FORCE ROW LEVEL SECURITY") }
        if let comment = table.comment { add(key, .create, SQLRenderer.comment(on: "TABLE " + qualified, comment)) }
        for column in table.columns {
            if let comment = column.comment {
                add(
                    key,
                    .create,
                    SQLRenderer.comment(on: "COLUMN \(qualified).\(SQLRenderer.name(column.name))", comment)
                )
            }
        }
    }

    private func emitTableChanges(_ old: CatalogTable, _ new: CatalogTable) {
        let key = ObjectKey.table(new.name)
        let qualified = SQLRenderer.name(new.name)
        let alter = "ALTER TABLE " + qualified
        if old.isUnlogged != new.isUnlogged {
            add(key, .alter, alter + (new.isUnlogged ? " SET UNLOGGED" : " SET LOGGED"))
        }
        for clause in Self.storageParameterChanges(from: old.options, to: new.options) {
            add(key, .alter, alter + " " + clause)
        }
        if let change = tablespaceChange(from: old.tablespace, to: new.tablespace) {
            add(key, .alter, alter + " " + change)
        }
        if old.replicaIdentity != new.replicaIdentity, let clause = Self.replicaIdentityClause(new) {
            add(key, .alter, alter + " " + clause)
        }
        if old.rowSecurity != new.rowSecurity {
            add(key, .alter, alter + (new.rowSecurity ? " ENABLE" : " DISABLE") + " ROW LEVEL SECURITY")
        }
        if old.forceRowSecurity != new.forceRowSecurity {
            add(key, .alter, alter + (new.forceRowSecurity ? " FORCE" : " NO FORCE") + " ROW LEVEL SECURITY")
        }
        if let oldPartition = old.partition, let newPartition = new.partition, oldPartition != newPartition {
            add(key, .detach, "ALTER TABLE \(SQLRenderer.name(oldPartition.parent)) DETACH PARTITION \(qualified)")
            add(
                key,
                .alter,
                "ALTER TABLE \(SQLRenderer.name(newPartition.parent)) ATTACH PARTITION \(qualified) \(newPartition.bound)"
            )
        }
        if old.comment != new.comment { add(key, .alter, SQLRenderer.comment(on: "TABLE " + qualified, new.comment)) }
    }

    // MARK: - Columns

    private func emitColumn(_ name: String, table: ObjectName, old: CatalogColumn?, new: CatalogColumn?) {
        let key = ObjectKey.column(table, name)
        let alter = "ALTER TABLE \(SQLRenderer.name(table))"
        let target = "COLUMN \(SQLRenderer.name(table)).\(SQLRenderer.name(name))"
        if dropsExplicitly(key), let old {
            let destructive: String? =
                removed.contains(key)
                ? "drops column \(table).\(name)"
                : old.generatedExpression == nil ? "re-creates column \(table).\(name) (its values are lost)" : nil
            add(key, .drop, "\(alter) DROP COLUMN \(SQLRenderer.name(name))", destructive: destructive)
        }
        if let new, added.contains(key) || replaced.contains(key) {
            add(key, .create, "\(alter) ADD COLUMN " + SQLRenderer.columnDefinition(new))
            for clause in Self.columnSettingChanges(from: nil, to: new, retyped: false) {
                add(key, .create, "\(alter) ALTER COLUMN \(SQLRenderer.name(name)) \(clause)")
            }
            if let comment = new.comment { add(key, .create, SQLRenderer.comment(on: target, comment)) }
            if added.contains(key), new.notNull, new.defaultExpression == nil, new.identity == nil,
                new.generatedExpression == nil
            {
                warnings.append(
                    "column \(table).\(name) is added NOT NULL without a default: this fails if the table has rows"
                )
            }
            return
        }
        guard let old, let new, !isGoing(key) else { return }
        let column = "\(alter) ALTER COLUMN \(SQLRenderer.name(name))"
        let isRetyped = retyped.contains(key)
        let typeChanges = old.type != new.type || old.collation != new.collation || isRetyped
        let resetsDefault =
            defaultReset.contains(key) || old.defaultExpression != new.defaultExpression
            || (typeChanges && old.defaultExpression != nil)
        if resetsDefault, old.defaultExpression != nil { add(key, .detach, column + " DROP DEFAULT") }
        // Dropping the identity drops its sequence, whose name may be wanted by a new sequence.
        if old.identity != nil, new.identity == nil { add(key, .detach, column + " DROP IDENTITY") }
        if typeChanges {
            let change = ColumnTypeChange(from: old, to: new)
            var sql = column + " TYPE " + new.type + SQLRenderer.collate(new.collation)
            if isRetyped {
                sql += " USING \(SQLRenderer.name(name))::text::\(new.type)"
            } else if !change.convertsImplicitly(casts: from.assignmentCasts) {
                sql += " USING " + change.usingExpression(column: SQLRenderer.name(name), casts: from.explicitCasts)
            }
            let narrowing = !isRetyped && old.type != new.type && !change.isWidening
            add(
                key,
                .alter,
                sql,
                destructive: narrowing
                    ? "changes the type of column \(table).\(name) from \(old.type) to \(new.type)" : nil
            )
        }
        if resetsDefault, let defaultExpression = new.defaultExpression {
            add(key, .alter, column + " SET DEFAULT " + defaultExpression)
        }
        if old.notNull != new.notNull { add(key, .alter, column + (new.notNull ? " SET NOT NULL" : " DROP NOT NULL")) }
        emitIdentityChanges(key, column: column, old: old.identity, new: new.identity)
        for clause in Self.columnSettingChanges(from: old, to: new, retyped: typeChanges) {
            add(key, .alter, column + " " + clause)
        }
        if old.comment != new.comment { add(key, .alter, SQLRenderer.comment(on: target, new.comment)) }
    }

    private func emitIdentityChanges(_ key: ObjectKey, column: String, old: ColumnIdentity?, new: ColumnIdentity?) {
        guard let new else { return }
        guard let old else {
            add(
                key,
                .alter,
                column + " ADD GENERATED " + (new.always ? "ALWAYS" : "BY DEFAULT") + " AS IDENTITY (SEQUENCE NAME "
                    + SQLRenderer.name(new.sequenceName) + " "
                    + SQLRenderer.sequenceOptions(new.options, includeType: false) + ")"
            )
            return
        }
        if old.sequenceName != new.sequenceName {
            add(
                key,
                .alter,
                "ALTER SEQUENCE \(SQLRenderer.name(old.sequenceName)) RENAME TO \(SQLRenderer.name(new.sequenceName.name))"
            )
        }
        if old.always != new.always {
            add(key, .alter, column + " SET GENERATED " + (new.always ? "ALWAYS" : "BY DEFAULT"))
        }
        // The sequence's type follows the column's; only the other parameters are stated.
        var oldOptions = old.options
        oldOptions.dataType = new.options.dataType
        let changes = SQLRenderer.changedSequenceOptions(from: oldOptions, to: new.options, prefix: "SET ")
        if !changes.isEmpty { add(key, .alter, column + " " + changes.joined(separator: " ")) }
    }

    // MARK: - Constraints

    private func emitConstraint(_ name: String, table: ObjectName, old: CatalogConstraint?, new: CatalogConstraint?) {
        let key = ObjectKey.constraint(table, name)
        let alter = "ALTER TABLE \(SQLRenderer.name(table))"
        let target = "CONSTRAINT \(SQLRenderer.name(name)) ON \(SQLRenderer.name(table))"
        if let renamedFrom = constraintRenames[key] {
            add(
                key,
                .rename,
                "\(alter) RENAME CONSTRAINT \(SQLRenderer.name(renamedFrom)) TO \(SQLRenderer.name(name))"
            )
            if let new, from.tables[table]?.constraints[renamedFrom]?.comment != new.comment {
                add(key, .alter, SQLRenderer.comment(on: target, new.comment))
            }
            return
        }
        if dropsExplicitly(key) { add(key, .drop, "\(alter) DROP CONSTRAINT \(SQLRenderer.name(name))") }
        if let new, added.contains(key) || replaced.contains(key) {
            add(key, .create, "\(alter) ADD CONSTRAINT \(SQLRenderer.name(name)) \(new.fullDefinition)")
            if let comment = new.comment { add(key, .create, SQLRenderer.comment(on: target, comment)) }
            return
        }
        guard let old, let new, !isGoing(key) else { return }
        if old.deferrable != new.deferrable || old.initiallyDeferred != new.initiallyDeferred {
            let deferral =
                (new.deferrable ? "DEFERRABLE" : "NOT DEFERRABLE")
                + (new.initiallyDeferred ? " INITIALLY DEFERRED" : " INITIALLY IMMEDIATE")
            add(key, .alter, "\(alter) ALTER CONSTRAINT \(SQLRenderer.name(name)) \(deferral)")
        }
        if !old.isValidated, new.isValidated {
            add(key, .alter, "\(alter) VALIDATE CONSTRAINT \(SQLRenderer.name(name))")
        }
        emitConstraintIndexChanges(old, new, table: table)
        if old.comment != new.comment { add(key, .alter, SQLRenderer.comment(on: target, new.comment)) }
    }

    // MARK: - Policies

    private func emitPolicy(_ name: String, table: ObjectName, old: CatalogPolicy?, new: CatalogPolicy?) {
        let key = ObjectKey.policy(table, name)
        let target = "POLICY \(SQLRenderer.name(name)) ON \(SQLRenderer.name(table))"
        if dropsExplicitly(key) { add(key, .drop, "DROP " + target) }
        if let new, added.contains(key) || replaced.contains(key) {
            var sql = "CREATE " + target
            if !new.permissive { sql += " AS RESTRICTIVE" }
            sql += " FOR " + new.command + " TO " + new.roles.map(SQLRenderer.role).joined(separator: ", ")
            if let using = new.using { sql += " USING (\(using))" }
            if let check = new.withCheck { sql += " WITH CHECK (\(check))" }
            add(key, .create, sql)
            if let comment = new.comment { add(key, .create, SQLRenderer.comment(on: target, comment)) }
        } else if let old, let new, !isGoing(key), old.comment != new.comment {
            add(key, .alter, SQLRenderer.comment(on: target, new.comment))
        }
    }
}
