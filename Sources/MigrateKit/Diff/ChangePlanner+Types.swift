import PostgresClient

extension ChangePlanner {
    // MARK: - Schemas and extensions

    func emitSchemasAndExtensions() {
        for name in Set(from.schemas.keys).union(to.schemas.keys).sorted() {
            let key = ObjectKey.schema(name)
            let target = "SCHEMA " + SQLRenderer.name(name)
            if added.contains(key), let new = to.schemas[name] {
                add(key, .create, "CREATE " + target)
                if let comment = new.comment { add(key, .create, SQLRenderer.comment(on: target, comment)) }
            } else if removed.contains(key) {
                add(key, .drop, "DROP " + target)
            } else if let old = from.schemas[name], let new = to.schemas[name], old.comment != new.comment {
                add(key, .alter, SQLRenderer.comment(on: target, new.comment))
            }
        }
        for name in Set(from.extensions.keys).union(to.extensions.keys).sorted() {
            let key = ObjectKey.extension(name)
            let target = "EXTENSION " + SQLRenderer.name(name)
            if added.contains(key), let new = to.extensions[name] {
                add(key, .create, "CREATE \(target) WITH SCHEMA \(SQLRenderer.name(new.schema))")
                // The extension script sets a comment; restating the desired one keeps both sides equal.
                if let comment = new.comment { add(key, .create, SQLRenderer.comment(on: target, comment)) }
            } else if removed.contains(key) {
                add(key, .drop, "DROP " + target, destructive: "drops extension \(name) and the objects it provides")
            } else if let old = from.extensions[name], let new = to.extensions[name] {
                if old.schema != new.schema {
                    add(key, .alter, "ALTER \(target) SET SCHEMA \(SQLRenderer.name(new.schema))")
                }
                if old.version != new.version {
                    add(key, .alter, "ALTER \(target) UPDATE TO \(SQLRenderer.literal(new.version))")
                }
                if old.comment != new.comment { add(key, .alter, SQLRenderer.comment(on: target, new.comment)) }
            }
        }
    }

    // MARK: - Collations

    func emitCollations() {
        for name in Set(from.collations.keys).union(to.collations.keys).sorted() {
            let key = ObjectKey.collation(name)
            let target = "COLLATION " + SQLRenderer.name(name)
            if dropsExplicitly(key) {
                add(key, .drop, "DROP " + target)
                if let users = collationUsers(key) {
                    // PostgreSQL has no ALTER COLLATION for the definition, and refuses the drop while
                    // columns or domains use the collation.
                    warnings.append(
                        "collation \(name) changes its definition and is used by \(users); the plan drops and "
                            + "re-creates it, which PostgreSQL refuses while it is in use: move those users to "
                            + "another collation in a revision of their own first"
                    )
                }
            }
            if let new = to.collations[name], added.contains(key) || replaced.contains(key) {
                add(key, .create, "CREATE " + target + " " + SQLRenderer.collationDefinition(new))
                if let comment = new.comment { add(key, .create, SQLRenderer.comment(on: target, comment)) }
            } else if let old = from.collations[name], let new = to.collations[name], !isGoing(key),
                old.comment != new.comment
            {
                add(key, .alter, SQLRenderer.comment(on: target, new.comment))
            }
        }
    }

    /// What keeps a re-created collation from being dropped, named for a warning, or `nil`.
    private func collationUsers(_ key: ObjectKey) -> String? {
        guard replaced.contains(key) else { return nil }
        let users = fromGraph.dependents(of: key).map(\.key).filter { toKeys.contains($0) && !isGoing($0) }
        guard !users.isEmpty else { return nil }
        return users.sorted().map(\.description).joined(separator: ", ")
    }

    // MARK: - Enums and domains

    func emitTypes() {
        var names = Set(from.enums.keys).union(to.enums.keys).union(from.domains.keys).union(to.domains.keys)
        names.formUnion(Set(from.compositeTypes.keys).union(to.compositeTypes.keys))
        names.formUnion(Set(from.rangeTypes.keys).union(to.rangeTypes.keys))
        for name in names.sorted() {
            let key = ObjectKey.type(name)
            if added.contains(key) {
                emitCreateType(name, phase: .create)
            } else if removed.contains(key) {
                add(key, .drop, "DROP \(typeKeyword(name, in: from)) \(SQLRenderer.name(name))")
            } else if rebuilt.contains(key) {
                emitRebuild(name)
            } else if let old = from.enums[name], let new = to.enums[name] {
                emitEnumChanges(old, new)
            } else if let old = from.domains[name], let new = to.domains[name] {
                emitDomainChanges(old, new)
            } else {
                emitCompositeOrRangeChanges(name)
            }
        }
    }

    /// `TYPE` for enums, `DOMAIN` for domains, as the snapshot knows the name.
    private func typeKeyword(_ name: ObjectName, in snapshot: CatalogSnapshot) -> String {
        snapshot.domains[name] != nil ? "DOMAIN" : "TYPE"
    }

