import ArgumentParser
import LocalPostgres
import MigrateKit

/// `migrate diff FROM TO`: the SQL that turns one schema into another.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Print the SQL that turns schema FROM into schema TO.",
        discussion: """
            Each side is a database URL, `migrations@REV` (this project's revisions replayed up to REV in a \
            scratch database), or desired-state SQL (a file, or a directory of .sql files applied in name order, \
            in a scratch database). Scratch databases live on shadow_url, else on the configured database's \
            server, and are dropped afterwards. Destructive steps and possible renames are listed on stderr.

            Examples:
              migrate diff migrations@head schema/
              migrate diff "$DATABASE_URL" schema/ --down
              migrate diff migrations@ae10 migrations@head --rename users.name=full_name
            """
    )

    @ParentCommand var root: MigrateCommand
    @Argument(help: "The schema to start from.") var from: String
    @Argument(help: "The schema to reach.") var to: String
    @Option(help: "Treat a drop and an add as a rename: table.old=new or schema.table.old=new (repeatable).")
    var rename: [String] = []
    @Flag(help: "Print the down SQL (TO back to FROM) after the up SQL.") var down = false

    func run() throws {
        let context = try CommandContext(root.global)
        let plan = try Autogenerate(context: context).plan(from: from, to: to, renames: rename)
        Terminal.output(plan.isEmpty ? "-- no differences" : plan.upSQL)
        if down && !plan.isEmpty { Terminal.output("-- down\n" + plan.downSQL) }
    }
}

/// What `diff` and `revision --autogenerate` share: sources, shadow server, and reporting the plan.
struct Autogenerate {
    let context: CommandContext

    func plan(from: String, to: String, renames: [String]) throws -> SchemaChangePlan {
        // Two databases or SQL files compare without a project; `migrations@REV` needs its revisions.
        let usesRevisions = [from, to].contains { $0 == "migrations" || $0.hasPrefix("migrations@") }
        let graph = context.hasProject || usesRevisions ? try context.loadGraph() : try RevisionGraph([])
        let currentDirectory = CommandContext.currentDirectory()
        let replayer = {
            RevisionReplayer(graph: graph, versionTable: context.versionTable, options: try context.migrationOptions())
        }
        let fromSource = try SchemaSource.parse(from, currentDirectory: currentDirectory, replayer: try replayer())
        let toSource = try SchemaSource.parse(to, currentDirectory: currentDirectory, replayer: try replayer())
        return try plan(from: fromSource, to: toSource, renames: renames)
    }

    func plan(from: SchemaSource, to: SchemaSource, renames: [String]) throws -> SchemaChangePlan {
        var options = SchemaDiffOptions()
        options.renames = try renames.map { rename throws(MigrateError) in try RenameSpec(parsing: rename) }
        var readOptions = CatalogReadOptions()
        let table = context.versionTable
        readOptions.excludedTables = ["\(table.schema).\(table.name)", "\(table.schema).\(table.logName)"]
        let loader = SchemaLoader(shadowServer: try shadowServer(), readOptions: readOptions)
        let plan = try loader.plan(from: from, to: to, options: options)
        report(plan)
        return plan
    }

    /// Where scratch databases go: `shadow_url`, else the server of the configured database.
    func shadowServer() throws -> String {
        if let shadow = context.configuration.database.shadowURL {
            return try shadow.resolve(environment: context.environment)
        }
        switch context.target {
        case .url(let url, _): return url
        case .libpqEnvironment: return ""
        case .unresolvedURL(_, let failure): throw failure
        case .embedded:
            let cluster = try DatabaseConnector.embeddedCluster(for: context.target)
            do { try cluster.start() } catch { throw MigrateError(.embeddedCluster, error.message, hint: error.hint) }
            return cluster.connectionString
        }
    }

    private func report(_ plan: SchemaChangePlan) {
        for change in plan.destructiveChanges { Terminal.warning("destructive: \(change)") }
        for rename in plan.possibleRenames {
            Terminal.warning("possible rename: \(rename) (confirm with --rename \(rename.renameOption))")
        }
        // The plan's warnings already say when the revision must run outside a transaction.
        for warning in plan.warnings { Terminal.warning(warning) }
    }
}
