import PostgresClient

/// Which source table goes into which target table, column by column, and in what order: everything
/// `migrate import` decides before the first row moves (and what `--dry-run` prints).
package struct ImportPlan: Sendable {
    /// One source table and the target table it loads.
    package struct TableMapping: Sendable {
        package var source: SourceTable
        package var target: TargetTable
        package var columns: [ColumnMapping]
        /// The source columns that identify a row in messages and verification: the primary key, or `rowid`.
        package var keyColumns: [String]
        package var sourceRows: Int

        /// The columns read from the source: the mapped ones, then key columns not among them (`rowid`).
        var readColumns: [String] {
            columns.map(\.source.name) + keyColumns.filter { key in !columns.contains { $0.source.name == key } }
        }
    }

    /// One source column and the target column it fills.
    package struct ColumnMapping: Sendable {
        package var source: SourceColumn
        package var target: TargetColumn
        var conversion: ValueConversion
    }

    /// Tables loaded in one transaction: one table, or the tables of a foreign-key cycle, whose constraints
    /// between each other are dropped for the load and added back (and so validated) before the commit.
    package struct LoadGroup: Sendable {
        package var tables: [TableMapping]
        /// The foreign keys dropped and re-added: (table, constraint).
        package var deferredKeys: [(table: TargetTable, key: TargetForeignKey)]
    }

    /// In load order: parents before children.
    package var groups: [LoadGroup]

    package var tables: [TableMapping] { groups.flatMap(\.tables) }
}

/// What selects and adjusts the mapping.
package struct ImportSelection: Sendable {
    /// Source tables to import (all when empty).
    package var tables: [String] = []
    /// Source tables to leave out.
    package var excluded: [String] = []
    /// The target schema.
    package var schema = "public"
    /// `table.column` → how its epoch numbers are read.
    package var epochUnits: [String: TimestampText.EpochUnit] = [:]

    package init() {}
}

extension ImportPlan {
    /// Matches the source's tables and columns to the target's.
    /// - Parameter reservedTables: Target tables that are never imported into (the version tables).
    /// - Throws: ``MigrateError`` `.usage` naming every table or column that does not match.
    static func make(
        source: [SourceTable],
        rowCounts: (SourceTable) throws(MigrateError) -> Int,
        target: [String: TargetTable],
        selection: ImportSelection,
        reservedTables: Set<String>
    ) throws(MigrateError) -> ImportPlan {
        let available = source.filter { !reservedTables.contains($0.name) }
        for name in selection.tables + selection.excluded where !available.contains(where: { $0.name == name }) {
            throw MigrateError(
                .usage,
                "the source has no table \(name)",
                hint: "its tables: \(available.map(\.name).joined(separator: ", "))"
            )
        }
        let chosen = available.filter {
            (selection.tables.isEmpty || selection.tables.contains($0.name)) && !selection.excluded.contains($0.name)
        }
        let candidates = target.values.filter { !reservedTables.contains($0.name) }
        var problems: [String] = []
        var mappings: [TableMapping] = []
        for table in chosen {
            guard let targetTable = match(table.name, in: candidates, \.name, problems: &problems, what: "table") else {
                if !problems.last!.contains("ambiguous") {
                    problems[problems.count - 1] =
                        "source table \(table.name) has no table in schema \(selection.schema)"
                }
                continue
            }
            var columns: [ColumnMapping] = []
            for column in table.columns {
                guard
                    let targetColumn = match(
                        column.name,
                        in: targetTable.columns,
                        \.name,
                        problems: &problems,
                        what: "column of \(targetTable.name)"
                    )
                else {
                    if !problems.last!.contains("ambiguous") {
                        problems[problems.count - 1] =
                            "source column \(table.name).\(column.name) has no column in \(targetTable.name)"
                    }
                    continue
                }
                if targetColumn.isGenerated {
                    problems.append("\(targetTable.name).\(targetColumn.name) is a generated column: it cannot be loaded")
                    continue
                }
                var conversion = ValueConversion(kind: targetColumn.kind)
                if let unit = selection.epochUnits["\(table.name).\(column.name)"] { conversion.epochUnit = unit }
                columns.append(ColumnMapping(source: column, target: targetColumn, conversion: conversion))
            }
            for column in targetTable.columns
            where column.notNull && !column.hasDefault && !column.isGenerated
                && !columns.contains(where: { $0.target.name == column.name })
            {
                problems.append(
                    "\(targetTable.name).\(column.name) is NOT NULL without a default, and the source has no such column"
                )
            }
            let keyColumns = table.primaryKey.isEmpty ? ["rowid"] : table.primaryKey
            mappings.append(
                TableMapping(
                    source: table,
                    target: targetTable,
                    columns: columns,
                    keyColumns: keyColumns,
                    sourceRows: try rowCounts(table)
                )
            )
        }
        let targets = mappings.map(\.target.name)
        if Set(targets).count != targets.count {
            problems.append("several source tables map to one target table: \(targets.sorted().joined(separator: ", "))")
        }
        if !problems.isEmpty {
            throw MigrateError(
                .usage,
                "the source does not match the target schema \(selection.schema); nothing was imported:\n  "
                    + problems.joined(separator: "\n  "),
                hint: "run `migrate upgrade` first so the tables exist, or leave tables out with --exclude"
            )
        }
        return ImportPlan(groups: loadOrder(mappings))
    }

