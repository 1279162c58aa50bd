import Crypto
import LibC
import PostgresClient

/// `migrate import`: fills the target's tables from an SQLite or DuckDB file, table by table, each all or
/// nothing, recording progress so that a failed or killed run resumes, then verifies what PostgreSQL stored.
package final class Importer {
    /// How to import.
    package struct Options: Sendable {
        package var selection = ImportSelection()
        /// Empty tables that already have rows (instead of refusing).
        package var truncate = false
        /// After a table fails, carry on with the others.
        package var keepGoing = false
        package var verify = ImportVerifier.Level.counts
        /// Tables loaded at once, each on its own connection.
        package var jobs = 1

        package init() {}
    }

    private let source: DataSource
    private let connection: PostgresConnection
    private let connect: @Sendable () throws -> PostgresConnection
    private let ledger: ImportLedger
    private let reservedTables: Set<String>
    private let options: Options
    private let report: @Sendable (ImportEvent) -> Void

    /// - Parameters:
    ///   - connection: The session the import starts on.
    ///   - connect: Opens another session to the same database, for `--jobs` above 1.
    ///   - versionTable: Its tables (and the ledger next to it) are never imported into.
    package init(
        source: DataSource,
        connection: PostgresConnection,
        connect: @escaping @Sendable () throws -> PostgresConnection,
        versionTable: VersionTable,
        options: Options,
        report: @escaping @Sendable (ImportEvent) -> Void
    ) {
        self.source = source
        self.connection = connection
        self.connect = connect
        self.ledger = ImportLedger(versionTable: versionTable)
        self.reservedTables =
            versionTable.schema == options.selection.schema
            ? [versionTable.name, versionTable.logName, ledger.name] : []
        self.options = options
        self.report = report
    }

    // MARK: - Planning

    /// Opens the source and matches it to the target; nothing is written.
    package func plan() throws(MigrateError) -> ImportPlan {
        let reader = try source.openReader()
        defer { reader.close() }
        return try plan(reader)
    }

    private func plan(_ reader: any SourceReader) throws(MigrateError) -> ImportPlan {
        let targets: [String: TargetTable]
        do {
            targets = try TargetTable.read(schema: options.selection.schema, connection: connection)
        } catch {
            throw MigrateError(.statementFailed, "reading the target tables: \(error.message)")
        }
        if targets.isEmpty {
            throw MigrateError(
                .usage,
                "schema \(options.selection.schema) has no tables to import into",
                hint: "run `migrate upgrade head` first (or write the first revision with `migrate revision --from`)"
            )
        }
        return try ImportPlan.make(
            source: try reader.tables(),
            rowCounts: { (table) throws(MigrateError) in try reader.rowCount(of: table) },
            target: targets,
            selection: options.selection,
            reservedTables: reservedTables
        )
    }

    // MARK: - Importing

    /// Imports every planned table not already done by an earlier run with the same file, then verifies.
    /// - Returns: One summary per table, in load order.
    /// - Throws: ``MigrateError``: a mismatch before anything moved, or (without `keepGoing`) the first table
    ///   that failed; tables committed before it stay, recorded as done.
    package func run() throws(MigrateError) -> [ImportTableSummary] {
        let reader = try openReader()
        defer { reader.close() }
        let fingerprint = BackgroundRead { [source] in try Self.sha256(of: source.path) }
        let plan = try plan(reader)
        report(.planned(plan))
        let sha256: String
        do {
            sha256 = try fingerprint.wait()
        } catch {
            throw error as? MigrateError ?? MigrateError(.io, "\(error)")
        }
        let entries: [ImportLedger.Entry]
        do {
            try ledger.create(connection)
            entries = try ledger.entries(connection, sha256: sha256)
        } catch {
            throw MigrateError(.statementFailed, "preparing \(ledger.qualifiedName): \(error.message)")
        }
        // --truncate asks for the tables afresh: nothing is skipped.
        let finished = options.truncate ? [] : entries.filter { $0.outcome == "done" }
        let done = Dictionary(finished.map { ($0.table, $0) }) { first, _ in first }
        let started = Set(entries.map(\.table))

        var summaries: [String: ImportTableSummary] = [:]
        var pending: [ImportPlan.LoadGroup] = []
        for group in plan.groups {
            if group.tables.allSatisfy({ done[$0.target.name] != nil }) {
                for table in group.tables {
                    report(.skipped(table: table.target.name, rows: done[table.target.name]?.rows))
                    summaries[table.target.name] = ImportTableSummary(
                        table: table.target.name,
                        rows: done[table.target.name]?.rows ?? 0,
                        seconds: 0,
                        outcome: "skipped",
                        verification: "none"
                    )
                }
            } else {
                pending.append(group)
            }
        }

        try emptyTargets(of: pending, ownedBy: started)

        let failures = Locked<[MigrateError]>([])
        let results = Locked<[String: ImportTableSummary]>(summaries)
        let shared = SharedReader(reader: reader, serialised: source.kind != .sqlite)
        let work = GroupQueue(pending)
        let options = self.options
        let worker: @Sendable (PostgresConnection) -> Void = { [ledger, report, source] connection in
            let loader = TableLoader(
                connection: connection,
                reader: shared.reader,
                ledger: ledger,
                source: source.description,
                sourceSHA256: sha256,
                readLock: shared.lock,
                report: report
            )
            while let group = work.next() {
                do throws(MigrateError) {
                    let loaded = try loader.load(group)
                    for result in loaded {
                        report(.tableLoaded(result))
                        results.withLock {
                            $0[result.table] = ImportTableSummary(
                                table: result.table,
                                rows: result.rows,
                                seconds: result.seconds,
                                outcome: "loaded",
                                verification: "none"
                            )
                        }
                    }
                    work.finished(group)
                } catch {
                    for table in group.tables {
                        report(.tableFailed(table: table.target.name, error: error))
                        results.withLock {
                            $0[table.target.name] = ImportTableSummary(
                                table: table.target.name,
                                rows: 0,
                                seconds: 0,
                                outcome: "failed",
                                verification: "none",
                                message: error.message
                            )
                        }
                    }
                    failures.withLock { $0.append(error) }
                    work.finished(group)
                    if !options.keepGoing { work.stop() }
                }
            }
        }
        try runWorkers(count: min(max(options.jobs, 1), max(pending.count, 1)), worker)

        var summaryList = plan.tables.compactMap { table in results.withLock { $0[table.target.name] } }
        let failed = failures.withLock { $0 }
        if !failed.isEmpty, !options.keepGoing { throw failed[0] }
        try verify(plan, reader: shared, summaries: &summaryList)
        if !failed.isEmpty {
            throw MigrateError(
                .statementFailed,
                "\(failed.count) of \(plan.groups.count) table load(s) failed:\n  "
                    + failed.map(\.message).joined(separator: "\n  "),
                hint: "fix what each names and run the same import again: finished tables are skipped"
            )
        }
        return summaryList
    }

    /// Verifies every planned table against the source (`--verify-only`), without loading anything.
    package func verifyOnly() throws(MigrateError) -> [ImportTableSummary] {
        let reader = try openReader()
        defer { reader.close() }
        let plan = try plan(reader)
        var summaries = plan.tables.map {
            ImportTableSummary(table: $0.target.name, rows: $0.sourceRows, seconds: 0, outcome: "verified", verification: "none")
        }
        try verify(plan, reader: SharedReader(reader: reader, serialised: false), summaries: &summaries)
        return summaries
    }

    /// The ledger's records for this source file.
    package func status() throws(MigrateError) -> [ImportLedger.Entry] {
        let sha256 = try Self.sha256(of: source.path)
        do {
            return try ledger.entries(connection, sha256: sha256)
        } catch {
            throw MigrateError(.statementFailed, "reading \(ledger.qualifiedName): \(error.message)")
        }
    }

    /// Checks, before any row moves, that every table to load is empty, and empties those that may be: all of
    /// them with `--truncate`, and those an earlier run with this file started. One TRUNCATE for all, so that
    /// tables referencing each other can be emptied together.
    /// - Throws: ``MigrateError`` `.usage` naming every table that has rows and may not be emptied.
    private func emptyTargets(of groups: [ImportPlan.LoadGroup], ownedBy started: Set<String>) throws(MigrateError) {
        var filled: [TargetTable] = []
        do {
            for table in groups.flatMap(\.tables) {
                let query = "SELECT EXISTS (SELECT FROM \(table.target.qualifiedName))"
                if try connection.query(query).scalar == "t" { filled.append(table.target) }
            }
        } catch {
            throw MigrateError(.statementFailed, "checking the target tables: \(error.message)")
        }
        let refused = filled.filter { !options.truncate && !started.contains($0.name) }
        guard refused.isEmpty else {
            throw MigrateError(
                .usage,
                "\(refused.map(\.name).joined(separator: ", ")) already \(refused.count == 1 ? "has" : "have") rows; "
                    + "nothing was imported",
                hint: "add --truncate to empty the tables to import first, or leave them out with --exclude"
            )
        }
        guard !filled.isEmpty else { return }
        // PostgreSQL truncates a referenced table only together with the tables referencing it, rows or not.
        let all = groups.flatMap(\.tables).map(\.target.qualifiedName)
        do {
            try connection.execute("TRUNCATE " + all.joined(separator: ", "))
        } catch {
            throw MigrateError(
                .statementFailed,
                "emptying \(filled.map(\.name).joined(separator: ", ")): \(error.message)",
                hint: error.detail ?? error.hint
            )
        }
        for table in filled { report(.truncated(table: table.name)) }
    }

    private func verify(
        _ plan: ImportPlan,
        reader: SharedReader,
        summaries: inout [ImportTableSummary]
    ) throws(MigrateError) {
        guard options.verify != .none else { return }
        let verifier = ImportVerifier(connection: connection, reader: reader.reader)
        var mismatches: [String] = []
        for table in plan.tables {
            guard let index = summaries.firstIndex(where: { $0.table == table.target.name }),
                summaries[index].outcome != "failed"
            else { continue }
            let started = monotonicSeconds()
            let mismatch: String?
            do {
                mismatch = try verifier.verify(table, level: options.verify)
            } catch {
                throw error as? MigrateError
                    ?? MigrateError(.statementFailed, "verifying \(table.target.name): \(error)")
            }
            report(.verified(table: table.target.name, level: options.verify, mismatch: mismatch))
            summaries[index].verification = mismatch == nil ? options.verify.rawValue : "MISMATCH"
            summaries[index].message = mismatch ?? summaries[index].message
            if summaries[index].outcome == "verified" { summaries[index].seconds = monotonicSeconds() - started }
            if let mismatch { mismatches.append(mismatch) }
        }
        if !mismatches.isEmpty {
            throw MigrateError(
                .validation,
                "verification (\(options.verify.rawValue)) found differences:\n  " + mismatches.joined(separator: "\n  "),
                hint: "run the import again with --truncate for these tables, or look at the rows named"
            )
        }
    }

    private func openReader() throws(MigrateError) -> any SourceReader {
        switch source.kind {
        case .sqlite: try SQLiteSource(path: source.path, concurrentReads: options.jobs > 1)
        case .duckdb: try source.openReader()
        }
    }

    /// Runs `worker` on `count` connections at once: this one, and `count - 1` more opened for it.
    private func runWorkers(count: Int, _ worker: @escaping @Sendable (PostgresConnection) -> Void) throws(MigrateError) {
        var extra: [PostgresConnection] = []
        for _ in 1..<max(count, 1) {
            do {
                extra.append(try connect())
            } catch {
                throw error as? MigrateError ?? MigrateError(.connection, "opening a connection for --jobs: \(error)")
            }
        }
        let threads = extra.map { connection in
            nonisolated(unsafe) let connection = connection
            return BackgroundRead { worker(connection) }
        }
        nonisolated(unsafe) let main = connection
        worker(main)
        for thread in threads { try? thread.wait() }
        for connection in extra { connection.close() }
    }

    /// The SHA-256 of the source file, and of its write-ahead log when it has one.
    static func sha256(of path: String) throws(MigrateError) -> String {
        var hash = SHA256()
        for file in [path, path + "-wal"] {
            let descriptor = open(file, O_RDONLY)
            guard descriptor >= 0 else {
                if file == path { throw MigrateError(.io, "cannot open \(path): \(String(cString: strerror(errno)))") }
                continue
            }
            defer { close(descriptor) }
            var buffer = [UInt8](repeating: 0, count: 1 << 20)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { break }
                hash.update(data: buffer[..<count])
            }
        }
        return hash.finalize().map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }
}

