import MigrateTestSupport
import PostgresClient
import Testing

@testable import MigrateKit

/// What a failing revision leaves behind, and what the engine's error says, on a real server.
@Suite struct MigratorFailureTests {
    static let first = GeneratedRevision("f001")
    static let last = GeneratedRevision("f003", parents: ["f002"])

    static func failing(_ up: String) -> GeneratedRevision {
        GeneratedRevision(
            "f002",
            parents: ["f001"],
            message: "Fails on purpose",
            up: up,
            down: "DROP TABLE IF EXISTS f002_made;"
        )
    }

    /// Upgrades to head, expecting f002 to fail, and checks it left nothing but its failed event.
    /// - Parameter blamed: The revision the failed event names: f002, or in an atomic batch that fails at
    ///   COMMIT, the batch's last revision (the server does not say which revision's constraint it was).
    static func upgradeFails(_ fixture: RunnerFixture, atomic: Bool = false, blamed: String = "f002") throws
        -> MigrateError
    {
        let migrator = try fixture.migrator { if atomic { $0.transactionMode = .all } }
        let error = try #require(throws: MigrateError.self) { try migrator.upgrade(to: .head) }
        #expect(error.code == .statementFailed)
        #expect(try fixture.tables() == (atomic ? [] : ["t_f001"]))
        #expect(try fixture.versionRows() == (atomic ? [] : ["f001 applied 0"]))
        #expect(try fixture.logEvents() == (atomic ? [] : ["upgrade f001 succeeded"]) + ["upgrade \(blamed) failed"])
        // The session is usable afterwards: not stuck in an aborted transaction.
        #expect(fixture.connection.transactionState == .idle)
        return error
    }

