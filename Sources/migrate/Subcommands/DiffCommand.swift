import ArgumentParser
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
    @Flag(help: "Compare owners, GRANT/REVOKE and default privileges too ([autogenerate] privileges).")
    var privileges = false

    func run() throws {
        let context = try CommandContext(root.global)
        var autogenerator = Autogenerator(project: context.project, report: EventPrinter.print)
        if privileges { autogenerator.comparesPrivileges = true }
        let plan = try autogenerator.plan(from: from, to: to, renames: rename)
        printWarnings(of: plan)
        Terminal.output(plan.isEmpty ? "-- no differences" : plan.upSQL)
        if down && !plan.isEmpty { Terminal.output("-- down\n" + plan.downSQL) }
    }
}

/// Prints on stderr what a person must look at in a plan from `diff` or `revision --autogenerate`.
func printWarnings(of plan: SchemaChangePlan) {
    for change in plan.destructiveChanges { Terminal.warning("destructive: \(change)") }
    for rename in plan.possibleRenames {
        Terminal.warning("possible rename: \(rename)")
    }
    // The plan's warnings already say when the revision must run outside a transaction.
    for warning in plan.warnings { Terminal.warning(warning) }
}