/// The source reader shared by the workers, with a lock when its reads must not overlap.
private final class SharedReader: @unchecked Sendable {
    let reader: any SourceReader
    let lock: Locked<Void>?

    init(reader: any SourceReader, serialised: Bool) {
        self.reader = reader
        self.lock = serialised ? Locked(()) : nil
    }
}

/// The load groups still to do, handed out parents first: a group is ready once every group it references is
/// finished.
private final class GroupQueue: @unchecked Sendable {
    private struct State {
        var waiting: [ImportPlan.LoadGroup]
        var running: Set<String> = []
        var stopped = false
    }

    private let state: Locked<State>

    init(_ groups: [ImportPlan.LoadGroup]) {
        state = Locked(State(waiting: groups))
    }

    /// The next ready group, waiting while only unready ones are left; nil when nothing is left to do.
    func next() -> ImportPlan.LoadGroup? {
        while true {
            let outcome: (ImportPlan.LoadGroup?, Bool) = state.withLock { state in
                if state.stopped || state.waiting.isEmpty { return (nil, true) }
                let blocked = Set(state.waiting.flatMap { $0.tables.map(\.target.name) }).union(state.running)
                guard
                    let index = state.waiting.firstIndex(where: { group in
                        let own = Set(group.tables.map(\.target.name))
                        return group.tables.allSatisfy { table in
                            table.target.foreignKeys.allSatisfy { own.contains($0.referencedTable) || !blocked.contains($0.referencedTable) }
                        }
                    })
                else { return (nil, false) }
                let group = state.waiting.remove(at: index)
                state.running.formUnion(group.tables.map(\.target.name))
                return (group, true)
            }
            if let group = outcome.0 { return group }
            if outcome.1 { return nil }
            usleep(5_000)  // another worker is loading a parent of every waiting group
        }
    }

    func finished(_ group: ImportPlan.LoadGroup) {
        state.withLock { $0.running.subtract(group.tables.map(\.target.name)) }
    }

    func stop() {
        state.withLock { $0.stopped = true }
    }
}