    @Test func undefinedTableErrorPointsIntoTheStatement() throws {
        let failing = Self.failing(
            "CREATE TABLE f002_made (id integer);\nINSERT INTO f002_made\n    SELECT id FROM\n        missing_table;"
        )
        try RunnerFixture.with([Self.first, failing, Self.last]) { fixture in
            let error = try Self.upgradeFails(fixture)
            #expect(error.location == SourceLocation(file: fixture.path(of: failing), line: 9, column: 9))
            #expect(
                error.message == """
                    revision f002 (Fails on purpose) failed in the statement at line 7, column 1; it was rolled back; \
                    revisions before it stay applied
                    ERROR 42P01: relation "missing_table" does not exist
                    """
            )
            let started = fixture.events.compactMap { event -> String? in
                if case .started(let revision, _, _) = event { return revision }
                return nil
            }
            let finished = fixture.events.compactMap { event -> String? in
                if case .finished(let revision, _, _) = event { return revision }
                return nil
            }
            #expect(started == ["f001", "f002"])
            #expect(finished == ["f001"])
        }
    }

    @Test func raiseReportsSQLStateMessageDetailHintAndContext() throws {
        let failing = Self.failing(
            """
            CREATE TABLE f002_made (id integer);
            DO $$
            BEGIN
                RAISE EXCEPTION 'custom failure' USING DETAIL = 'the detail', HINT = 'the hint', ERRCODE = '22023';
            END $$;
            """
        )
        try RunnerFixture.with([Self.first, failing, Self.last]) { fixture in
            let error = try Self.upgradeFails(fixture)
            #expect(error.location == SourceLocation(file: fixture.path(of: failing), line: 7, column: 1))
            #expect(
                error.message.hasSuffix(
                    """
                    ERROR 22023: custom failure
                    DETAIL: the detail
                    HINT: the hint
                    CONTEXT: PL/pgSQL function inline_code_block line 3 at RAISE
                    """
                )
            )
            #expect(error.description.hasPrefix("\(fixture.path(of: failing)):7:1: revision f002"))
        }
    }

    @Test(arguments: [false, true])
    func deferredConstraintFailingAtCommitRollsBack(atomic: Bool) throws {
        let failing = Self.failing(
            """
            CREATE TABLE f002_made (
                id integer PRIMARY KEY,
                parent integer REFERENCES f002_made DEFERRABLE INITIALLY DEFERRED
            );
            INSERT INTO f002_made VALUES (1, 2);
            """
        )
        try RunnerFixture.with([Self.first, failing, Self.last]) { fixture in
            let error = try Self.upgradeFails(fixture, atomic: atomic, blamed: atomic ? "f003" : "f002")
            let expected =
                atomic ? "the batch failed while recording it or at COMMIT" : "revision f002 failed at COMMIT"
            #expect(error.message.contains(expected))
            #expect(
                error.message.contains(
                    "ERROR 23503: insert or update on table \"f002_made\" violates foreign key constraint"
                )
            )
        }
    }

    /// A revision's statements go to the server as one message; the server's error position counts characters
    /// in the whole message, and a failure without a position is known by how many statements completed.
    @Test(arguments: [false, true])
    func errorsInABatchedRevisionPointAtTheirStatement(atomic: Bool) throws {
        let misspelled = Self.failing(
            """
            CREATE TABLE f002_made (note text DEFAULT 'crème brûlée ✓');
            COMMENT ON TABLE f002_made IS 'naïve 🙂';
            SELECT note FROM
                f002_missing;
            """
        )
        try RunnerFixture.with([Self.first, misspelled, Self.last]) { fixture in
            let error = try Self.upgradeFails(fixture, atomic: atomic)
            #expect(error.location == SourceLocation(file: fixture.path(of: misspelled), line: 9, column: 5))
            #expect(error.message.contains("failed in the statement at line 8, column 1"))
        }
        let positionless = Self.failing(
            "CREATE TABLE f002_made (note text);\nSELECT 'ü' || 1 / 0;\nCREATE TABLE f002_after (id integer);"
        )
        try RunnerFixture.with([Self.first, positionless, Self.last]) { fixture in
            let error = try Self.upgradeFails(fixture, atomic: atomic)
            #expect(error.location == SourceLocation(file: fixture.path(of: positionless), line: 7, column: 1))
            #expect(error.message.contains("ERROR 22012: division by zero"))
        }
    }

    /// A section longer than one message allows goes in several; an error in a later message still points
    /// at its statement, nothing of the revision stays, and its time covers every message.
    @Test(arguments: [false, true])
    func aLongRevisionGoesInSeveralMessages(atomic: Bool) throws {
        let count = StatementBatch.maximumStatements * 2 + 10
        var up = "CREATE TABLE f002_made (id integer PRIMARY KEY);\nSELECT pg_sleep(0.3);\n"
        for id in 2..<count { up += "INSERT INTO f002_made VALUES (\(id));\n" }
        let section = try PreparedSection(text: up, origin: "long.sql", firstLine: 1)
        let messages = StatementBatch.messages(
            for: section,
            leading: [.begin],
            trailing: [.commit],
            separately: false
        )
        #expect(messages.map(\.statements) == [0..<1000, 1000..<2000, 2000..<2010])
        #expect(messages.map(\.statementCount) == [1001, 1000, 11])

        // Statement 2,005 (line 2,010 of the file) repeats a key, in the third message.
        let failing = Self.failing(up.replacingOccurrences(of: "VALUES (2004);", with: "VALUES (7);"))
        try RunnerFixture.with([Self.first, failing, Self.last]) { fixture in
            let error = try Self.upgradeFails(fixture, atomic: atomic)
            #expect(error.location == SourceLocation(file: fixture.path(of: failing), line: 2_010, column: 1))
            #expect(error.message.contains("ERROR 23505: duplicate key value violates unique constraint"))

            try fixture.write([Self.failing(up)])
            try fixture.migrator { if atomic { $0.transactionMode = .all } }.upgrade(to: .head)
            #expect(try fixture.rows("SELECT count(*) FROM f002_made") == [["\(count - 2)"]])
            #expect(try fixture.versionRows() == ["f001 applied 0", "f002 applied 0", "f003 applied 0"])
            // The sleep is in the first message, the recording in the last.
            let slow = try fixture.rows(
                "SELECT execution_ms >= 300 FROM schema_migrations WHERE revision = 'f002'"
            )
            #expect(slow == [["t"]])
        }
    }

    @Test func aMessageHoldsAtMostAMegabyteOfStatements() throws {
        let statement = "SELECT '" + String(repeating: "x", count: 300_000) + "'"
        let section = try PreparedSection(
            text: Array(repeating: statement, count: 7).joined(separator: ";\n"),
            origin: "big.sql",
            firstLine: 1
        )
        let messages = StatementBatch.messages(for: section, leading: [], trailing: [], separately: false)
        #expect(messages.map(\.statements) == [0..<3, 3..<6, 6..<7])
    }

    /// Before PostgreSQL 13, or with standard_conforming_strings off, every statement goes alone, and the
    /// runner's own statements in messages of their own.
    @Test func separatelyMeansAMessageEach() throws {
        let section = try PreparedSection(text: "SELECT 1;\nSELECT 2;", origin: "two.sql", firstLine: 1)
        let messages = StatementBatch.messages(
            for: section,
            leading: [.begin, RunnerStatement(role: .timeouts, sql: "SET LOCAL lock_timeout = '5s'")],
            trailing: [.commit],
            separately: true
        )
        #expect(
            messages.map(\.text) == [
                "BEGIN;\nSET LOCAL lock_timeout = '5s';\n", "SELECT 1;\n", "SELECT 2;\n", "COMMIT;\n",
            ]
        )
        // An atomic batch has no trailing statements per revision: no empty message for them.
        let atomic = StatementBatch.messages(
            for: section,
            leading: [RunnerStatement(role: .timeouts, sql: "SET LOCAL x = 1")],
            trailing: [],
            separately: true
        )
        #expect(atomic.map(\.text) == ["SET LOCAL x = 1;\n", "SELECT 1;\n", "SELECT 2;\n"])
    }

    /// With standard_conforming_strings off, the server reads `'C:\'` as an unterminated string, where the
    /// parser that split the section saw a whole one: sent alone, the statement fails by itself, at its line.
    @Test func withStandardConformingStringsOffEveryStatementGoesAlone() throws {
        let failing = Self.failing("CREATE TABLE f002_made (id integer);\nSELECT 'C:\\';\nSELECT 1;")
        try RunnerFixture.with([Self.first, failing, Self.last]) { fixture in
            try fixture.connection.execute("SET standard_conforming_strings = off")
            #expect(fixture.connection.reportedSetting("standard_conforming_strings") == "off")
            let error = try Self.upgradeFails(fixture)
            #expect(error.location?.line == 7)
            #expect(error.message.contains("failed in the statement at line 7"))
            #expect(error.message.contains("unterminated quoted string"))

            // Fixed, the batch goes through the same way in one transaction.
            try fixture.write([Self.failing("CREATE TABLE f002_made (id integer);\nSELECT 1;")])
            try fixture.migrator { $0.transactionMode = .all }.upgrade(to: .head)
            #expect(try fixture.versionRows() == ["f001 applied 0", "f002 applied 0", "f003 applied 0"])
        }
    }

    /// Which statement a failed message blames: the count of completed statements, with the server's error
    /// position only for a message refused before anything ran, and only for the column inside the blamed one.
    @Test func aFailureIsBlamedOnTheStatementTheCountNames() throws {
        let section = try PreparedSection(text: "SELECT 'é';\nSELECT 2;\nSELECT 3;", origin: "x.sql", firstLine: 1)
        let batch = StatementBatch(leading: [.begin], section: section, statements: 0..<3, trailing: [.commit])
        // "BEGIN;\n" is characters 0-6, "SELECT 'é';\n" 7-18, "SELECT 2;\n" 19-28, "SELECT 3;\n" 29-38.
        func failure(completed: Int, position: Int?) -> ScriptFailure {
            var error = PostgresError(code: .server, message: "boom")
            error.position = position
            return ScriptFailure(error: error, completedStatements: completed)
        }
        // Refused while being read: the position names the statement, even at its `;`.
        #expect(batch.failedPart(failure(completed: 0, position: 27)) == .section(1))
        #expect(batch.failedPart(failure(completed: 0, position: 28)) == .section(1))
        #expect(batch.failedPart(failure(completed: 0, position: nil)) == .leading(.begin))
        // Once statements ran, the count decides; a position elsewhere (bytes counted as characters in a
        // SQL_ASCII database) does not move the blame, and gives no column.
        #expect(batch.failedPart(failure(completed: 2, position: 31)) == .section(1))
        #expect(batch.positionInStatement(failure(completed: 2, position: 31).error, index: 1) == nil)
        #expect(batch.positionInStatement(failure(completed: 2, position: 27).error, index: 1) == 8)
        #expect(batch.failedPart(failure(completed: 4, position: nil)) == .trailing(.commit))
    }

    /// A revision and its recording travel in one transaction of the runner's, so the server times the revision:
    /// from the start of the transaction to the recording.
    @Test func aRevisionsRowAndLogEntryCarryItsOwnExecutionTime() throws {
        let slow = GeneratedRevision("s001", up: "CREATE TABLE t_s001 (id integer);\nSELECT pg_sleep(0.25);")
        let quick = GeneratedRevision("s002", parents: ["s001"])
        try RunnerFixture.with([slow, quick]) { fixture in
            try fixture.migrator().upgrade(to: .head)
            let times = try fixture.rows(
                """
                SELECT m.revision, m.execution_ms >= 250 AND m.execution_ms < 5000,
                       abs(l.duration_ms - m.execution_ms) < 50,
                       abs(1000 * extract(epoch FROM m.applied_at - l.started_at) - m.execution_ms) < 50
                FROM schema_migrations m JOIN schema_migrations_log l USING (revision)
                ORDER BY m.revision
                """
            )
            #expect(times == [["s001", "t", "t", "t"], ["s002", "f", "t", "t"]])
        }
    }

    @Test func noticesCarryTheirRevisionsLocationAndNothingElseLeaksIn() throws {
        // Each notice names the statement that raised it: in a message of several statements too.
        let noisy = GeneratedRevision(
            "n001",
            up: "CREATE TABLE t_n001 (id integer);\nDO $$ BEGIN RAISE NOTICE 'hello from n001'; END $$;"
        )
        let single = GeneratedRevision(
            "n002",
            parents: ["n001"],
            up: "DO $$ BEGIN RAISE NOTICE 'hello from n002'; END $$;"
        )
        let outside = GeneratedRevision(
            "n003",
            parents: ["n002"],
            isTransactional: false,
            up: "CREATE TABLE t_n003 (id integer);\nDO $$ BEGIN RAISE NOTICE 'hello from n003'; END $$;"
        )
        try RunnerFixture.with([noisy, single, outside]) { fixture in
            try fixture.migrator().upgrade(to: .head)
            let notices = fixture.noticeLines
            // Creating the version tables says "schema public already exists"; that is no revision's.
            #expect(
                notices == [
                    "\(fixture.path(of: noisy)):7:1 [n001] hello from n001",
                    "\(fixture.path(of: single)):6:1 [n002] hello from n002",
                    "\(fixture.path(of: outside)):8:1 [n003] hello from n003",
                ]
            )
        }
    }

    @Test func atomicBatchLeavesNothingAndSaysSo() throws {
        let failing = Self.failing("CREATE TABLE f002_made (id integer);\nSELECT 1 / 0;")
        try RunnerFixture.with([Self.first, failing, Self.last]) { fixture in
            let error = try Self.upgradeFails(fixture, atomic: true)
            #expect(error.message.contains("the whole batch was rolled back (--atomic); no revision was applied"))
            #expect(error.message.contains("ERROR 22012: division by zero"))
            #expect(error.location == SourceLocation(file: fixture.path(of: failing), line: 7, column: 1))

            // The same batch, fixed, commits as one.
            try fixture.write([Self.failing("CREATE TABLE f002_made (id integer);")])
            #expect(try fixture.migrator { $0.transactionMode = .all }.upgrade(to: .head) == ["f001", "f002", "f003"])
            #expect(try fixture.tables() == ["t_f001", "f002_made", "t_f003"])
            #expect(
                try fixture.rows("SELECT DISTINCT detail FROM schema_migrations_log WHERE outcome = 'succeeded'") == [
                    ["atomic batch"]
                ]
            )
        }
    }
}
