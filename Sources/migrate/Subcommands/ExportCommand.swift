import ArgumentParser
import MigrateKit
import PostgresClient

/// `migrate export`: writes the database's tables to a new SQLite file.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the database's tables to a new SQLite file (the way back to SQLite).",
        discussion: """
            Reads every table of --schema in one snapshot and writes them, with their keys, foreign keys and \
            indexes, to a temporary file next to TARGET in one SQLite transaction; runs PRAGMA \
            foreign_key_check and integrity_check, verifies, and only then renames the file into place. \
            --like takes the layout of the app's original SQLite file (its own CREATE statements) and writes \
            each value the way that file spelled its column (timestamps, booleans, epoch numbers, uuids). \
            The version tables are never exported.

            Exit codes: 0 written and verified; 1 a value or the database failed; 2 TARGET exists (without \
            --force), or the tables do not fit the --like layout; 4 a check or the verification found \
            differences; 130 interrupted. In every case but 0, nothing is written at TARGET.

            Examples:
              migrate export sqlite:///srv/app/export.db
              migrate export app.db --like /srv/app/phase1.db --force --verify full
              migrate export sqlite:report.db --tables agents,tasks --exclude tasks.context_data
            """
    )

    @ParentCommand var root: MigrateCommand

    @Argument(help: "sqlite:///abs/path.db, sqlite:relative.db, or a path ending in .db, .sqlite or .sqlite3.")
    var target: String

    @Option(help: "Only these tables (comma-separated).") var tables: String?
    @Option(help: "Leave these tables, or table.column columns, out (comma-separated).") var exclude: String?
    @Option(help: "The schema to export.") var schema = "public"
    @Flag(help: "Replace TARGET if it exists (default: refuse).") var force = false
    @Option(help: "The app's original SQLite file: write into its layout, in its spellings.") var like: String?
    @Option(help: "none, counts (row counts; default) or full (every value, read back from the file).")
    var verify: String = "counts"
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let context = try CommandContext(root.global)
        let location = try ExportTarget(parsing: target)
        var options = Exporter.Options()
        options.selection.schema = schema
        options.selection.tables = ImportCommand.list(tables)
        options.selection.excluded = ImportCommand.list(exclude)
        options.verify = try ImportCommand.verifyLevel(verify)
        options.force = force
        if let like {
            let source = try DataSource(parsing: like)
            guard source.kind == .sqlite else {
                throw MigrateError(.usage, "--like \(like): a DuckDB file has no SQLite layout to write into")
            }
            options.like = source.path
        }

        let session = try context.connect()
        InterruptHandler.watch(session.connection)
        let progress = ExportProgressPrinter()
        let exporter = Exporter(
            target: location,
            connection: session.connection,
            versionTable: context.versionTable,
            options: options,
            report: progress.print
        )
        defer { progress.finish() }
        let summaries = try exporter.run()
        progress.finish()
        printSummary(summaries, path: location.path)
    }

    private func printSummary(_ summaries: [ExportTableSummary], path: String) {
        if json {
            struct Table: Encodable {
                var table: String, sqliteTable: String, rows: Int, seconds: Double, rowsPerSecond: Int, verified: String
            }
            struct Summary: Encodable {
                var file: String, tables: [Table]
            }
            try? JSONOutput.print(
                Summary(
                    file: path,
                    tables: summaries.map {
                        Table(
                            table: $0.table,
                            sqliteTable: $0.sqliteTable,
                            rows: $0.rows,
                            seconds: ($0.seconds * 1000).rounded() / 1000,
                            rowsPerSecond: Int($0.rowsPerSecond),
                            verified: $0.verification
                        )
                    }
                )
            )
            return
        }
        var rows = [["table", "rows", "seconds", "rows/s", "verified"]]
        for summary in summaries {
            rows.append([
                summary.table == summary.sqliteTable ? summary.table : "\(summary.table) -> \(summary.sqliteTable)",
                String(summary.rows), ImportCommand.fixed(summary.seconds, 2),
                summary.seconds > 0 ? String(Int(summary.rowsPerSecond)) : "-", summary.verification,
            ])
        }
        for line in ImportCommand.aligned(rows) { Terminal.output(line) }
        Terminal.info("wrote \(path)")
    }
}
