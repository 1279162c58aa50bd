import MigrateKit
import MigrateTestSupport
import Testing

/// An atomic batch records all its revisions in two statements at its end, each column sent as one array;
/// a transaction per revision records each revision with a row of values. Both must write the same rows.
@Suite struct AtomicRecordingTests {
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

    @Test func anAtomicBatchRecordsTheRowsATransactionPerRevisionDoes() throws {
        try RunnerFixture.with(Self.revisions) { fixture in
            let host: (inout MigrationOptions) -> Void = { $0.clientHost = "deploy-7" }
            try fixture.migrator(host).upgrade(to: .heads)
            let perRevision = try fixture.rows(Self.rowsQuery)
            let perRevisionLog = try fixture.rows(Self.logQuery)
            #expect(perRevision.count == 5)
            #expect(perRevision.first?[4] == Self.awkward)

            try fixture.migrator(host).downgrade(to: .base)
            _ = try fixture.rows("DELETE FROM schema_migrations_log")
            try fixture.migrator {
                host(&$0)
                $0.transactionMode = .all
            }.upgrade(to: .heads)
            #expect(try fixture.rows(Self.rowsQuery) == perRevision)
            #expect(try fixture.rows(Self.logQuery) == perRevisionLog)
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
