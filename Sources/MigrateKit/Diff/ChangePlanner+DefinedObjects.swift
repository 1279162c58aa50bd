extension ChangePlanner {
    // MARK: - Rules, operators, casts, text search objects...

    /// A changed definition is a drop and a create (``classify()`` put the object in `replaced`, and what
    /// depends on it follows through `pg_depend`); settings and comments change in place.
    func emitDefinedObjects() {
        for id in Set(from.definedObjects.keys).union(to.definedObjects.keys).sorted() {
            let key = ObjectKey.defined(id)
            let old = from.definedObjects[id]
            let new = to.definedObjects[id]
            if dropsExplicitly(key), let old { add(key, .drop, "DROP " + old.target) }
            if let new, added.contains(key) || replaced.contains(key) {
                add(key, .create, new.definition)
                for setting in new.settings.keys.sorted() {
                    for sql in settingStatements(new, setting, from: nil) { add(key, .create, sql) }
                }
                if let comment = new.comment { add(key, .create, SQLRenderer.comment(on: new.target, comment)) }
            } else if let old, let new, !isGoing(key) {
                for setting in Set(old.settings.keys).union(new.settings.keys).sorted()
                where old.settings[setting] != new.settings[setting] {
                    for sql in settingStatements(new, setting, from: old.settings[setting]) { add(key, .alter, sql) }
                }
                if old.comment != new.comment { add(key, .alter, SQLRenderer.comment(on: new.target, new.comment)) }
            }
        }
    }

    /// The statements that take `setting` of `object` from `old` to the object's value (absent: the default).
    private func settingStatements(_ object: CatalogDefinedObject, _ setting: String, from old: String?) -> [String] {
        let new = object.settings[setting]
        let alter = "ALTER " + object.target
        switch object.kind {
        case .operatorFamily:
            // Key `OPERATOR 3 (integer, bigint)`, value the clause that adds the member.
            var statements: [String] = []
            if old != nil { statements.append(alter + " DROP " + setting) }
            if let new { statements.append(alter + " ADD " + new) }
            return statements
        case .textSearchConfiguration:
            // Key a token type, value its dictionaries in order.
            let token = SQLRenderer.name(setting)
            switch (old, new) {
            case (nil, let new?): return [alter + " ADD MAPPING FOR " + token + " WITH " + new]
            case (_?, let new?): return [alter + " ALTER MAPPING FOR " + token + " WITH " + new]
            default: return [alter + " DROP MAPPING FOR " + token]
            }
        case .statistics:
            return [alter + " SET STATISTICS " + (new ?? "-1")]
        case .eventTrigger:
            return [alter + " " + Self.firingState(new)]
        case .rule:
            guard let table = object.relation, let name = object.name else { return [] }
            let state = Self.firingState(new)
            return ["ALTER TABLE " + SQLRenderer.name(table) + " " + state + " RULE " + SQLRenderer.name(name)]
        default:
            return []
        }
    }

    /// `ENABLE`, `DISABLE`, `ENABLE REPLICA` or `ENABLE ALWAYS` for `ev_enabled` / `evtenabled`.
    private static func firingState(_ code: String?) -> String {
        switch code {
        case "D": "DISABLE"
        case "R": "ENABLE REPLICA"
        case "A": "ENABLE ALWAYS"
        default: "ENABLE"
        }
    }

    /// Event triggers fire on the plan's own DDL, so, as pg_dump does, they are dropped before any other
    /// step and created (or changed) after every other one.
    func eventTriggerEdges() -> [(PlanStep.ID, PlanStep.ID)] {
        func isEventTrigger(_ id: PlanStep.ID) -> Bool {
            if case .defined(let defined) = id.key { return defined.kind == .eventTrigger }
            return false
        }
        let triggerSteps = steps.keys.filter(isEventTrigger).sorted()
        guard !triggerSteps.isEmpty else { return [] }
        let others = steps.keys.filter { !isEventTrigger($0) }.sorted()
        var edges: [(PlanStep.ID, PlanStep.ID)] = []
        for trigger in triggerSteps {
            let goesFirst = trigger.phase == .drop || trigger.phase == .detach
            for other in others { edges.append(goesFirst ? (trigger, other) : (other, trigger)) }
        }
        return edges
    }
}

extension CatalogDefinedObject {
    /// How `DROP`, `COMMENT ON` and `ALTER` name the object: `OPERATOR "public".=== (integer, integer)`,
    /// `RULE "r" ON "public"."t"`, `CAST (public.mood AS integer)`.
    package var target: String {
        var text = kind.rawValue + " "
        if let schema { text += SQLRenderer.name(schema) + "." }
        // An operator's name is made of symbols, never quoted.
        if let name { text += kind == .operator ? name : SQLRenderer.name(name) }
        text += signature
        if let relation { text += " ON " + SQLRenderer.name(relation) }
        return text
    }
}