    /// The target name for `name`: an exact match, else the one case-insensitive match.
    private static func match<Element>(
        _ name: String,
        in candidates: [Element],
        _ nameOf: (Element) -> String,
        problems: inout [String],
        what: String
    ) -> Element? {
        if let found = NameMatch.find(name, in: candidates, nameOf) { return found }
        let folded = candidates.filter { nameOf($0).lowercased() == name.lowercased() }
        if folded.count > 1 {
            problems.append(
                "\(name) is ambiguous: several \(what)s match it ignoring case (\(folded.map(nameOf).sorted().joined(separator: ", ")))"
            )
        } else {
            problems.append("\(name): no \(what)")
        }
        return nil
    }

    /// Groups the tables by foreign-key cycles (strongly connected components) and orders the groups so that
    /// every table comes after the tables it references.
    static func loadOrder(_ mappings: [TableMapping]) -> [LoadGroup] {
        let byName = Dictionary(uniqueKeysWithValues: mappings.map { ($0.target.name, $0) })
        let names = mappings.map(\.target.name).sorted()
        func parents(_ name: String) -> [String] {
            byName[name]!.target.foreignKeys.map(\.referencedTable).filter { $0 != name && byName[$0] != nil }
        }
        // Tarjan's algorithm emits components children-last when edges point from child to parent: a component
        // comes out after every component it references.
        var index = 0
        var indices: [String: Int] = [:]
        var lowLinks: [String: Int] = [:]
        var stack: [String] = []
        var onStack: Set<String> = []
        var components: [[String]] = []
        func visit(_ name: String) {
            indices[name] = index
            lowLinks[name] = index
            index += 1
            stack.append(name)
            onStack.insert(name)
            for parent in Set(parents(name)).sorted() {
                if indices[parent] == nil {
                    visit(parent)
                    lowLinks[name] = min(lowLinks[name]!, lowLinks[parent]!)
                } else if onStack.contains(parent) {
                    lowLinks[name] = min(lowLinks[name]!, indices[parent]!)
                }
            }
            if lowLinks[name] == indices[name] {
                var component: [String] = []
                while let top = stack.popLast() {
                    onStack.remove(top)
                    component.append(top)
                    if top == name { break }
                }
                components.append(component.sorted())
            }
        }
        for name in names where indices[name] == nil { visit(name) }
        return components.map { component in
            let members = Set(component)
            let tables = component.map { byName[$0]! }
            var deferred: [(table: TargetTable, key: TargetForeignKey)] = []
            if component.count > 1 {
                for table in tables {
                    for key in table.target.foreignKeys where members.contains(key.referencedTable)
                        && key.referencedTable != table.target.name
                    {
                        deferred.append((table.target, key))
                    }
                }
            }
            return LoadGroup(tables: tables, deferredKeys: deferred)
        }
    }
}
