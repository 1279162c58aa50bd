import LibC
import MigrateTestSupport
import PostgresClient
import SystemProcess
import Testing

/// `kill -9` of `migrate` at random points of a long upgrade never leaves the version table disagreeing with
/// the catalog, and the next run finishes the job.
@Suite struct KillRecoveryTests {
    static let nonTransactional = "k005"

    /// k005's statements, each safe to run again as the README asks, and the object each creates (`nil` for a
    /// pause, which makes room for a kill between statements).
    static let nonTransactionalSteps: [(sql: String, object: String?)] = [
        ("CREATE TABLE IF NOT EXISTS t_k005 (id integer PRIMARY KEY);", "t_k005"),
        ("SELECT pg_sleep(0.1);", nil),
        ("CREATE TABLE IF NOT EXISTS k005_second (id integer);", "k005_second"),
        ("SELECT pg_sleep(0.1);", nil),
        ("CREATE INDEX CONCURRENTLY IF NOT EXISTS k005_index ON t_k004 (id);", "k005_index"),
        ("SELECT pg_sleep(0.1);", nil),
        ("CREATE TABLE IF NOT EXISTS k005_last (id integer);", "k005_last"),
    ]

    /// k001 → … → k100. Each transactional revision takes a little over 20 ms, so kills land all along the run;
    /// k005 runs statement by statement.
    static let revisions: [GeneratedRevision] = GeneratedRevision.chain(100, prefix: "k").map { revision in
        var revision = revision
        if revision.id == nonTransactional {
            revision.isTransactional = false
            revision.up = nonTransactionalSteps.map(\.sql).joined(separator: "\n")
            revision.down =
                "DROP TABLE IF EXISTS k005_last;\nDROP INDEX CONCURRENTLY IF EXISTS k005_index;\n"
                + "DROP TABLE IF EXISTS k005_second;\nDROP TABLE IF EXISTS t_k005;"
        } else {
            revision.up += "SELECT pg_sleep(0.02);\n"
        }
        return revision
    }

