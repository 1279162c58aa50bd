/// A rename checked against both schemas: which table or column, called what before and after.
enum ResolvedRename: Hashable, Comparable, Sendable {
    case table(from: ObjectName, to: ObjectName)
    /// A column; its table is named as in each schema (they differ when the table is renamed too).
    case column(fromTable: ObjectName, toTable: ObjectName, from: String, to: String)

    /// The same rename in the other direction, for the down plan.
    var inverted: ResolvedRename {
        switch self {
        case .table(let from, let to): .table(from: to, to: from)
        case .column(let fromTable, let toTable, let from, let to):
            .column(fromTable: toTable, toTable: fromTable, from: to, to: from)
        }
    }

    /// The statement that performs it, addressed by the names before it runs (table renames go first).
    var statement: String {
        switch self {
        case .table(let from, let to):
            "ALTER TABLE \(SQLRenderer.name(from)) RENAME TO \(SQLRenderer.name(to.name))"
        case .column(_, let table, let from, let to):
            "ALTER TABLE \(SQLRenderer.name(table)) RENAME COLUMN \(SQLRenderer.name(from)) TO \(SQLRenderer.name(to))"
        }
    }

    /// Checks the options' renames and the hints in the desired schema's comments against both schemas.
    /// - Throws: ``MigrateError`` `.usage` for a rename that names nothing, is ambiguous, or collides.
    static func resolve(
        _ options: SchemaDiffOptions,
        from: CatalogSnapshot,
        to: CatalogSnapshot
    ) throws(MigrateError) -> [ResolvedRename] {
        var tableRenames: [ObjectName: ObjectName] = [:]
        var columnRenames: [ResolvedRename] = []
        var pendingColumns: [(table: ObjectName, from: String, to: String, spec: String)] = []

        for spec in options.renames {
            let text = spec.description
            let tableCandidate = spec.kind == .column ? nil : tableName(spec.path, in: from)
            let columnCandidate: (ObjectName, String)? =
                spec.kind == .table ? nil : columnPath(spec.path, in: from)
            switch (tableCandidate, columnCandidate) {
            case (let table?, nil):
                tableRenames[table] = try checkedTable(table, newName: spec.newName, from: from, to: to, spec: text)
            case (nil, let column?):
                pendingColumns.append((column.0, column.1, spec.newName, text))
            case (.some, .some):
                throw MigrateError(
                    .usage,
                    "the rename '\(text)' could mean a table or a column",
                    hint: "write table:\(text) or column:\(text)"
                )
            case (nil, nil):
                throw MigrateError(
                    .usage,
                    "the rename '\(text)' names no table or column of the current schema",
                    hint: "name the table or column as it is now, e.g. public.orders.old_column=new_column"
                )
            }
        }

        if options.followsRenameHints {
            for (name, table) in to.tables.sorted(by: { $0.key < $1.key }) {
                guard let old = hint(table.comment) else { continue }
                let oldName = ObjectName(name.schema, old)
                guard from.tables[oldName] != nil, from.tables[name] == nil,
                    tableRenames[oldName] == nil, !tableRenames.values.contains(name)
                else { continue }
                tableRenames[oldName] = name
            }
        }

        for pending in pendingColumns {
            let toTable = tableRenames[pending.table] ?? pending.table
            columnRenames.append(
                try checkedColumn(
                    fromTable: pending.table,
                    toTable: toTable,
                    from: pending.from,
                    to: pending.to,
                    snapshots: (from, to),
                    spec: pending.spec
                )
            )
        }

        if options.followsRenameHints {
            let renamedTo = Dictionary(uniqueKeysWithValues: tableRenames.map { ($0.value, $0.key) })
            for (name, table) in to.tables.sorted(by: { $0.key < $1.key }) {
                let fromName = renamedTo[name] ?? name
                guard let fromTable = from.tables[fromName] else { continue }
                for column in table.columns {
                    guard let old = hint(column.comment), fromTable.column(old) != nil,
                        fromTable.column(column.name) == nil, table.column(old) == nil,
                        !columnRenames.contains(where: { rename in
                            if case .column(let f, _, let o, let n) = rename {
                                return f == fromName && (o == old || n == column.name)
                            }
                            return false
                        })
                    else { continue }
                    columnRenames.append(.column(fromTable: fromName, toTable: name, from: old, to: column.name))
                }
            }
        }

        let tables = tableRenames.map { ResolvedRename.table(from: $0.key, to: $0.value) }
        return tables.sorted() + columnRenames.sorted()
    }

    /// The old name in a rename hint comment (`migrate:renamed-from old_name` on its first line).
    static func hint(_ comment: String?) -> String? {
        guard let comment, comment.hasPrefix(SchemaDiffOptions.renameHintPrefix) else { return nil }
        let firstLine = comment.dropFirst(SchemaDiffOptions.renameHintPrefix.count).prefix { $0 != "\n" }
        let name = firstLine.trimmingCharacters(in: " \t\r")
        return name.isEmpty ? nil : name
    }

    // MARK: - Resolving paths

    private static func tableName(_ path: [String], in snapshot: CatalogSnapshot) -> ObjectName? {
        switch path.count {
        case 2:
            let name = ObjectName(path[0], path[1])
            return snapshot.tables[name] != nil ? name : nil
        case 1: return uniqueTable(named: path[0], in: snapshot)
        default: return nil
        }
    }

    private static func columnPath(_ path: [String], in snapshot: CatalogSnapshot) -> (ObjectName, String)? {
        let table: ObjectName?
        switch path.count {
        case 3: table = ObjectName(path[0], path[1])
        case 2: table = uniqueTable(named: path[0], in: snapshot)
        default: return nil
        }
        guard let table, snapshot.tables[table]?.column(path[path.count - 1]) != nil else { return nil }
        return (table, path[path.count - 1])
    }

    private static func uniqueTable(named name: String, in snapshot: CatalogSnapshot) -> ObjectName? {
        let matches = snapshot.tables.keys.filter { $0.name == name }
        if matches.count == 1 { return matches[0] }
        return matches.first { $0.schema == "public" }
    }

    private static func checkedTable(
        _ table: ObjectName,
        newName: String,
        from: CatalogSnapshot,
        to: CatalogSnapshot,
        spec: String
    ) throws(MigrateError) -> ObjectName {
        let target = ObjectName(table.schema, newName)
        guard to.tables[target] != nil else {
            throw MigrateError(.usage, "the rename '\(spec)' names table \(target), which the desired schema lacks")
        }
        guard from.tables[target] == nil else {
            throw MigrateError(.usage, "the rename '\(spec)' collides with the existing table \(target)")
        }
        return target
    }

    private static func checkedColumn(
        fromTable: ObjectName,
        toTable: ObjectName,
        from old: String,
        to new: String,
        snapshots: (from: CatalogSnapshot, to: CatalogSnapshot),
        spec: String
    ) throws(MigrateError) -> ResolvedRename {
        guard let desired = snapshots.to.tables[toTable], desired.column(new) != nil else {
            throw MigrateError(
                .usage,
                "the rename '\(spec)' names column \(toTable).\(new), which the desired schema lacks"
            )
        }
        guard snapshots.from.tables[fromTable]?.column(new) == nil else {
            throw MigrateError(.usage, "the rename '\(spec)' collides with the existing column \(fromTable).\(new)")
        }
        return .column(fromTable: fromTable, toTable: toTable, from: old, to: new)
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: String) -> String {
        var text = self
        while let first = text.first, set.contains(first) { text.removeFirst() }
        while let last = text.last, set.contains(last) { text.removeLast() }
        return String(text)
    }
}
