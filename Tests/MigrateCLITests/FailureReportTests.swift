import MigrateTestSupport
import PostgresClient
import Testing

/// A failing revision: nothing of it remains, earlier ones stay, and the error says where and why.
@Suite struct FailureReportTests {
    static let first = GeneratedRevision("f001")
    static let last = GeneratedRevision("f003", parents: ["f002"])

    /// f002 with this up section, which creates `f002_made` before the failing statement.
    static func failing(_ up: String) -> GeneratedRevision {
        GeneratedRevision("f002", parents: ["f001"], message: "Fails on purpose", up: up, down: "DROP TABLE f002_made;")
    }

    /// Runs `upgrade head` and checks what any failure of f002 must leave: exit 1, f001 applied, no trace of
    /// f002 but a failed event, f003 not run.
    static func upgradeFails(_ project: MigrateProject) throws -> String {
        let output = try project.migrate("upgrade", "head")
        #expect(output.status == .exited(1), "\(output.combinedOutput)")
        #expect(try project.tables() == ["t_f001"])
        #expect(try project.versionRows() == ["f001": "applied"])
        #expect(try project.logEvents() == ["upgrade f001 succeeded", "upgrade f002 failed"])
        #expect(try project.current() == ["f001"])
        return output.standardError
    }

    @Test func lockTimeoutNamesTheSessionHoldingTheLock() throws {
        try MigrateProject.with { project in
            try project.write([Self.first])
            #expect(try project.migrate("upgrade").status == .exited(0))
            let holder = try project.database.connect()
            defer { holder.close() }
            try holder.execute("SET application_name = 'report-job'")
            let pid = try holder.execute("SELECT pg_backend_pid()").scalar ?? ""
            try holder.execute("BEGIN")
            try holder.execute("SELECT count(*)\n  FROM t_f001")
            try project.write([
                Self.failing(
                    """
                    CREATE TABLE f002_made (id integer);
                    SET LOCAL lock_timeout = '200ms';
                    ALTER TABLE t_f001 ADD COLUMN note text;
                    """
                )
            ])
            let text = try Self.upgradeFails(project)
            #expect(text.contains("ERROR 55P03: canceling statement due to lock timeout"), "\(text)")
            #expect(
                text.contains("conflicting lock held by: pid \(pid) (report-job) holds AccessShareLock on t_f001"),
                "\(text)"
            )
            #expect(text.contains(", idle in transaction, query started "), "\(text)")
            #expect(text.contains("Z: SELECT count(*) FROM t_f001\n"), "\(text)")
            #expect(text.contains("pg_terminate_backend(pid)"))
        }
    }

    @Test func undefinedTableNamesTheStatementAndTheErrorPosition() throws {
        try MigrateProject.with { project in
            let failing = Self.failing(
                """
                CREATE TABLE f002_made (id integer);
                INSERT INTO f002_made
                    SELECT id FROM
                        missing_table;
                """
            )
            try project.write([Self.first, failing, Self.last])
            #expect(failing.firstUpLine == 6)
            let error = try Self.upgradeFails(project)
            let path = project.directory.absolute(failing.relativePath)
            // The error position (line 9, column 9) leads, then the statement's own place (line 7, column 1).
            #expect(
                error.contains(
                    "error: \(path):9:9: revision f002 (Fails on purpose) failed in the statement at line 7, column "
                        + "1; it was rolled back; revisions before it stay applied\n"
                ),
                "\(error)"
            )
            #expect(error.contains("ERROR 42P01: relation \"missing_table\" does not exist"))
            let detail = try project.scalar("SELECT detail FROM schema_migrations_log WHERE outcome = 'failed'")
            #expect(detail == "ERROR 42P01: relation \"missing_table\" does not exist")
        }
    }

    @Test func raiseWithDetailAndHintReportsAllOfThem() throws {
        try MigrateProject.with { project in
            // Two statements on line 7: the column says which one failed.
            let failing = Self.failing(
                """
                CREATE TABLE f002_made (id integer);
                SELECT 1; DO $$
                BEGIN
                    RAISE EXCEPTION 'custom failure %', 42
                        USING DETAIL = 'the detail', HINT = 'the hint', ERRCODE = 'P0099';
                END $$;
                """
            )
            try project.write([Self.first, failing, Self.last])
            let error = try Self.upgradeFails(project)
            let path = project.directory.absolute(failing.relativePath)
            #expect(
                error.contains(
                    "error: \(path):7:11: revision f002 (Fails on purpose) failed in the statement at line 7, "
                        + "column 11;"
                ),
                "\(error)"
            )
            #expect(
                error.contains(
                    "\nERROR P0099: custom failure 42\nDETAIL: the detail\nHINT: the hint\nCONTEXT: PL/pgSQL "
                        + "function inline_code_block line 3 at RAISE"
                )
            )
            let detail = try project.scalar("SELECT detail FROM schema_migrations_log WHERE outcome = 'failed'")
            #expect(detail?.hasPrefix("ERROR P0099: custom failure 42\nDETAIL: the detail\nHINT: the hint") == true)

            // Fixed, the next run applies f002 and f003.
            try project.write([Self.failing("CREATE TABLE f002_made (id integer);")])
            let fixed = try project.migrate("upgrade", "head")
            #expect(fixed.status == .exited(0), "\(fixed.combinedOutput)")
            #expect(try project.tables() == ["t_f001", "f002_made", "t_f003"])
        }
    }

    @Test func syntaxErrorStopsBeforeAnythingRuns() throws {
        try MigrateProject.with { project in
            let failing = Self.failing("CREATE TABLE f002_made (id integer);\nCREATE TABLE oops (id integer,);")
            try project.write([Self.first, failing, Self.last])
            let output = try project.migrate("upgrade", "head")
            #expect(output.status == .exited(2), "\(output.combinedOutput)")
            #expect(output.standardError.contains("error: \(project.directory.absolute(failing.relativePath)):7:"))
            #expect(output.standardError.contains("SQL syntax error"))
            // Revisions are checked before the first one runs.
            #expect(try project.tables().isEmpty)
        }
    }
}
