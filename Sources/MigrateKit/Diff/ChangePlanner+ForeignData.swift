/// Foreign-data wrappers, servers and foreign tables.
///
/// Wrappers and servers change in place (`ALTER ... OPTIONS (...)`, handler, validator, version); a server
/// whose wrapper or type changes is re-created, and so is a foreign table that changes at all (its rows live
/// elsewhere, so nothing is lost). User mappings are not compared: they hold passwords, which belong to each
/// environment, never to a revision file or a log. Dropping a server that has user mappings drops them with
/// it (`CASCADE`), flagged destructive.
extension ChangePlanner {
    /// Whether a server or foreign table must be dropped and created again.
    func foreignObjectNeedsRecreation(_ key: ObjectKey) -> Bool {
        switch key {
        case .foreignServer(let name):
            guard let old = from.foreignServers[name], let new = to.foreignServers[name] else { return false }
            return old.wrapper != new.wrapper || old.type != new.type
        case .foreignTable(let name):
            guard let old = from.foreignTables[name], let new = to.foreignTables[name] else { return false }
            return old.definition != new.definition || old.columnComments != new.columnComments
        default:
            return false
        }
    }

    func emitForeignData() {
        emitForeignDataWrappers()
        emitForeignServers()
        emitForeignTables()
    }

    /// ` OPTIONS ("name" 'value', ...)`, or nothing.
    static func genericOptions(_ options: [String]) -> String {
        guard !options.isEmpty else { return "" }
        let parts = options.map { option in
            let (name, value) = splitOption(option)
            return SQLRenderer.name(name) + " " + SQLRenderer.literal(value)
        }
        return " OPTIONS (" + parts.joined(separator: ", ") + ")"
    }

    /// ` OPTIONS (SET ..., ADD ..., DROP ...)` that turns one list into the other, keeping the catalog
    /// order (`ADD` appends): when the order cannot be kept, every option is dropped and added again.
    static func genericOptionChanges(from old: [String], to new: [String]) -> String? {
        guard old != new else { return nil }
        let before = old.map(splitOption)
        let after = new.map(splitOption)
        let beforeNames = before.map(\.0)
        let kept = after.map(\.0).filter { beforeNames.contains($0) }
        let keepsOrder =
            kept == beforeNames.filter { name in after.contains { $0.0 == name } }
            && Array(after.map(\.0).prefix(kept.count)) == kept
        var parts: [String] = []
        func addOption(_ option: (String, String)) {
            parts.append("ADD " + SQLRenderer.name(option.0) + " " + SQLRenderer.literal(option.1))
        }
        if keepsOrder {
            for option in before where !after.contains(where: { $0.0 == option.0 }) {
                parts.append("DROP " + SQLRenderer.name(option.0))
            }
            for option in after {
                if let previous = before.first(where: { $0.0 == option.0 }) {
                    if previous.1 != option.1 {
                        parts.append("SET " + SQLRenderer.name(option.0) + " " + SQLRenderer.literal(option.1))
                    }
                } else {
                    addOption(option)
                }
            }
        } else {
            parts = before.map { "DROP " + SQLRenderer.name($0.0) }
            after.forEach(addOption)
        }
        return " OPTIONS (" + parts.joined(separator: ", ") + ")"
    }

    private static func splitOption(_ option: String) -> (String, String) {
        guard let equals = option.firstIndex(of: "=") else { return (option, "") }
        return (String(option[..<equals]), String(option[option.index(after: equals)...]))
    }

    private func emitForeignDataWrappers() {
        for name in Set(from.foreignDataWrappers.keys).union(to.foreignDataWrappers.keys).sorted() {
            let key = ObjectKey.foreignDataWrapper(name)
            let target = "FOREIGN DATA WRAPPER " + SQLRenderer.name(name)
            if dropsExplicitly(key) { add(key, .drop, "DROP " + target) }
            if let new = to.foreignDataWrappers[name], added.contains(key) || replaced.contains(key) {
                var sql = "CREATE " + target
                if let handler = new.handler { sql += " HANDLER " + handler }
                if let validator = new.validator { sql += " VALIDATOR " + validator }
                add(key, .create, sql + Self.genericOptions(new.options))
                if let comment = new.comment { add(key, .create, SQLRenderer.comment(on: target, comment)) }
            } else if let old = from.foreignDataWrappers[name], let new = to.foreignDataWrappers[name], !isGoing(key) {
                if old.handler != new.handler { add(key, .alter, "ALTER \(target) " + handlerClause(new.handler)) }
                if old.validator != new.validator {
                    add(key, .alter, "ALTER \(target) " + (new.validator.map { "VALIDATOR " + $0 } ?? "NO VALIDATOR"))
                }
                if let changes = Self.genericOptionChanges(from: old.options, to: new.options) {
                    add(key, .alter, "ALTER " + target + changes)
                }
                if old.comment != new.comment { add(key, .alter, SQLRenderer.comment(on: target, new.comment)) }
            }
        }
    }

    private func handlerClause(_ handler: String?) -> String {
        handler.map { "HANDLER " + $0 } ?? "NO HANDLER"
    }

    private func emitForeignServers() {
        for name in Set(from.foreignServers.keys).union(to.foreignServers.keys).sorted() {
            let key = ObjectKey.foreignServer(name)
            let target = "SERVER " + SQLRenderer.name(name)
            if dropsExplicitly(key), let old = from.foreignServers[name] {
                if old.userMappings.isEmpty {
                    add(key, .drop, "DROP " + target)
                } else {
                    add(
                        key,
                        .drop,
                        "DROP \(target) CASCADE",
                        destructive: "drops server \(name) with its user mappings for "
                            + old.userMappings.joined(separator: ", ") + " (user mappings are not compared)"
                    )
                }
            }
            if let new = to.foreignServers[name], added.contains(key) || replaced.contains(key) {
                var sql = "CREATE " + target
                if let type = new.type { sql += " TYPE " + SQLRenderer.literal(type) }
                if let version = new.version { sql += " VERSION " + SQLRenderer.literal(version) }
                sql += " FOREIGN DATA WRAPPER " + SQLRenderer.name(new.wrapper)
                add(key, .create, sql + Self.genericOptions(new.options))
                if let comment = new.comment { add(key, .create, SQLRenderer.comment(on: target, comment)) }
            } else if let old = from.foreignServers[name], let new = to.foreignServers[name], !isGoing(key) {
                if old.version != new.version {
                    add(key, .alter, "ALTER \(target) VERSION " + (new.version.map(SQLRenderer.literal) ?? "NULL"))
                }
                if let changes = Self.genericOptionChanges(from: old.options, to: new.options) {
                    add(key, .alter, "ALTER " + target + changes)
                }
                if old.comment != new.comment { add(key, .alter, SQLRenderer.comment(on: target, new.comment)) }
            }
        }
    }

    private func emitForeignTables() {
        for name in Set(from.foreignTables.keys).union(to.foreignTables.keys).sorted() {
            let key = ObjectKey.foreignTable(name)
            let target = "FOREIGN TABLE " + SQLRenderer.name(name)
            if dropsExplicitly(key) { add(key, .drop, "DROP " + target) }
            if let new = to.foreignTables[name], added.contains(key) || replaced.contains(key) {
                add(key, .create, new.definition)
                if let comment = new.comment { add(key, .create, SQLRenderer.comment(on: target, comment)) }
                for statement in new.columnComments { add(key, .create, statement) }
            } else if let old = from.foreignTables[name], let new = to.foreignTables[name], !isGoing(key),
                old.comment != new.comment
            {
                add(key, .alter, SQLRenderer.comment(on: target, new.comment))
            }
        }
    }
}
