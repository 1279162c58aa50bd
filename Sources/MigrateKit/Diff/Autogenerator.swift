import LocalPostgres

/// What `diff` and `revision --autogenerate` share: turning two schema sources into a plan, with scratch
/// databases on the shadow server and the project's own version tables left out of the comparison.
package struct Autogenerator {
    package let project: ProjectContext
    /// Told what a person should know that does not stop the work (a scratch database left behind).
    package var report: (MigrationEvent) -> Void = { _ in }
    /// Whether owners and privileges are compared: `[autogenerate] privileges`, or `--privileges`.
    package var comparesPrivileges: Bool

    package init(project: ProjectContext, report: @escaping (MigrationEvent) -> Void = { _ in }) {
        self.project = project
        self.report = report
        comparesPrivileges = project.configuration.autogenerate.privileges
    }

    /// The plan from one `diff` side to the other, each written as on the command line: a database URL,
    /// `migrations@REV`, or a path to desired-state SQL (see ``SchemaSource/parse(_:currentDirectory:replayer:)``).
    /// - Parameter renames: `--rename` values (`table.old=new`).
    package func plan(from: String, to: String, renames: [String]) throws -> SchemaChangePlan {
        // Two databases or SQL files compare without a project; `migrations@REV` needs its revisions.
        let usesRevisions = [from, to].contains { $0 == "migrations" || $0.hasPrefix("migrations@") }
        let graph = project.hasProject || usesRevisions ? try project.loadGraph().graph : try RevisionGraph([])
        let replayer = {
            RevisionReplayer(graph: graph, versionTable: project.versionTable, options: try project.migrationOptions())
        }
        let directory = project.currentDirectory
        return try plan(
            from: try SchemaSource.parse(from, currentDirectory: directory, replayer: try replayer()),
            to: try SchemaSource.parse(to, currentDirectory: directory, replayer: try replayer()),
            renames: renames
        )
    }

    /// The plan from the database, which must have no pending revision, to the desired-state SQL
    /// (`[autogenerate] schema`): what `revision --autogenerate` writes.
    /// - Throws: ``MigrateError`` `.pending` when the database is not at head.
    package func planFromDatabase(_ session: DatabaseConnector.Session, graph: RevisionGraph, renames: [String])
        throws -> SchemaChangePlan
    {
        let status = try MigrationStatus.read(
            connection: session.connection,
            graph: graph,
            versionTable: project.versionTable,
            detail: .position
        )
        guard status.pending.isEmpty else {
            throw MigrateError(
                .pending,
                "the database has \(status.pending.count) pending revision(s); autogenerate compares a database "
                    + "at head",
                hint: "run `migrate upgrade head` first"
            )
        }
        return try plan(
            from: .database(try project.connectionString()),
            to: .sqlFiles(project.configuration.schemaPath),
            renames: renames
        )
    }

    /// The plan from one schema to another; the project's version tables are not part of either.
    /// - Parameter renames: `--rename` values (`table.old=new`).
    package func plan(from: SchemaSource, to: SchemaSource, renames: [String]) throws -> SchemaChangePlan {
        var options = SchemaDiffOptions()
        options.renames = try renames.map { rename throws(MigrateError) in try RenameSpec(parsing: rename) }
        options.comparesPrivileges = comparesPrivileges
        var readOptions = CatalogReadOptions(readsPrivileges: comparesPrivileges)
        let table = project.versionTable
        readOptions.excludedTables = ["\(table.schema).\(table.name)", "\(table.schema).\(table.logName)"]
        let loader = SchemaLoader(shadowServer: try shadowServer(), readOptions: readOptions, report: report)
        return try loader.plan(from: from, to: to, options: options)
    }

    /// Where scratch databases go: `shadow_url`, else the server of the configured database (the embedded
    /// cluster is started for it).
    package func shadowServer() throws -> String {
        if let shadow = project.configuration.database.shadowURL {
            return try shadow.resolve(environment: project.environment)
        }
        if case .embedded = project.target {
            let cluster = try DatabaseConnector.embeddedCluster(for: project.target)
            do { try cluster.start() } catch { throw MigrateError(error) }
        }
        return try project.connectionString()
    }
}