    private func emitCreateType(_ name: ObjectName, phase: PlanStep.Phase) {
        let key = ObjectKey.type(name)
        let qualified = SQLRenderer.name(name)
        if let new = to.enums[name] {
            let values = new.values.map(SQLRenderer.literal).joined(separator: ", ")
            add(key, phase, "CREATE TYPE \(qualified) AS ENUM (\(values))")
            if let comment = new.comment { add(key, phase, SQLRenderer.comment(on: "TYPE " + qualified, comment)) }
        } else if let new = to.domains[name] {
            var sql = "CREATE DOMAIN \(qualified) AS \(new.baseType)" + SQLRenderer.collate(new.collation)
            if let defaultExpression = new.defaultExpression { sql += " DEFAULT " + defaultExpression }
            if new.notNull { sql += " NOT NULL" }
            let constraints = new.constraints.values.sorted { $0.name < $1.name }
            for constraint in constraints where constraint.isValidated {
                sql += " CONSTRAINT \(SQLRenderer.name(constraint.name)) \(constraint.definition)"
            }
            add(key, phase, sql)
            for constraint in constraints where !constraint.isValidated {
                add(key, phase, addDomainConstraint(name, constraint))
            }
            if let comment = new.comment { add(key, phase, SQLRenderer.comment(on: "DOMAIN " + qualified, comment)) }
            for constraint in constraints {
                if let comment = constraint.comment {
                    add(key, phase, SQLRenderer.comment(on: domainConstraintTarget(name, constraint.name), comment))
                }
            }
        } else {
            emitCreateCompositeOrRangeType(name, phase: phase)
        }
    }

    private func addDomainConstraint(_ domain: ObjectName, _ constraint: DomainConstraint) -> String {
        "ALTER DOMAIN \(SQLRenderer.name(domain)) ADD CONSTRAINT \(SQLRenderer.name(constraint.name)) "
            + constraint.definition + (constraint.isValidated ? "" : " NOT VALID")
    }

    private func domainConstraintTarget(_ domain: ObjectName, _ constraint: String) -> String {
        "CONSTRAINT \(SQLRenderer.name(constraint)) ON DOMAIN \(SQLRenderer.name(domain))"
    }

    /// The name an enum or domain is moved to while it is rebuilt.
    static func oldTypeName(_ name: String) -> String {
        let suffix = "_migrate_old"
        var base = name
        while base.utf8.count + suffix.utf8.count > SQLQuoting.maximumIdentifierBytes { base.removeLast() }
        return base + suffix
    }

    /// Renames the type away, creates the new one, and drops the old one at the end; the columns that use
    /// it are moved over by their own steps (``retyped``).
    private func emitRebuild(_ name: ObjectName) {
        let key = ObjectKey.type(name)
        let oldName = ObjectName(name.schema, Self.oldTypeName(name.name))
        let keyword = typeKeyword(name, in: from)
        var destructive: String?
        if let old = from.enums[name], let new = to.enums[name] {
            let lost = old.values.filter { !new.values.contains($0) }
            if !lost.isEmpty {
                let list = lost.map(SQLRenderer.literal).joined(separator: ", ")
                destructive = "removes value(s) \(list) from enum \(name) (rows that hold them make the migration fail)"
            }
        } else if let old = from.domains[name], let new = to.domains[name] {
            if old.baseType != new.baseType {
                destructive = "changes the base type of domain \(name) from \(old.baseType) to \(new.baseType)"
            }
        } else if from.compositeTypes[name] != nil, to.compositeTypes[name] != nil {
            destructive = "rebuilds composite type \(name) (values of columns that use it are converted through text)"
        } else if from.rangeTypes[name] != nil, to.rangeTypes[name] != nil {
            destructive = "rebuilds range type \(name) (values of columns that use it are converted through text)"
        } else {
            destructive = "turns type \(name) into a different kind of type"
        }
        add(
            key,
            .create,
            "ALTER \(keyword) \(SQLRenderer.name(name)) RENAME TO \(SQLRenderer.name(oldName.name))",
            destructive: destructive
        )
        renameMultirangeAway(name)
        emitCreateType(name, phase: .create)
        add(key, .dropOld, "DROP \(keyword) \(SQLRenderer.name(oldName))")
    }

    private func emitEnumChanges(_ old: CatalogEnum, _ new: CatalogEnum) {
        let key = ObjectKey.type(new.name)
        let qualified = SQLRenderer.name(new.name)
        let existing = Set(old.values)
        for (position, value) in new.values.enumerated() where !existing.contains(value) {
            var sql = "ALTER TYPE \(qualified) ADD VALUE \(SQLRenderer.literal(value))"
            if position > 0 {
                sql += " AFTER " + SQLRenderer.literal(new.values[position - 1])
            } else if let next = new.values.dropFirst().first(where: { existing.contains($0) }) {
                sql += " BEFORE " + SQLRenderer.literal(next)
            }
            add(key, .alter, sql)
        }
        if old.comment != new.comment { add(key, .alter, SQLRenderer.comment(on: "TYPE " + qualified, new.comment)) }
    }

