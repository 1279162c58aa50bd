extension CatalogSnapshot {
    /// The snapshot as it will read once the renames have run: names changed everywhere they appear, and
    /// deparsed definitions of the table's indexes, constraints, triggers and policies rewritten the way
    /// the server would print them. View and function bodies are left alone (a changed view is re-created).
    func applying(_ renames: [ResolvedRename]) -> CatalogSnapshot {
        var snapshot = self
        for rename in renames {
            switch rename {
            case .table(let from, let to): snapshot.renameTable(from, to: to)
            case .column(_, let table, let from, let to): snapshot.renameColumn(from, to: to, in: table)
            }
        }
        snapshot.privileges = privileges?.applying(renames)
        return snapshot
    }

    /// Renames, in this (current) snapshot, each sequence that `desired` has under another name but owned
    /// by the same column with the same parameters: a serial column's sequence after its table or column was
    /// renamed. Returns the renames, by new key, for the plan to perform.
    mutating func pairingOwnedSequences(with desired: CatalogSnapshot) -> [ObjectKey: ObjectName] {
        var renamed: [ObjectKey: ObjectName] = [:]
        var candidates = desired.sequences.values.filter { sequences[$0.name] == nil && $0.owner != nil }
            .sorted { $0.name < $1.name }
        for (oldName, old) in sequences.sorted(by: { $0.key < $1.key }) where desired.sequences[oldName] == nil {
            guard old.owner != nil,
                let match = candidates.firstIndex(where: {
                    $0.name.schema == oldName.schema && $0.owner == old.owner && $0.options == old.options
                        && $0.isUnlogged == old.isUnlogged
                })
            else { continue }
            let newName = candidates.remove(at: match).name
            renameSequence(oldName, to: newName)
            renamed[.sequence(newName)] = oldName
        }
        return renamed
    }

    private mutating func renameSequence(_ old: ObjectName, to new: ObjectName) {
        guard var sequence = sequences.removeValue(forKey: old) else { return }
        sequence.name = new
        sequences[new] = sequence
        let oldReference = "'\(DeparsedName.printed(old))'::regclass"
        let newReference = "'\(DeparsedName.printed(new))'::regclass"
        for (tableName, table) in tables {
            for (position, column) in table.columns.enumerated() {
                if let expression = column.defaultExpression, expression.contains(oldReference) {
                    tables[tableName]!.columns[position].defaultExpression = expression.replacingFirst(
                        oldReference,
                        with: newReference
                    )
                }
            }
        }
        func swap(_ key: ObjectKey) -> ObjectKey {
            switch key {
            case .sequence(old): .sequence(new)
            case .sequenceOwnership(old): .sequenceOwnership(new)
            default: key
            }
        }
        dependencies = dependencies.map {
            CatalogDependency(swap($0.dependent), on: swap($0.referenced), link: $0.link)
        }
        .sorted()
    }

    private mutating func renameTable(_ old: ObjectName, to new: ObjectName) {
        guard var table = tables.removeValue(forKey: old) else { return }
        table.name = new
        tables[new] = table
        let oldPrinted = DeparsedName.printed(old)
        let newPrinted = DeparsedName.printed(new)
        for name in tables.keys {
            for (constraintName, constraint) in tables[name]!.constraints where constraint.referencedTable == old {
                var changed = constraint
                changed.referencedTable = new
                changed.definition = changed.definition.replacingFirst(
                    " REFERENCES \(oldPrinted)(",
                    with: " REFERENCES \(newPrinted)("
                )
                tables[name]!.constraints[constraintName] = changed
            }
            for (policyName, _) in tables[name]!.policies where name == new {
                tables[name]!.policies[policyName]!.table = new
            }
            if tables[name]!.partition?.parent == old { tables[name]!.partition!.parent = new }
            tables[name]!.inherits = tables[name]!.inherits.map { $0 == old ? new : $0 }
        }
        for (name, index) in indexes where index.table == old { indexes[name]!.table = new }
        for (name, trigger) in triggers where trigger.table == old {
            var changed = trigger
            changed.table = new
            changed.definition = changed.definition.replacingFirst(" ON \(oldPrinted) ", with: " ON \(newPrinted) ")
            triggers[name] = nil
            triggers[MemberName(new, name.name)] = changed
        }
        for (name, sequence) in sequences where sequence.owner?.table == old {
            sequences[name]!.owner!.table = new
        }
        // A rule is dropped by its table's name, which is the new one once the rename has run.
        for (id, object) in definedObjects where object.relation == old { definedObjects[id]!.relation = new }
        dependencies = dependencies.map { dependency in
            CatalogDependency(
                dependency.dependent.renamingTable(old, to: new),
                on: dependency.referenced.renamingTable(old, to: new),
                link: dependency.link
            )
        }.sorted()
    }

    private mutating func renameColumn(_ old: String, to new: String, in tableName: ObjectName) {
        guard var table = tables[tableName], let position = table.columns.firstIndex(where: { $0.name == old })
        else { return }
        func rewrite(_ text: String) -> String { DeparsedName.replacingIdentifier(old, with: new, in: text) }
        table.columns[position].name = new
        for index in table.columns.indices {
            table.columns[index].generatedExpression = table.columns[index].generatedExpression.map(rewrite)
        }
        for (name, constraint) in table.constraints {
            var changed = constraint
            changed.columns = changed.columns.map { $0 == old ? new : $0 }
            changed.definition = Self.rewritingLocalPart(of: changed, with: rewrite)
            table.constraints[name] = changed
        }
        for (name, policy) in table.policies {
            table.policies[name]!.using = policy.using.map(rewrite)
            table.policies[name]!.withCheck = policy.withCheck.map(rewrite)
        }
        tables[tableName] = table
        for name in tables.keys {
            for (constraintName, constraint) in tables[name]!.constraints
            where constraint.kind == .foreignKey && constraint.referencedTable == tableName {
                tables[name]!.constraints[constraintName]!.definition = Self.rewritingReferencedPart(
                    of: tables[name]!.constraints[constraintName]!,
                    with: rewrite
                )
            }
        }
        for (name, index) in indexes where index.table == tableName {
            indexes[name]!.body = rewrite(index.body)
        }
        for (name, trigger) in triggers where trigger.table == tableName {
            triggers[name]!.definition = rewrite(trigger.definition)
        }
        for (name, sequence) in sequences where sequence.owner == ColumnReference(table: tableName, column: old) {
            sequences[name]!.owner!.column = new
        }
        let oldKey = ObjectKey.column(tableName, old)
        let newKey = ObjectKey.column(tableName, new)
        dependencies = dependencies.map { dependency in
            CatalogDependency(
                dependency.dependent == oldKey ? newKey : dependency.dependent,
                on: dependency.referenced == oldKey ? newKey : dependency.referenced,
                link: dependency.link
            )
        }.sorted()
    }

    /// A constraint's definition with the part about its own table rewritten (for a foreign key, the part
    /// before `REFERENCES`).
    private static func rewritingLocalPart(of constraint: CatalogConstraint, with rewrite: (String) -> String)
        -> String
    {
        guard constraint.kind == .foreignKey, let split = constraint.definition.firstRange(of: " REFERENCES ") else {
            return rewrite(constraint.definition)
        }
        return rewrite(String(constraint.definition[..<split.lowerBound]))
            + String(constraint.definition[split.lowerBound...])
    }

    /// A foreign key's definition with the referenced columns rewritten.
    private static func rewritingReferencedPart(of constraint: CatalogConstraint, with rewrite: (String) -> String)
        -> String
    {
        guard let split = constraint.definition.firstRange(of: " REFERENCES ") else { return constraint.definition }
        let tail = constraint.definition[split.upperBound...]
        guard let open = tail.firstIndex(of: "("), let close = tail.firstIndex(of: ")") else {
            return constraint.definition
        }
        return String(constraint.definition[..<open]) + rewrite(String(tail[open...close]))
            + String(tail[tail.index(after: close)...])
    }
}

extension ObjectKey {
    func renamingTable(_ old: ObjectName, to new: ObjectName) -> ObjectKey {
        func swap(_ name: ObjectName) -> ObjectName { name == old ? new : name }
        switch self {
        case .table(let name): return .table(swap(name))
        case .column(let table, let column): return .column(swap(table), column)
        case .constraint(let table, let name): return .constraint(swap(table), name)
        case .trigger(let table, let name): return .trigger(swap(table), name)
        case .policy(let table, let name): return .policy(swap(table), name)
        default: return self
        }
    }
}

extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = firstRange(of: target) else { return self }
        return self[..<range.lowerBound] + replacement + self[range.upperBound...]
    }
}