    @Test func killedAtRandomPointsTheVersionTableStillMatchesTheCatalog() throws {
        try MigrateProject.with { project in
            try project.write(Self.revisions)
            let seed = UInt64.random(in: 0...UInt64.max)
            var random = SplitMix64(seed: seed)
            let watcher = try project.database.connect()
            defer { watcher.close() }
            var killedInsideNonTransactional = false

            for round in 1...10 {
                let process = try MigrateExecutable.start(
                    ["upgrade", "head"],
                    in: project.directory,
                    database: project.database
                )
                let context = "round \(round), seed \(seed)"
                if !killedInsideNonTransactional, try Self.status(of: Self.nonTransactional, on: watcher) != "applied" {
                    // Once per test for sure: a kill while k005 is part-way.
                    let running = try Self.waitUntil(seconds: 30) {
                        try Self.status(of: Self.nonTransactional, on: watcher) == "running"
                    }
                    #expect(running, "k005 never started (\(context))")
                    usleep(UInt32.random(in: 0..<100_000, using: &random))
                    process.signal(SIGKILL)
                    killedInsideNonTransactional = try Self.status(of: Self.nonTransactional, on: watcher) == "running"
                } else {
                    usleep(UInt32.random(in: 50_000..<700_000, using: &random))
                    process.signal(SIGKILL)
                }
                let output = process.waitForExit()
                #expect(
                    output.status == .signaled(SIGKILL) || output.status == .exited(0),
                    "\(context): \(output.combinedOutput)"
                )
                // The killed client's server session may still be finishing its statement (and commit).
                let ended = try Self.waitUntil(seconds: 30) {
                    try watcher.execute(
                        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> "
                            + "pg_backend_pid()"
                    ).scalar == "0"
                }
                #expect(ended, "the killed run's session did not end (\(context))")
                try Self.expectVersionTableMatchesCatalog(watcher, context)
            }
            #expect(killedInsideNonTransactional, "no kill landed inside k005 (seed \(seed))")

            let final = try project.migrate("upgrade", "head")
            #expect(final.status == .exited(0), "seed \(seed): \(final.combinedOutput)")
            try Self.expectVersionTableMatchesCatalog(watcher, "after the final run, seed \(seed)")
            #expect(try project.current() == ["k100"])
            #expect(try project.versionRows().values.allSatisfy { $0 == "applied" })
            #expect(try project.versionRows().count == 100)
            #expect(try project.migrate("validate").status == .exited(0))
        }
    }

    // MARK: - Checking

    /// Every transactional revision has its row exactly when its table exists; k005's objects are those of
    /// the statements its row says completed (give or take the one in flight); no other table exists; an
    /// applied revision's parent is applied; and every applied revision has exactly one succeeded event.
    static func expectVersionTableMatchesCatalog(_ connection: PostgresConnection, _ context: String) throws {
        var rows: [String: (status: String, done: Int)] = [:]
        for row in try connection.execute("SELECT revision, status, statements_done FROM schema_migrations").rows {
            rows[row.string("revision")] = (row.string("status"), row.int("statements_done") ?? -1)
        }
        let tables = Set(
            try connection.execute(
                "SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' "
                    + "AND relname NOT LIKE 'schema\\_migrations%'"
            ).rows.map { $0.string("relname") }
        )
        let nonTransactionalObjects = Set(nonTransactionalSteps.compactMap(\.object))
        let knownTables = Set(revisions.map { GeneratedRevision.tableName($0.id) }).union(nonTransactionalObjects)
        #expect(tables.isSubset(of: knownTables), "unexpected tables \(tables.subtracting(knownTables)) (\(context))")

        for revision in revisions where revision.id != nonTransactional {
            let table = GeneratedRevision.tableName(revision.id)
            let row = rows[revision.id]
            #expect(row == nil || row?.status == "applied", "\(revision.id) is \(row?.status ?? "") (\(context))")
            #expect(
                (row != nil) == tables.contains(table),
                "\(revision.id): row \(row != nil), table \(tables.contains(table)) (\(context))"
            )
        }

        var existing: Set<String> = []
        for object in nonTransactionalObjects
        where try connection.execute("SELECT to_regclass('\(object)')").scalar != nil {
            existing.insert(object)
        }
        switch rows[nonTransactional] {
        case nil:
            #expect(existing.isEmpty, "k005 has no row but \(existing) exist (\(context))")
        case let row? where row.status == "applied":
            #expect(existing == nonTransactionalObjects, "k005 is applied but only \(existing) exist (\(context))")
        case let row?:
            #expect(row.status == "running", "k005 is \(row.status) (\(context))")
            for (index, step) in nonTransactionalSteps.enumerated() {
                guard let object = step.object else { continue }
                // Statement index + 1 completed if index < done; the one at index == done may have run
                // before the kill without its progress being recorded.
                if index < row.done {
                    #expect(existing.contains(object), "k005 done \(row.done) but \(object) missing (\(context))")
                } else if index > row.done {
                    #expect(!existing.contains(object), "k005 done \(row.done) but \(object) exists (\(context))")
                }
            }
        }

        let applied = Set(rows.filter { $0.value.status == "applied" }.keys)
        for revision in revisions where applied.contains(revision.id) {
            #expect(
                revision.parents.allSatisfy(applied.contains),
                "\(revision.id) applied without its parent (\(context))"
            )
        }
        let succeeded = try connection.execute(
            "SELECT revision, count(*) AS n FROM schema_migrations_log WHERE event = 'upgrade' AND outcome = "
                + "'succeeded' "
                + "GROUP BY revision"
        ).rows
        #expect(Set(succeeded.map { $0.string("revision") }) == applied, "log and table disagree (\(context))")
        #expect(succeeded.allSatisfy { $0.string("n") == "1" }, "a revision was applied twice (\(context))")
    }

    static func status(of revision: String, on connection: PostgresConnection) throws -> String? {
        guard try connection.execute("SELECT to_regclass('schema_migrations')").scalar != nil else { return nil }
        return try connection.execute("SELECT status FROM schema_migrations WHERE revision = '\(revision)'").scalar
    }

    /// Polls `condition` every 5 ms until it holds or the time is up.
    static func waitUntil(seconds: Double, _ condition: () throws -> Bool) throws -> Bool {
        for _ in 0..<Int(seconds * 200) {
            if try condition() { return true }
            usleep(5_000)
        }
        return try condition()
    }
}

/// A small seeded generator, so a failing round can be replayed from the seed in the message.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var value = state
        value = (value ^ (value >> 30)) &* 0xbf58_476d_1ce4_e5b9
        value = (value ^ (value >> 27)) &* 0x94d0_49bb_1331_11eb
        return value ^ (value >> 31)
    }
}
