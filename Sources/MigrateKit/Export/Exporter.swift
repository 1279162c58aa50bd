import PostgresClient
import SQLiteClient

import LibC

/// `migrate export`: writes the tables of a PostgreSQL schema to a new SQLite file, from one snapshot, in one
/// SQLite transaction, into a temporary file that is renamed into place only once it is complete and checked.
package final class Exporter {
    /// How to export.
    package struct Options: Sendable {
        package var selection = ExportSelection()
        /// Replace an existing file.
        package var force = false
        /// The app's original SQLite file, whose layout and spellings the export takes.
        package var like: String?
        package var verify = ImportVerifier.Level.counts

        package init() {}
    }

    private let target: ExportTarget
    private let connection: PostgresConnection
    private let reservedTables: Set<String>
    private let options: Options
    private let report: (ExportEvent) -> Void

    /// - Parameter versionTable: Its tables (and the import ledger next to it) are never exported.
    package init(
        target: ExportTarget,
        connection: PostgresConnection,
        versionTable: VersionTable,
        options: Options,
        report: @escaping (ExportEvent) -> Void
    ) {
        self.target = target
        self.connection = connection
        self.reservedTables =
            versionTable.schema == options.selection.schema
            ? [versionTable.name, versionTable.logName, ImportLedger(versionTable: versionTable).name] : []
        self.options = options
        self.report = report
    }

    /// Writes the file.
    /// - Returns: One summary per table, in the order written.
    /// - Throws: ``MigrateError``; the target path is then untouched (an existing file stays as it was) and the
    ///   temporary file is removed.
    package func run() throws(MigrateError) -> [ExportTableSummary] {
        try checkTarget()
        let layout = try options.like.map { (path) throws(MigrateError) in try LikeLayout(path: path) }
        do {
            try connection.execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            // The text forms the spellings start from: ISO dates, UTC, shortest exact floats, hex bytea.
            try connection.execute(
                "SET LOCAL TimeZone = 'UTC'; SET LOCAL DateStyle = 'ISO, YMD'; SET LOCAL IntervalStyle = 'postgres'; "
                    + "SET LOCAL extra_float_digits = 1; SET LOCAL bytea_output = 'hex'"
            )
        } catch {
            throw MigrateError(.statementFailed, "starting the read transaction: \(error.message)")
        }
        defer { _ = try? connection.rollback() }
        let plan = try makePlan(layout)
        report(.planned(plan))

        let temporary = target.directory + "/." + target.fileName + ".migrate-export-\(getpid())"
        Self.removeFiles(of: temporary)
        TemporaryExportFiles.add(temporary)
        defer {
            Self.removeFiles(of: temporary)
            TemporaryExportFiles.remove(temporary)
        }
        let summaries = try write(plan, to: temporary)
        try place(temporary)
        return summaries
    }

    // MARK: - Planning

    private func checkTarget() throws(MigrateError) {
        var status = stat()
        if lstat(target.path, &status) == 0 {
            if (status.st_mode & S_IFMT) == S_IFDIR {
                throw MigrateError(.usage, "\(target.path) is a directory; nothing was written")
            }
            if !options.force {
                throw MigrateError(
                    .usage,
                    "\(target.path) exists; nothing was written",
                    hint: "add --force to replace it (the new file takes its place only once it is complete)"
                )
            }
        }
        for suffix in ["-wal", "-journal"] where ExportTarget.exists(target.path + suffix) {
            throw MigrateError(
                .usage,
                "\(target.path)\(suffix) exists: an app may still have the database open, or left that file behind; "
                    + "nothing was written",
                hint: "stop the app (SQLite removes the file when the last connection closes) and run the export again"
            )
        }
        var directory = stat()
        guard stat(target.directory, &directory) == 0, (directory.st_mode & S_IFMT) == S_IFDIR else {
            throw MigrateError(.io, "cannot write \(target.path): the directory \(target.directory) does not exist")
        }
    }

    private func makePlan(_ layout: LikeLayout?) throws(MigrateError) -> ExportPlan {
        let schema = options.selection.schema
        let tables: [String: ExportTable]
        let defaults: [String: [String: String]]
        do {
            tables = try ExportTable.read(schema: schema, reserved: reservedTables, connection: connection)
            defaults = layout == nil ? try ExportTable.readDefaults(schema: schema, connection: connection) : [:]
        } catch {
            throw MigrateError(.statementFailed, "reading the tables of schema \(schema): \(error.message)")
        }
        let selection = options.selection
        for name in selection.tables + selection.excluded {
            let parts = name.split(separator: ".", maxSplits: 1).map(String.init)
            let table = tables[name] ?? (parts.count == 2 ? tables[parts[0]] : nil)
            guard let table, tables[name] != nil || table.table.column(named: parts[1]) != nil else {
                throw MigrateError(
                    .usage,
                    "schema \(schema) has no table or column \(name)",
                    hint: "its tables: \(tables.keys.sorted().joined(separator: ", "))"
                )
            }
        }
        let chosen = tables.values
            .filter {
                (selection.tables.isEmpty || selection.tables.contains($0.name)) && !selection.excludes(table: $0.name)
            }
            .sorted { $0.name < $1.name }
        guard !chosen.isEmpty else {
            throw MigrateError(
                .usage,
                "schema \(schema) has no tables to export",
                hint: "run `migrate upgrade` first, or check --schema"
            )
        }
        if let layout { return try layout.plan(tables: chosen, selection: selection) }
        return ExportPlan.plain(tables: chosen, selection: selection, defaults: defaults)
    }

    // MARK: - Writing

    /// Writes everything into `path` and checks it; the database is closed on return.
    private func write(_ plan: ExportPlan, to path: String) throws(MigrateError) -> [ExportTableSummary] {
        let database: SQLiteDatabase
        do {
            database = try SQLiteDatabase(path: path, mode: .readWriteCreate)
            // No journal and no syncs while loading: a failed export discards the whole file, and the finished
            // file is synced once before it is renamed into place.
            try database.execute(
                "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -65536; "
                    + "PRAGMA foreign_keys = OFF; BEGIN"
            )
        } catch {
            throw MigrateError(.io, "cannot write \(path): \(error.message)")
        }
        var summaries: [ExportTableSummary] = []
        var rowCounts: [Int] = []
        do {
            for sql in plan.createTables { try sqlite(database, sql, "creating the tables") }
            for table in plan.tables {
                let started = monotonicSeconds()
                report(.tableStarted(table: table.name, estimatedRows: table.source.estimatedRows))
                let rows = try copy(table, into: database)
                let seconds = monotonicSeconds() - started
                report(.tableWritten(table: table.name, rows: rows, seconds: seconds))
                rowCounts.append(rows)
                summaries.append(
                    ExportTableSummary(
                        table: table.name,
                        sqliteTable: table.sqliteName,
                        rows: rows,
                        seconds: seconds,
                        verification: "none"
                    )
                )
            }
            for sql in plan.createAfterLoad { try sqlite(database, sql, "creating the indexes, triggers and views") }
            try sqlite(database, "COMMIT", "committing")
        }
        try check(database)
        report(.checked)
        var mismatches: [String] = []
        if options.verify != .none {
            let verifier = ExportVerifier(connection: connection, database: database)
            for (index, table) in plan.tables.enumerated() {
                let mismatch: String?
                do {
                    mismatch = try verifier.verify(table, rows: rowCounts[index], level: options.verify)
                } catch {
                    throw error as? MigrateError ?? MigrateError(.statementFailed, "verifying \(table.name): \(error)")
                }
                report(.verified(table: table.name, level: options.verify, mismatch: mismatch))
                summaries[index].verification = mismatch == nil ? options.verify.rawValue : "MISMATCH"
                if let mismatch { mismatches.append(mismatch) }
            }
        }
        if !mismatches.isEmpty {
            throw MigrateError(
                .validation,
                "verification (\(options.verify.rawValue)) found differences; nothing was written:\n  "
                    + mismatches.joined(separator: "\n  ")
            )
        }
        for pragma in plan.pragmas { try sqlite(database, pragma, "setting \(pragma)") }
        return summaries
    }

    /// Streams one table from PostgreSQL into SQLite.
    private func copy(_ table: ExportPlan.Table, into database: SQLiteDatabase) throws(MigrateError) -> Int {
        let writer: ExportRowWriter
        do {
            writer = ExportRowWriter(
                statement: try database.prepare(table.insertSQL),
                spellings: table.columns.map(\.spelling)
            )
        } catch {
            throw MigrateError(.io, "\(table.sqliteName): \(error.message)")
        }
        var rows = 0
        let estimate = table.source.estimatedRows
        do {
            try connection.copyOut(table.copySQL) { line in
                do {
                    try writer.insert(line: line)
                } catch {
                    throw rowFailure(error, table: table, line: line)
                }
                rows += 1
                if rows & 0xFFFF == 0 { report(.tableProgress(table: table.name, rows: rows, estimatedRows: estimate)) }
            }
        } catch let error as MigrateError {
            throw error
        } catch let error as PostgresError {
            throw MigrateError(
                .statementFailed,
                "reading \(table.name) from PostgreSQL: \(error.message)",
                hint: error.hint
            )
        } catch {
            throw MigrateError(.internal, "\(table.name): \(error)")
        }
        return rows
    }

    /// A failed row, named by table, key, column and value.
    private func rowFailure(_ error: any Error, table: ExportPlan.Table, line: UnsafeRawBufferPointer) -> MigrateError {
        let fields = ImportVerifier.fields(of: line)
        let key =
            table.keyPositions.isEmpty
            ? "row \(Self.cut(fields.map { $0 ?? "NULL" }.joined(separator: ", ")))"
            : "row "
                + table.keyPositions.map { "\(table.columns[$0].name)=\(Self.cut(fields[$0] ?? "NULL"))" }.joined(
                    separator: ", "
                )
        if let failure = error as? ExportRowWriter.ValueFailure {
            let column = table.columns[failure.column]
            return MigrateError(
                .statementFailed,
                "\(table.name), \(key), column \(column.name): the value \(Self.cut(failure.value)) cannot be written "
                    + "as \(column.spelling) (expected \(failure.expected)); nothing was written"
            )
        }
        let message = (error as? SQLiteError)?.message ?? "\(error)"
        return MigrateError(
            .statementFailed,
            "\(table.name), \(key): SQLite refused the row for table \(table.sqliteName): \(message); nothing was written"
        )
    }

    /// `PRAGMA foreign_key_check` and `PRAGMA integrity_check`.
    private func check(_ database: SQLiteDatabase) throws(MigrateError) {
        do {
            let orphans = try database.rows("PRAGMA foreign_key_check")
            if !orphans.isEmpty {
                let shown = orphans.prefix(10).map {
                    "\($0[0] ?? "?") rowid \($0[1] ?? "?") references \($0[2] ?? "?")"
                }
                throw MigrateError(
                    .validation,
                    "PRAGMA foreign_key_check found \(orphans.count) row(s) whose parent is missing; nothing was written:\n  "
                        + shown.joined(separator: "\n  "),
                    hint: "export the referenced tables too (or leave the referencing ones out)"
                )
            }
            let integrity = try database.rows("PRAGMA integrity_check")
            if integrity.map({ $0.first ?? nil }) != ["ok"] {
                throw MigrateError(
                    .validation,
                    "PRAGMA integrity_check failed; nothing was written:\n  "
                        + integrity.prefix(10).map { $0.first.flatMap { $0 } ?? "" }.joined(separator: "\n  ")
                )
            }
        } catch let error as MigrateError {
            throw error
        } catch {
            throw MigrateError(.io, "checking the SQLite file: \(error)")
        }
    }

    /// Syncs the finished file, moves it to the target path (replacing a file there only with `--force`),
    /// and syncs the directory so the new name survives a crash.
    private func place(_ temporary: String) throws(MigrateError) {
        let descriptor = open(temporary, O_RDONLY)
        guard descriptor >= 0, fsync(descriptor) == 0 else {
            if descriptor >= 0 { close(descriptor) }
            throw MigrateError(.io, "cannot sync \(temporary): \(String(cString: strerror(errno)))")
        }
        close(descriptor)
        if options.force {
            guard rename(temporary, target.path) == 0 else {
                throw MigrateError(.io, "cannot move the export to \(target.path): \(String(cString: strerror(errno)))")
            }
        } else {
            // link() refuses an existing name: a file that appeared meanwhile is never replaced.
            guard link(temporary, target.path) == 0 else {
                let reason = errno == EEXIST ? "it appeared during the export" : String(cString: strerror(errno))
                throw MigrateError(.io, "cannot write \(target.path): \(reason); nothing was written")
            }
            unlink(temporary)
        }
        let directory = open(target.directory, O_RDONLY)
        if directory >= 0 {
            fsync(directory)
            close(directory)
        }
    }

    private func sqlite(_ database: SQLiteDatabase, _ sql: String, _ what: String) throws(MigrateError) {
        do {
            try database.execute(sql)
        } catch {
            throw MigrateError(.io, "\(what) in the SQLite file: \(error.message) in: \(Self.cut(sql))")
        }
    }

    private static func removeFiles(of path: String) {
        for suffix in ["", "-journal", "-wal", "-shm"] { unlink(path + suffix) }
    }

    private static func cut(_ text: String) -> String { text.count > 80 ? String(text.prefix(80)) + "…" : text }
}

/// The temporary files of exports in progress, which an interrupted command removes (see ``removeAll()``).
package enum TemporaryExportFiles {
    private static let paths = Locked<Set<String>>([])

    static func add(_ path: String) { _ = paths.withLock { $0.insert(path) } }

    static func remove(_ path: String) { _ = paths.withLock { $0.remove(path) } }

    /// Removes every temporary export file (and SQLite's side files); for the CLI's interrupt handling.
    /// - Returns: The paths removed.
    @discardableResult
    package static func removeAll() -> [String] {
        let all = paths.withLock { paths in
            defer { paths.removeAll() }
            return paths.sorted()
        }
        for path in all {
            for suffix in ["", "-journal", "-wal", "-shm"] { unlink(path + suffix) }
        }
        return all
    }
}
