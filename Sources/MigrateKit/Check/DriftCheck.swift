/// `migrate check --drift`: the applied revisions replayed into a shadow database, compared with the live schema.
package struct DriftCheck {
    /// Where the shadow database is made (any database on that server).
    package var shadowServer: String
    package var graph: RevisionGraph
    package var versionTable: VersionTable
    package var options: MigrationOptions
    /// Whether owners and privileges are compared too (`[autogenerate] privileges`).
    package var comparesPrivileges = false

    package init(shadowServer: String, graph: RevisionGraph, versionTable: VersionTable, options: MigrationOptions) {
        self.shadowServer = shadowServer
        self.graph = graph
        self.versionTable = versionTable
        self.options = options
    }

    /// The statements that turn the live schema at `liveConnectionString` back into the one the revisions up to
    /// `currentHeads` make; empty when they agree. The version tables are left out of the comparison.
    /// - Throws: ``MigrateError`` when nothing is applied, the heads cannot be replayed, or a database fails.
    package func differences(liveConnectionString: String, currentHeads: [String]) throws -> [PlannedStatement] {
        let target: String
        if currentHeads.count == 1 {
            target = currentHeads[0]
        } else if !currentHeads.isEmpty && Set(currentHeads) == Set(graph.heads.map(\.id)) {
            target = "heads"
        } else {
            throw MigrateError(
                .usage,
                currentHeads.isEmpty
                    ? "--drift compares the live schema with the applied revisions, and none is applied"
                    : "--drift replays the applied revisions, and the database is at several revisions that are "
                        + "not all heads (\(currentHeads.joined(separator: ", ")))",
                hint: "run `migrate upgrade head` first"
            )
        }
        var readOptions = CatalogReadOptions(readsPrivileges: comparesPrivileges)
        readOptions.excludedTables = [
            "\(versionTable.schema).\(versionTable.name)", "\(versionTable.schema).\(versionTable.logName)",
        ]
        let loader = SchemaLoader(shadowServer: shadowServer, readOptions: readOptions)
        let replayer = RevisionReplayer(graph: graph, versionTable: versionTable, options: options)
        let plan = try loader.plan(
            from: .database(liveConnectionString),
            to: .migrations(revision: target, replayer: replayer),
            options: SchemaDiffOptions(comparesPrivileges: comparesPrivileges)
        )
        return plan.up
    }
}
