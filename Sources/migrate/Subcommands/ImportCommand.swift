import ArgumentParser
import MigrateKit
import PostgresClient

/// `migrate import`: moves the rows of an SQLite or DuckDB file into the migrated tables.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Load the rows of an SQLite or DuckDB file into the database's tables.",
        discussion: """
            Tables and columns are matched by name (exactly, else ignoring case) in --schema; every value is \
            converted for its target column's type. Each table is loaded in one transaction with COPY: all of \
            it or nothing. A run that fails or is interrupted can be run again with the same file: tables it \
            finished are skipped. Progress is kept in <version table>_imports.

            Exit codes: 0 everything loaded and verified; 1 a table failed; 2 the source does not match the \
            target; 4 verification found differences; 130 interrupted.

            Examples:
              migrate import sqlite:///srv/app/app.db --dry-run
              migrate import app.db --exclude audit_log --verify full
              migrate import duckdb:///data/analytics.duckdb --tables events,users --truncate --jobs 2
            """
    )

    @ParentCommand var root: MigrateCommand

    @Argument(help: "sqlite:///abs/path.db, sqlite:relative.db, duckdb:///abs/path.duckdb, or a file path.")
    var source: String

    @Option(help: "Only these source tables (comma-separated).") var tables: String?
    @Option(help: "Leave these source tables out (comma-separated).") var exclude: String?
    @Option(help: "The target schema.") var schema = "public"
    @Option(help: "Tables loaded at once, each on its own connection.") var jobs = 1
    @Flag(help: "Empty target tables that already have rows (default: refuse them).") var truncate = false
    @Flag(help: "After a table fails, carry on with the others (exit 1 at the end).") var keepGoing = false
    @Option(help: "none, counts (row counts; default) or full (every value, read back from PostgreSQL).")
    var verify: String = "counts"
    @Flag(help: "Only verify an earlier import (with --verify full or counts); load nothing.") var verifyOnly = false
    @Option(
        name: .customLong("epoch-unit"),
        help: ArgumentHelp(
            "How numbers in a timestamp column are read: table.column=s|ms|us (default: by magnitude).",
            valueName: "table.column=unit"
        )
    )
    var epochUnits: [String] = []
    @Flag(help: "Print the table and column mapping with each conversion; load nothing.") var dryRun = false
    @Flag(help: "Show what earlier imports of this file recorded.") var status = false
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let context = try CommandContext(root.global)
        let location = try DataSource(parsing: source)
        var options = Importer.Options()
        options.selection = try selection()
        options.verify = try Self.verifyLevel(verify)
        options.truncate = truncate
        options.keepGoing = keepGoing
        options.jobs = max(jobs, 1)

        let session = try context.connect()
        InterruptHandler.watch(session.connection)
        let connectionString = try context.project.connectionString()
        let target = context.target
        let progress = ImportProgressPrinter(json: json)
        let importer = Importer(
            source: location,
            connection: session.connection,
            connect: {
                let connection = try DatabaseConnector.open(connectionString, target: target)
                InterruptHandler.watch(connection)
                return connection
            },
            versionTable: context.versionTable,
            options: options,
            report: progress.print
        )

        if status {
            return try printStatus(importer.status())
        }
        if dryRun {
            return printMapping(try importer.plan())
        }
        defer { progress.finish() }
        let summaries = verifyOnly ? try importer.verifyOnly() : try importer.run()
        progress.finish()
        printSummary(summaries)
    }

    /// The tables to load, where, and how their epoch numbers read, from the options.
    private func selection() throws -> ImportSelection {
        var selection = ImportSelection()
        selection.schema = schema
        selection.tables = Self.list(tables)
        selection.excluded = Self.list(exclude)
        for setting in epochUnits {
            let parts = setting.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, parts[0].contains("."), let unit = TimestampText.EpochUnit(rawValue: parts[1]) else {
                throw MigrateError(.usage, "--epoch-unit \(setting): expected table.column=s, ms or us")
            }
            selection.epochUnits[parts[0]] = unit
        }
        return selection
    }

    /// A comma-separated option (`--tables a, b`) as its names without surrounding spaces; empty when not given.
    /// `export` and `revision --from` read theirs the same way.
    static func list(_ text: String?) -> [String] {
        text.map { $0.split(separator: ",").map { String($0).trimmingSpaces() } } ?? []
    }

    /// `--verify none|counts|full`, shared with `export`.
    static func verifyLevel(_ text: String) throws -> ImportVerifier.Level {
        guard let level = ImportVerifier.Level(rawValue: text) else {
            throw MigrateError(.usage, "--verify \(text): expected none, counts or full")
        }
        return level
    }

    private func printMapping(_ plan: ImportPlan) {
        if json {
            struct Column: Encodable {
                var source: String, target: String, sourceType: String, targetType: String, conversion: String
            }
            struct Table: Encodable {
                var source: String, target: String, rows: Int, key: [String], columns: [Column]
            }
            try? JSONOutput.print(
                plan.tables.map { table in
                    Table(
                        source: table.source.name,
                        target: table.target.name,
                        rows: table.sourceRows,
                        key: table.keyColumns,
                        columns: table.columns.map {
                            Column(
                                source: $0.source.name,
                                target: $0.target.name,
                                sourceType: $0.source.declaredType,
                                targetType: $0.target.typeName,
                                conversion: $0.target.kind.conversionSummary
                            )
                        }
                    )
                }
            )
            return
        }
        for (index, group) in plan.groups.enumerated() {
            for table in group.tables {
                Terminal.output(
                    "\(index + 1). \(table.source.name) -> \(schema).\(table.target.name)  (\(table.sourceRows) rows, "
                        + "key \(table.keyColumns.joined(separator: ", ")))"
                )
                let rows = table.columns.map {
                    [
                        "   " + $0.source.name, $0.source.declaredType.isEmpty ? "(none)" : $0.source.declaredType,
                        "-> " + $0.target.name, $0.target.typeName, $0.target.kind.conversionSummary,
                    ]
                }
                for line in Self.aligned(rows) { Terminal.output(line) }
            }
            if !group.deferredKeys.isEmpty {
                Terminal.output(
                    "   (a foreign-key cycle: loaded in one transaction, constraints "
                        + group.deferredKeys.map(\.key.name).joined(separator: ", ") + " re-added and checked at the end)"
                )
            }
        }
    }

    private func printSummary(_ summaries: [ImportTableSummary]) {
        if json {
            struct Row: Encodable {
                var table: String, rows: Int, seconds: Double, rowsPerSecond: Int, outcome: String
                var verified: String, message: String?
            }
            try? JSONOutput.print(
                summaries.map {
                    Row(
                        table: $0.table,
                        rows: $0.rows,
                        seconds: ($0.seconds * 1000).rounded() / 1000,
                        rowsPerSecond: Int($0.rowsPerSecond),
                        outcome: $0.outcome,
                        verified: $0.verification,
                        message: $0.message
                    )
                }
            )
            return
        }
        var rows = [["table", "rows", "seconds", "rows/s", "outcome", "verified"]]
        for summary in summaries {
            rows.append([
                summary.table, String(summary.rows), Self.fixed(summary.seconds, 2),
                summary.seconds > 0 ? String(Int(summary.rowsPerSecond)) : "-", summary.outcome, summary.verification,
            ])
        }
        for line in Self.aligned(rows) { Terminal.output(line) }
    }

    private func printStatus(_ entries: [ImportLedger.Entry]) throws {
        if json {
            struct Row: Encodable {
                var table: String, rows: Int?, outcome: String, startedAt: String, endedAt: String?
                var checksum: String?, source: String, sourceSHA256: String, message: String?
            }
            try JSONOutput.print(
                entries.map {
                    Row(
                        table: $0.table, rows: $0.rows, outcome: $0.outcome, startedAt: $0.startedAt,
                        endedAt: $0.endedAt, checksum: $0.checksum, source: $0.source, sourceSHA256: $0.sourceSHA256,
                        message: $0.message
                    )
                }
            )
            return
        }
        guard !entries.isEmpty else {
            Terminal.output("no import of this file is recorded")
            return
        }
        var rows = [["table", "rows", "outcome", "started", "ended"]]
        for entry in entries {
            rows.append([entry.table, entry.rows.map(String.init) ?? "-", entry.outcome, entry.startedAt, entry.endedAt ?? "-"])
        }
        for line in Self.aligned(rows) { Terminal.output(line) }
        if let failed = entries.first(where: { $0.message != nil }), let message = failed.message {
            Terminal.output("\(failed.table): \(message)")
        }
    }

    static func aligned(_ rows: [[String]]) -> [String] {
        guard let width = rows.first?.count else { return [] }
        let widths = (0..<width).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { column, text in
                column == width - 1 ? text : text + String(repeating: " ", count: widths[column] - text.count)
            }.joined(separator: "  ")
        }
    }

    static func fixed(_ value: Double, _ digits: Int) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = Int((value * scale).rounded())
        let whole = scaled / Int(scale)
        let fraction = String(scaled % Int(scale))
        return "\(whole)." + String(repeating: "0", count: digits - fraction.count) + fraction
    }
}

extension String {
    fileprivate func trimmingSpaces() -> String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
