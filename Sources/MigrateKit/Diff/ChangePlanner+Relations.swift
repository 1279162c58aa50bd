extension ChangePlanner {
    // MARK: - Decisions

    /// `CREATE OR REPLACE VIEW` may only append columns; anything else, and any change to a materialized
    /// view, means dropping and creating the view (and what depends on it).
    func viewNeedsRecreation(_ old: CatalogView, _ new: CatalogView) -> Bool {
        if old.isMaterialized != new.isMaterialized { return true }
        // A materialized view's storage parameters change in place.
        if old.definition == new.definition && (old.options == new.options || old.isMaterialized) { return false }
        if old.isMaterialized { return true }
        guard old.columns.count <= new.columns.count else { return true }
        return zip(old.columns, new.columns).contains { $0.name != $1.name || $0.type != $1.type }
    }

    /// `CREATE OR REPLACE FUNCTION` cannot change the kind, the result type, argument names, or remove
    /// argument defaults.
    func functionNeedsRecreation(_ old: CatalogFunction, _ new: CatalogFunction) -> Bool {
        if old.kind != new.kind || old.result != new.result { return true }
        if old.identityArguments != new.identityArguments { return true }
        return old.arguments != new.arguments && old.arguments.contains(" DEFAULT ")
    }

    // MARK: - Indexes

    func emitIndexes() {
        for name in Set(from.indexes.keys).union(to.indexes.keys).sorted() {
            let key = ObjectKey.index(name)
            let qualified = SQLRenderer.name(name)
            if let oldName = indexRenames[key] {
                add(key, .rename, "ALTER INDEX \(SQLRenderer.name(oldName)) RENAME TO \(SQLRenderer.name(name.name))")
                if let new = to.indexes[name], let old = from.indexes[oldName] {
                    emitIndexChanges(old, new)
                }
                continue
            }
            if dropsExplicitly(key) { add(key, .drop, "DROP INDEX " + qualified) }
            if let new = to.indexes[name], added.contains(key) || replaced.contains(key) {
                var sql = "CREATE " + (new.isUnique ? "UNIQUE " : "") + "INDEX " + SQLRenderer.name(name.name)
                sql += " ON " + SQLRenderer.name(new.table) + new.body
                sql += Self.withClause(new.options) + Self.tablespaceClause(new.tablespace)
                if let predicate = new.predicate { sql += " WHERE " + predicate }
                add(key, .create, sql)
                if let comment = new.comment {
                    add(key, .create, SQLRenderer.comment(on: "INDEX " + qualified, comment))
                }
            } else if let old = from.indexes[name], let new = to.indexes[name], !isGoing(key) {
                emitIndexChanges(old, new)
            }
        }
    }

    /// Storage parameters, tablespace and comment of an index that stays.
    private func emitIndexChanges(_ old: CatalogIndex, _ new: CatalogIndex) {
        let key = ObjectKey.index(new.name)
        let alter = "ALTER INDEX " + SQLRenderer.name(new.name)
        for clause in Self.storageParameterChanges(from: old.options, to: new.options) {
            add(key, .alter, alter + " " + clause)
        }
        if let change = tablespaceChange(from: old.tablespace, to: new.tablespace) {
            add(key, .alter, alter + " " + change)
        }
        if old.comment != new.comment {
            add(key, .alter, SQLRenderer.comment(on: "INDEX " + SQLRenderer.name(new.name), new.comment))
        }
    }

    // MARK: - Views

    func emitViews() {
        for name in Set(from.views.keys).union(to.views.keys).sorted() {
            let key = ObjectKey.view(name)
            let old = from.views[name]
            let new = to.views[name]
            if dropsExplicitly(key), let old {
                add(key, .drop, "DROP \(old.isMaterialized ? "MATERIALIZED VIEW" : "VIEW") \(SQLRenderer.name(name))")
            }
            if let new, added.contains(key) || replaced.contains(key) {
                add(key, .create, viewDefinition(new, orReplace: false))
                emitViewComments(new, old: nil, phase: .create)
            } else if let old, let new, !isGoing(key) {
                if new.isMaterialized {
                    let alter = "ALTER MATERIALIZED VIEW " + SQLRenderer.name(name)
                    for clause in Self.storageParameterChanges(from: old.options, to: new.options) {
                        add(key, .alter, alter + " " + clause)
                    }
                    if let change = tablespaceChange(from: old.tablespace, to: new.tablespace) {
                        add(key, .alter, alter + " " + change)
                    }
                } else if old.definition != new.definition || old.options != new.options {
                    add(key, .alter, viewDefinition(new, orReplace: true))
                }
                emitViewComments(new, old: old, phase: .alter)
            }
        }
    }

    private func viewDefinition(_ view: CatalogView, orReplace: Bool) -> String {
        var sql = "CREATE " + (orReplace ? "OR REPLACE " : "") + (view.isMaterialized ? "MATERIALIZED " : "")
        sql += "VIEW " + SQLRenderer.name(view.name)
        sql += Self.withClause(view.options) + Self.tablespaceClause(view.isMaterialized ? view.tablespace : nil)
        return sql + " AS\n" + view.definition
    }

    private func emitViewComments(_ view: CatalogView, old: CatalogView?, phase: PlanStep.Phase) {
        let key = ObjectKey.view(view.name)
        let qualified = SQLRenderer.name(view.name)
        let kind = view.isMaterialized ? "MATERIALIZED VIEW " : "VIEW "
        if view.comment != old?.comment { add(key, phase, SQLRenderer.comment(on: kind + qualified, view.comment)) }
        let oldComments = Dictionary(
            (old?.columns ?? []).map { ($0.name, $0.comment) },
            uniquingKeysWith: { first, _ in first }
        )
        for column in view.columns where column.comment != oldComments[column.name] ?? nil {
            add(
                key,
                phase,
                SQLRenderer.comment(on: "COLUMN \(qualified).\(SQLRenderer.name(column.name))", column.comment)
            )
        }
    }

    // MARK: - Functions

    func emitFunctions() {
        for identity in Set(from.functions.keys).union(to.functions.keys).sorted() {
            let key = ObjectKey.function(identity)
            let old = from.functions[identity]
            let new = to.functions[identity]
            if dropsExplicitly(key), let old {
                add(key, .drop, "DROP \(old.kind.rawValue) \(SQLRenderer.signature(identity, of: old.kind))")
            }
            if let new, added.contains(key) || replaced.contains(key) {
                add(key, .create, new.definition)
                if let comment = new.comment { add(key, .create, functionComment(new, comment)) }
            } else if let old, let new, !isGoing(key) {
                if old.definition != new.definition { add(key, .alter, new.definition) }
                if old.comment != new.comment { add(key, .alter, functionComment(new, new.comment)) }
            }
        }
    }

    private func functionComment(_ function: CatalogFunction, _ comment: String?) -> String {
        SQLRenderer.comment(
            on: function.kind.rawValue + " " + SQLRenderer.signature(function.identity, of: function.kind),
            comment
        )
    }

    // MARK: - Triggers

    func emitTriggers() {
        for member in Set(from.triggers.keys).union(to.triggers.keys).sorted() {
            let key = ObjectKey.trigger(member.table, member.name)
            let target = "TRIGGER \(SQLRenderer.name(member.name)) ON \(SQLRenderer.name(member.table))"
            let state = "ALTER TABLE \(SQLRenderer.name(member.table)) "
            if dropsExplicitly(key) { add(key, .drop, "DROP " + target) }
            if let new = to.triggers[member], added.contains(key) || replaced.contains(key) {
                add(key, .create, new.definition)
                if new.enabled != "O" {
                    add(
                        key,
                        .create,
                        state + SQLRenderer.triggerState(new.enabled) + " " + SQLRenderer.name(member.name)
                    )
                }
                if let comment = new.comment { add(key, .create, SQLRenderer.comment(on: target, comment)) }
            } else if let old = from.triggers[member], let new = to.triggers[member], !isGoing(key) {
                if old.enabled != new.enabled {
                    add(
                        key,
                        .alter,
                        state + SQLRenderer.triggerState(new.enabled) + " " + SQLRenderer.name(member.name)
                    )
                }
                if old.comment != new.comment { add(key, .alter, SQLRenderer.comment(on: target, new.comment)) }
            }
        }
    }
}
