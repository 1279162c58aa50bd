/// Lines up definitions that mean the same thing but are printed differently (see
/// ``DefinitionCanonicalizer``), so that the planner sees them as equal.
enum DefinitionEquivalence {
    /// `desired` with each definition that the server canonicalises to the same text as the current one's
    /// replaced by the current text. Only definitions that differ as text are sent to the server.
    /// - Parameter current: The current schema with renames already applied, so that keys line up.
    static func harmonise(
        _ desired: CatalogSnapshot,
        toward current: CatalogSnapshot,
        using server: DefinitionCanonicalizer
    ) -> CatalogSnapshot {
        var result = desired
        func same(_ old: String, _ new: String, _ canonical: (String) -> String?) -> Bool {
            guard old != new, let left = canonical(old), let right = canonical(new) else { return false }
            return left == right
        }
        for (name, table) in desired.tables.sorted(by: { $0.key < $1.key }) {
            guard let old = current.tables[name] else { continue }
            for (position, column) in table.columns.enumerated() {
                guard let oldColumn = old.column(column.name) else { continue }
                if let new = column.defaultExpression, let before = oldColumn.defaultExpression,
                    same(before, new, { server.columnDefault($0, table: name, column: column.name) })
                {
                    result.tables[name]!.columns[position].defaultExpression = before
                }
                if let new = column.generatedExpression, let before = oldColumn.generatedExpression,
                    same(before, new, { server.generatedExpression($0, type: column.type, table: name) })
                {
                    result.tables[name]!.columns[position].generatedExpression = before
                }
            }
            for (constraintName, constraint) in table.constraints where constraint.kind != .foreignKey {
                guard let before = old.constraints[constraintName], before.kind == constraint.kind else { continue }
                if same(before.definition, constraint.definition, { server.constraint($0, on: name) }) {
                    result.tables[name]!.constraints[constraintName]!.definition = before.definition
                }
            }
            for (policyName, policy) in table.policies {
                guard let before = old.policies[policyName] else { continue }
                if let new = policy.using, let previous = before.using,
                    same(previous, new, { server.policyExpression($0, table: name) })
                {
                    result.tables[name]!.policies[policyName]!.using = previous
                }
                if let new = policy.withCheck, let previous = before.withCheck,
                    same(previous, new, { server.policyExpression($0, table: name) })
                {
                    result.tables[name]!.policies[policyName]!.withCheck = previous
                }
            }
        }
        for (name, index) in desired.indexes.sorted(by: { $0.key < $1.key }) {
            guard let before = current.indexes[name], before.table == index.table, before.isUnique == index.isUnique
            else { continue }
            if same(before.body, index.body, { server.indexBody($0, unique: index.isUnique, table: index.table) }) {
                result.indexes[name]!.body = before.body
            }
        }
        for (name, trigger) in desired.triggers.sorted(by: { $0.key < $1.key }) where desired.tables[name.table] != nil
        {
            guard let before = current.triggers[name] else { continue }
            if same(before.definition, trigger.definition, { server.trigger($0, table: name.table) }) {
                result.triggers[name]!.definition = before.definition
            }
        }
        for (name, view) in desired.views.sorted(by: { $0.key < $1.key }) {
            guard let before = current.views[name], before.isMaterialized == view.isMaterialized else { continue }
            if same(before.definition, view.definition, { server.viewQuery($0) }) {
                result.views[name]!.definition = before.definition
            }
        }
        for (name, domain) in desired.domains.sorted(by: { $0.key < $1.key }) {
            guard let before = current.domains[name], before.baseType == domain.baseType else { continue }
            if let new = domain.defaultExpression, let previous = before.defaultExpression,
                same(previous, new, { server.domainDefault($0, baseType: domain.baseType) })
            {
                result.domains[name]!.defaultExpression = previous
            }
            for (constraintName, constraint) in domain.constraints {
                guard let previous = before.constraints[constraintName] else { continue }
                if same(
                    previous.definition,
                    constraint.definition,
                    { server.domainConstraint($0, baseType: domain.baseType) }
                ) {
                    result.domains[name]!.constraints[constraintName]!.definition = previous.definition
                }
            }
        }
        return result
    }
}
