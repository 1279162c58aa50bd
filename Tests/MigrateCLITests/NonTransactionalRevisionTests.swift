import MigrateTestSupport
import Testing

/// `-- migrate:transaction false`: statement by statement, a failure part-way recorded, and resumed.
@Suite struct NonTransactionalRevisionTests {
    /// n002 runs outside a transaction; its third statement is `third`.
    static func history(third: String) -> [GeneratedRevision] {
        [
            GeneratedRevision("n001"),
            GeneratedRevision(
                "n002",
                parents: ["n001"],
                message: "Statement by statement",
                isTransactional: false,
                // Statements 1 and 2 cannot run twice: a resume that repeated them would fail or count 2.
                up: """
                    CREATE TABLE n002_first (id integer);
                    INSERT INTO t_n001 VALUES (1);
                    \(third)
                    CREATE TABLE IF NOT EXISTS n002_fourth (id integer);
                    """,
                down:
                    "DROP TABLE IF EXISTS n002_fourth;\nDROP TABLE IF EXISTS n002_third;\nDROP TABLE IF EXISTS "
                    + "n002_first;"
            ),
            GeneratedRevision("n003", parents: ["n002"]),
        ]
    }

    @Test func failureInTheThirdStatementThenResumeAfterTheFix() throws {
        try MigrateProject.with { project in
            let broken = Self.history(third: "INSERT INTO n002_missing VALUES (1);")
            try project.write(broken)
            let path = project.directory.absolute(broken[1].relativePath)
            let thirdLine = broken[1].firstUpLine + 2

            let failed = try project.migrate("upgrade", "head")
            #expect(failed.status == .exited(1), "\(failed.combinedOutput)")
            #expect(
                failed.standardError.contains(
                    "error: \(path):\(thirdLine):13: revision n002 (Statement by statement) failed in the statement "
                        + "at line \(thirdLine), column 1; the revision runs outside a transaction (`"
                        + "-- migrate:transaction false`), so statements 1-2 completed and stay done"
                )
            )
            #expect(
                failed.standardError.contains(
                    "hint: fix the statement and run `migrate upgrade` again: it resumes at this statement"
                )
            )
            let row = try project.rows(
                "SELECT status, statements_done, failure FROM schema_migrations WHERE revision = 'n002'"
            )
            #expect(row == [["failed", "2", "ERROR 42P01: relation \"n002_missing\" does not exist"]])
            #expect(try project.tables() == ["t_n001", "n002_first"])
            #expect(try project.logEvents() == ["upgrade n001 succeeded", "upgrade n002 failed"])

            let status = try project.migrate("status")
            #expect(status.status == .exited(0))
            #expect(
                status.outputLines.contains {
                    $0.hasPrefix("  n002  ") && $0.hasSuffix("Statement by statement  [FAILED after 2 statement(s)]")
                }
            )
            #expect(
                status.outputLines.contains(
                    "  failed: revision n002 stopped after 2 statement(s): ERROR 42P01: relation \"n002_missing\" "
                        + "does not exist"
                )
            )
            #expect(
                status.standardOutput.contains(
                    "way out: fix the failing statement and run `migrate upgrade` (it resumes at that statement), "
                        + "or finish it by hand and `migrate stamp REV`"
                )
            )
            // Counted once, in one place: not among the applied, not among the pending.
            #expect(status.outputLines.contains("applied (1):"))
            #expect(status.outputLines.contains("stopped part-way (1):"))
            #expect(status.outputLines.filter { $0.hasPrefix("  n002  ") }.count == 1)
            #expect(status.outputLines.contains("pending (1):"))
            #expect(status.outputLines.contains { $0.hasPrefix("  n003  Revision n003  (") })
            let statusJSON = try JSONValue.parse(try project.migrate("status", "--json").standardOutput)
            #expect(statusJSON["pending"].array.map { $0["revision"].string } == ["n003"])
            #expect(statusJSON["applied"][1]["status"].string == "failed")
            #expect(statusJSON["applied"][1]["statementsDone"].int == 2)
            #expect(statusJSON["upToDate"].bool == false)
            #expect(try project.migrate("status", "--exit-code").status == .exited(4))

            let validate = try project.migrate("validate")
            #expect(validate.status == .exited(4), "\(validate.combinedOutput)")
            #expect(
                validate.outputLines == [
                    "failed: revision n002 stopped after 2 statement(s): ERROR 42P01: relation \"n002_missing\" "
                        + "does not exist"
                ]
            )

            try project.write(Self.history(third: "CREATE TABLE n002_third (id integer);"))
            let resumed = try project.migrate("upgrade", "head")
            #expect(resumed.status == .exited(0), "\(resumed.combinedOutput)")
            #expect(resumed.standardError.contains("resuming revision n002 at statement 3 (\(path):\(thirdLine):1)"))
            #expect(
                try project.rows(
                    "SELECT status, statements_done, failure FROM schema_migrations WHERE revision = 'n002'"
                ) == [["applied", "4", nil]]
            )
            #expect(try project.scalar("SELECT count(*) FROM t_n001") == "1")
            #expect(try project.tables() == ["t_n001", "n002_first", "n002_third", "n002_fourth", "t_n003"])
            #expect(try project.migrate("validate").status == .exited(0))
            #expect(
                try project.logEvents() == [
                    "upgrade n001 succeeded", "upgrade n002 failed", "upgrade n002 succeeded", "upgrade n003 succeeded",
                ]
            )

            // Down statement by statement too.
            #expect(try project.migrate("downgrade", "n001").status == .exited(0))
            #expect(try project.tables() == ["t_n001"])
        }
    }

    @Test func concurrentIndexInATransactionalRevisionIsRefusedBeforeAnythingRuns() throws {
        try MigrateProject.with { project in
            let revisions = [
                GeneratedRevision("x001"),
                GeneratedRevision(
                    "x002",
                    parents: ["x001"],
                    up: "CREATE TABLE t_x002 (id integer);\n\nCREATE INDEX CONCURRENTLY x002_index ON t_x002 (id);"
                ),
            ]
            try project.write(revisions)
            let output = try project.migrate("upgrade", "head")
            #expect(output.status == .exited(2), "\(output.combinedOutput)")
            let line = revisions[1].firstUpLine + 2
            #expect(
                output.standardError.contains(
                    "error: \(project.directory.absolute(revisions[1].relativePath)):\(line):1: CREATE INDEX "
                        + "CONCURRENTLY cannot run inside a transaction block, but revision x002 runs in a "
                        + "transaction"
                )
            )
            #expect(output.standardError.contains("hint: add `-- migrate:transaction false` to its header"))
            #expect(try project.tables().isEmpty)
            // Not even the version tables: nothing was run.
            #expect(try project.scalar("SELECT to_regclass('schema_migrations')::text") == nil)
        }
    }
}
