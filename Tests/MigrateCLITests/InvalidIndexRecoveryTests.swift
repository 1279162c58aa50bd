import MigrateTestSupport
import Testing

/// A `CREATE INDEX CONCURRENTLY` that fails leaves an INVALID index under its name; the runner drops it so the
/// revision can be run again.
@Suite struct InvalidIndexRecoveryTests {
    /// i001 creates a table whose `code` column holds duplicates; i002 builds a unique index on it concurrently,
    /// which fails in its validation phase and leaves the index INVALID.
    static let history = [
        GeneratedRevision(
            "i001",
            up: "CREATE TABLE i001_items (id integer PRIMARY KEY, code text);\n"
                + "INSERT INTO i001_items VALUES (1, 'a'), (2, 'b'), (3, 'a');",
            down: "DROP TABLE i001_items;"
        ),
        GeneratedRevision(
            "i002",
            parents: ["i001"],
            isTransactional: false,
            up: "CREATE TABLE i002_first (id integer);\n"
                + "CREATE UNIQUE INDEX CONCURRENTLY i002_code ON i001_items (code);",
            down: "DROP INDEX CONCURRENTLY IF EXISTS i002_code;\nDROP TABLE IF EXISTS i002_first;"
        ),
    ]

    static let invalidIndexes =
        "SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE NOT i.indisvalid"

    @Test func aFailedConcurrentBuildLeavesNoInvalidIndexAndTheFixedRunResumes() throws {
        try MigrateProject.with { project in
            try project.write(Self.history)
            let failed = try project.migrate("upgrade", "head")
            #expect(failed.status == .exited(1), "\(failed.combinedOutput)")
            #expect(failed.standardError.contains("ERROR 23505"), "\(failed.standardError)")
            #expect(
                failed.standardError.contains(
                    "dropped the INVALID index \"public\".\"i002_code\" that a failed or interrupted CREATE INDEX CONCURRENTLY left"
                ),
                "\(failed.standardError)"
            )
            #expect(try project.rows(Self.invalidIndexes).isEmpty)
            #expect(
                try project.rows("SELECT status, statements_done FROM schema_migrations WHERE revision = 'i002'")
                    == [["failed", "1"]]
            )

            _ = try project.rows("DELETE FROM i001_items WHERE id = 3")
            let resumed = try project.migrate("upgrade", "head")
            #expect(resumed.status == .exited(0), "\(resumed.combinedOutput)")
            #expect(resumed.standardError.contains("resuming revision i002 at statement 2"))
            #expect(
                try project.scalar("SELECT indisvalid::text FROM pg_index WHERE indexrelid = 'i002_code'::regclass")
                    == "true"
            )
        }
    }

    /// A run killed mid-build cannot clean up; the next run finds the INVALID index and drops it first.
    @Test func anInvalidLeftoverFromAnEarlierRunIsDroppedBeforeTheStatementRunsAgain() throws {
        try MigrateProject.with { project in
            try project.write(Self.history)
            #expect(try project.migrate("upgrade", "i001").status == .exited(0))
            // What a killed run leaves: the index INVALID, and (here) nothing recorded for i002.
            let leftover = try project.database.connect()
            defer { leftover.close() }
            #expect(throws: (any Error).self) {
                try leftover.execute("CREATE UNIQUE INDEX CONCURRENTLY i002_code ON i001_items (code)")
            }
            #expect(try project.rows(Self.invalidIndexes) == [["i002_code"]])
            _ = try project.rows("DELETE FROM i001_items WHERE id = 3")

            let upgraded = try project.migrate("upgrade", "head")
            #expect(upgraded.status == .exited(0), "\(upgraded.combinedOutput)")
            #expect(upgraded.standardError.contains("dropped the INVALID index \"public\".\"i002_code\""))
            #expect(try project.rows(Self.invalidIndexes).isEmpty)
            #expect(try project.scalar("SELECT count(*) FROM pg_indexes WHERE indexname = 'i002_code'") == "1")
        }
    }
}
