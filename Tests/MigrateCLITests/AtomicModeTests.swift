import MigrateTestSupport
import SystemProcess
import Testing

/// `--atomic` and `transaction = "all"`: the whole batch in one transaction.
@Suite struct AtomicModeTests {
    /// a001 and a002 succeed; a003 fails unless `fixed`.
    static func history(fixed: Bool) -> [GeneratedRevision] {
        var revisions = GeneratedRevision.chain(3, prefix: "a")
        if !fixed {
            revisions[2].up = "CREATE TABLE t_a003 (id integer);\nINSERT INTO t_a003 SELECT id FROM no_such_table;"
        }
        return revisions
    }

    static func expectBatchRolledBack(_ output: ProcessOutput, _ project: MigrateProject) throws {
        #expect(output.status == .exited(1), "\(output.combinedOutput)")
        #expect(output.standardError.contains("the whole batch was rolled back (--atomic); no revision was applied"))
        // Done is not applied until the batch commits.
        #expect(output.standardError.contains("  done a001 ("), "\(output.standardError)")
        #expect(output.standardError.contains("), committing with the batch"))
        #expect(!output.standardError.contains("  applied "))
        #expect(output.standardError.contains("ERROR 42P01: relation \"no_such_table\" does not exist"))
        #expect(try project.tables().isEmpty)
        #expect(try project.versionRows().isEmpty)
        #expect(try project.logEvents() == ["upgrade a003 failed"])
    }

    @Test func atomicFlagRollsBackTheWholeBatch() throws {
        try MigrateProject.with { project in
            try project.write(Self.history(fixed: false))
            try Self.expectBatchRolledBack(try project.migrate("upgrade", "--atomic"), project)

            // Per revision (the default), a001 and a002 stay applied.
            #expect(try project.migrate("upgrade").status == .exited(1))
            #expect(try project.tables() == project.expectedTables(["a001", "a002"]))
            #expect(try project.migrate("downgrade", "base").status == .exited(0))

            try project.write(Self.history(fixed: true))
            let fixed = try project.migrate("upgrade", "--atomic")
            #expect(fixed.status == .exited(0), "\(fixed.combinedOutput)")
            #expect(try project.tables() == project.expectedTables(["a001", "a002", "a003"]))
            let details = try project.rows(
                "SELECT DISTINCT detail FROM schema_migrations_log WHERE event = 'upgrade' AND outcome = 'succeeded' "
                    + "AND revision IN ('a001', 'a002', 'a003') AND id > (SELECT max(id) FROM schema_migrations_log "
                    + "WHERE event = 'downgrade')"
            )
            #expect(details == [["atomic batch"]])

            // Downgrades can be atomic too.
            let down = try project.migrate("downgrade", "base", "--atomic")
            #expect(down.status == .exited(0), "\(down.combinedOutput)")
            #expect(try project.tables().isEmpty)
        }
    }

    @Test func transactionAllInConfigurationRollsBackTheWholeBatch() throws {
        try MigrateProject.with { project in
            try project.write(Self.history(fixed: false))
            try project.directory.write("migrate.toml", "[migrations]\ntransaction = \"all\"\n")
            try Self.expectBatchRolledBack(try project.migrate("upgrade", "head"), project)
        }
    }

    @Test func nonTransactionalRevisionIsRefusedInAnAtomicBatch() throws {
        try MigrateProject.with { project in
            var revisions = GeneratedRevision.chain(2, prefix: "a")
            revisions[1].isTransactional = false
            try project.write(revisions)
            let output = try project.migrate("upgrade", "--atomic")
            #expect(output.status == .exited(2), "\(output.combinedOutput)")
            #expect(
                output.standardError.contains(
                    "error: \(project.directory.absolute(revisions[1].relativePath)): revision a002 is marked `"
                        + "-- migrate:transaction false` and cannot run inside the single transaction of --atomic"
                )
            )
            #expect(try project.tables().isEmpty)
        }
    }

    /// A revision's own `SET LOCAL` does not carry over to the next revision of the batch, and each log entry
    /// says when its revision started, although all are written at the end of the batch.
    @Test func eachRevisionOfTheBatchGetsItsOwnTimeoutsAndStartTime() throws {
        try MigrateProject.with { project in
            try project.write([
                GeneratedRevision(
                    "s001",
                    up: "SET LOCAL lock_timeout = '1h';",
                    down: "SELECT 1;"
                ),
                GeneratedRevision(
                    "s002",
                    parents: ["s001"],
                    up: """
                        DO $$ BEGIN
                            IF current_setting('lock_timeout') <> '5s' THEN
                                RAISE EXCEPTION 'lock_timeout is %', current_setting('lock_timeout');
                            END IF;
                        END $$;
                        SELECT pg_sleep(0.3);
                        """,
                    down: "SELECT 1;"
                ),
            ])
            let output = try project.migrate("upgrade", "--atomic")
            #expect(output.status == .exited(0), "\(output.combinedOutput)")
            let gap = try project.scalar(
                """
                SELECT extract(epoch FROM max(started_at) FILTER (WHERE revision = 's002')
                    - max(started_at) FILTER (WHERE revision = 's001'))
                FROM schema_migrations_log
                """
            )
            // s002 started right after the quick s001, not 0.3 s before it (as a start time computed back from
            // the end of the batch would have it).
            let seconds = Double(gap ?? "") ?? -1
            #expect(seconds >= 0 && seconds < 0.25, "\(gap ?? "nil")")
        }
    }
}