    private func emitDomainChanges(_ old: CatalogDomain, _ new: CatalogDomain) {
        let key = ObjectKey.type(new.name)
        let qualified = SQLRenderer.name(new.name)
        let alter = "ALTER DOMAIN " + qualified
        if old.defaultExpression != new.defaultExpression {
            add(key, .alter, new.defaultExpression.map { "\(alter) SET DEFAULT \($0)" } ?? "\(alter) DROP DEFAULT")
        }
        if old.notNull != new.notNull { add(key, .alter, alter + (new.notNull ? " SET NOT NULL" : " DROP NOT NULL")) }
        for constraintName in Set(old.constraints.keys).union(new.constraints.keys).sorted() {
            let before = old.constraints[constraintName]
            let after = new.constraints[constraintName]
            let target = domainConstraintTarget(new.name, constraintName)
            switch (before, after) {
            case (let before?, let after?):
                if before.definition != after.definition || (before.isValidated && !after.isValidated) {
                    add(key, .alter, "\(alter) DROP CONSTRAINT \(SQLRenderer.name(constraintName))")
                    add(key, .alter, addDomainConstraint(new.name, after))
                    if let comment = after.comment { add(key, .alter, SQLRenderer.comment(on: target, comment)) }
                    continue
                }
                if !before.isValidated && after.isValidated {
                    add(key, .alter, "\(alter) VALIDATE CONSTRAINT \(SQLRenderer.name(constraintName))")
                }
                if before.comment != after.comment { add(key, .alter, SQLRenderer.comment(on: target, after.comment)) }
            case (_?, nil):
                add(key, .alter, "\(alter) DROP CONSTRAINT \(SQLRenderer.name(constraintName))")
            case (nil, let after?):
                add(key, .alter, addDomainConstraint(new.name, after))
                if let comment = after.comment { add(key, .alter, SQLRenderer.comment(on: target, comment)) }
            case (nil, nil):
                break
            }
        }
        if old.comment != new.comment { add(key, .alter, SQLRenderer.comment(on: "DOMAIN " + qualified, new.comment)) }
    }

    // MARK: - Sequences

    func emitSequences() {
        for name in Set(from.sequences.keys).union(to.sequences.keys).sorted() {
            let key = ObjectKey.sequence(name)
            let qualified = SQLRenderer.name(name)
            let old = from.sequences[name]
            let new = to.sequences[name]
            if dropsExplicitly(key) {
                add(
                    key,
                    .drop,
                    "DROP SEQUENCE " + qualified,
                    destructive: "drops sequence \(name) (its current value is lost)"
                )
            }
            if let new, added.contains(key) || replaced.contains(key) {
                let unlogged = new.isUnlogged ? "UNLOGGED " : ""
                add(
                    key,
                    .create,
                    "CREATE \(unlogged)SEQUENCE \(qualified) "
                        + SQLRenderer.sequenceOptions(new.options, includeType: true)
                )
                if let comment = new.comment {
                    add(key, .create, SQLRenderer.comment(on: "SEQUENCE " + qualified, comment))
                }
            } else if let old, let new, !isGoing(key) {
                let changes = SQLRenderer.changedSequenceOptions(from: old.options, to: new.options, prefix: "")
                if let raised = Self.raisedMinimum(old.options, new.options) {
                    // ALTER SEQUENCE refuses a minimum above the current value; move the value up first,
                    // and only if it is below.
                    add(
                        key,
                        .alter,
                        "SELECT setval(\(SQLRenderer.literal(qualified)), \(raised), false) "
                            + "WHERE (SELECT last_value FROM \(qualified)) < \(raised)"
                    )
                }
                if !changes.isEmpty {
                    add(key, .alter, "ALTER SEQUENCE \(qualified) " + changes.joined(separator: " "))
                }
                if old.isUnlogged != new.isUnlogged {
                    add(key, .alter, "ALTER SEQUENCE \(qualified) SET " + (new.isUnlogged ? "UNLOGGED" : "LOGGED"))
                }
                if old.comment != new.comment {
                    add(key, .alter, SQLRenderer.comment(on: "SEQUENCE " + qualified, new.comment))
                }
            }
            emitOwnership(name, old: old?.owner, new: new?.owner)
        }
    }

    /// The new minimum, when it is higher than the old one.
    static func raisedMinimum(_ old: SequenceOptions, _ new: SequenceOptions) -> String? {
        guard let before = Int64(old.minimum), let after = Int64(new.minimum), after > before else { return nil }
        return new.minimum
    }

    private func emitOwnership(_ name: ObjectName, old: ColumnReference?, new: ColumnReference?) {
        let key = ObjectKey.sequenceOwnership(name)
        let alter = "ALTER SEQUENCE \(SQLRenderer.name(name)) OWNED BY "
        func owner(_ column: ColumnReference) -> String {
            SQLRenderer.name(column.table) + "." + SQLRenderer.name(column.column)
        }
        if let new, added.contains(key) || replaced.contains(key) {
            add(key, .create, alter + owner(new))
        } else if removed.contains(key), autoDropped[key] == nil {
            add(key, .drop, alter + "NONE")
        } else if let old, let new, old != new {
            add(key, .alter, alter + owner(new))
        }
    }
}
