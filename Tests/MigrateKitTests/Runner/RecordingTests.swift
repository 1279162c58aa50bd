import MigrateKit
import MigrateTestSupport
import Testing

/// Every run mode must write the same rows: an atomic batch records all its revisions in two statements at its
/// end; a run of several revisions in a transaction each, and a run of one revision, each revision's row in
/// its own transaction.
@Suite struct RecordingTests {
    /// Text that array literals and SQL quoting must carry unchanged, in the message and the down SQL.
    static let awkward = #"it's "quoted", {braced}, NULL, \backslash\ and élève"#

    static let revisions = [
        GeneratedRevision(
            "r001",
            message: awkward,
            branchLabels: ["core"],
            down: "DROP TABLE t_r001; -- \(awkward)\n"
        ),
        GeneratedRevision("r002", parents: ["r001"], dependsOn: ["r003"]),
        GeneratedRevision("r003", parents: ["r001"], branchLabels: ["side", "extra"]),
        GeneratedRevision.merge("r004", parents: ["r002", "r003"]),
        GeneratedRevision("r005", parents: ["r004"]),
    ]

    /// Every column but the times, in the order the revisions were applied.
    static let rowsQuery = """
        SELECT revision, parents::text, depends_on::text, branch_labels::text, message, file_name, checksum, down_sql,
        transactional::text, status, statements_done::text, failure, applied_by, client_host, tool_version,
        (execution_ms >= 0)::text
        FROM schema_migrations ORDER BY applied_at, revision
        """

    static let logQuery = """
        SELECT event, revision, outcome, performed_by, client_host, tool_version, (duration_ms >= 0)::text,
        (started_at <= clock_timestamp())::text
        FROM schema_migrations_log WHERE event = 'upgrade' ORDER BY id
        """

    @Test func batchedPackedAndSingleRecordingsWriteTheSameRows() throws {
        try RunnerFixture.with(Self.revisions) { fixture in
            let host: (inout MigrationOptions) -> Void = { $0.clientHost = "deploy-7" }
            // One revision a run: values written into the statements.
            for revision in try fixture.migrator().graph.revisions {
                let applied = try fixture.migrator(host).upgrade(to: .revision(revision.id, offset: 0))
                #expect(applied == [revision.id])
            }
            let single = try fixture.rows(Self.rowsQuery)
            let singleLog = try fixture.rows(Self.logQuery)
            #expect(single.count == 5)
            #expect(single.first?[4] == Self.awkward)

            func startAgain() throws {
                try fixture.migrator(host).downgrade(to: .base)
                _ = try fixture.rows("DELETE FROM schema_migrations_log")
            }
            // All in one run, a transaction per revision, several to a message; nothing left prepared.
            try startAgain()
            try fixture.migrator(host).upgrade(to: .heads)
            #expect(try fixture.rows(Self.rowsQuery) == single)
            #expect(try fixture.rows(Self.logQuery) == singleLog)
            #expect(try fixture.connection.execute("SELECT name FROM pg_prepared_statements").rows.isEmpty)

            try startAgain()
            try fixture.migrator {
                host(&$0)
                $0.transactionMode = .all
            }.upgrade(to: .heads)
            #expect(try fixture.rows(Self.rowsQuery) == single)
            #expect(try fixture.rows(Self.logQuery) == singleLog)
        }
    }

    /// A revision that drops the session's prepared statements (DEALLOCATE ALL) does not break the recording
    /// of the revisions after it in the same run.
    @Test func aRevisionThatDeallocatesDoesNotBreakTheRecording() throws {
        var revisions = GeneratedRevision.chain(3, prefix: "d")
        revisions[1].up = "DEALLOCATE ALL;\n" + revisions[1].up
        try RunnerFixture.with(revisions) { fixture in
            let applied = try fixture.migrator().upgrade(to: .head)
            #expect(applied == ["d001", "d002", "d003"])
            #expect(try fixture.rows("SELECT revision FROM schema_migrations ORDER BY revision").count == 3)
        }
    }

    /// A revision with a failed row (a non-transactional run that stopped) gets that row completed.
    @Test func anAtomicBatchCompletesAFailedRow() throws {
        try RunnerFixture.with(Self.revisions) { fixture in
            try fixture.migrator().upgrade(to: .heads)
            _ = try fixture.rows(
                "DROP TABLE t_r005; UPDATE schema_migrations SET status = 'failed', failure = 'stopped' "
                    + "WHERE revision = 'r005'"
            )
            let applied = try fixture.migrator { $0.transactionMode = .all }.upgrade(to: .heads)
            #expect(applied == ["r005"])
            #expect(
                try fixture.rows("SELECT status, failure FROM schema_migrations WHERE revision = 'r005'")
                    == [["applied", nil]]
            )
            #expect(try fixture.rows("SELECT count(*) FROM schema_migrations") == [["5"]])
        }
    }
}
