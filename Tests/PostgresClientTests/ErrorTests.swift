import MigrateTestSupport
import PostgresClient
import Testing

@Suite("Server errors and notices")
struct ErrorTests {
    @Test func syntaxErrorCarriesSQLStateAndPosition() throws {
        try TestDatabase.with { database in
            let connection = try database.connect()
            let error = try #require(throws: PostgresError.self) { try connection.execute("SELECT 1 FROMM t") }
            #expect(error.code == .server)
            #expect(error.sqlState == "42601")
            #expect(error.severity == "ERROR")
            // 1-based character offset of "t" (the token after the misspelt keyword).
            #expect(error.position == 16)
            #expect(error.description.contains("[42601]"))
        }
    }

    @Test func positionCountsCharactersNotBytes() throws {
        try TestDatabase.with { database in
            let connection = try database.connect()
            let error = try #require(throws: PostgresError.self) {
                try connection.execute("SELECT 'ééé' FROM missing_table")
            }
            #expect(error.sqlState == "42P01")
            #expect(error.position == 19)
        }
    }

    @Test func detailHintAndContextAreKept() throws {
        try TestDatabase.with { database in
            let connection = try database.connect()
            let error = try #require(throws: PostgresError.self) {
                try connection.execute(
                    """
                    DO $$ BEGIN
                      RAISE EXCEPTION 'bad rows' USING DETAIL = 'ids: 1, 2', HINT = 'fix them', ERRCODE = '22P02';
                    END $$
                    """
                )
            }
            #expect(error.sqlState == "22P02")
            #expect(error.message == "bad rows")
            #expect(error.detail == "ids: 1, 2")
            #expect(error.hint == "fix them")
            #expect(error.context?.contains("PL/pgSQL") == true)
        }
    }

    @Test func constraintViolationNamesTheConstraint() throws {
        try TestDatabase.with { database in
            let connection = try database.connect()
            try connection.execute("CREATE TABLE t (id int CONSTRAINT t_pk PRIMARY KEY)")
            try connection.execute("INSERT INTO t VALUES (1)")
            let error = try #require(throws: PostgresError.self) { try connection.execute("INSERT INTO t VALUES (1)") }
            #expect(error.sqlState == "23505")
            #expect(error.constraintName == "t_pk")
            #expect(error.tableName == "t")
            #expect(error.detail?.contains("(id)=(1)") == true)
        }
    }

    @Test func noticesAreCollectedNotPrinted() throws {
        try TestDatabase.with { database in
            let connection = try database.connect()
            try connection.execute(
                "DO $$ BEGIN RAISE NOTICE 'hello'; RAISE WARNING 'careful' USING HINT = 'look'; END $$"
            )
            let notices = connection.takeNotices()
            #expect(notices.map(\.severity) == ["NOTICE", "WARNING"])
            #expect(notices.map(\.message) == ["hello", "careful"])
            #expect(notices[1].hint == "look")
            #expect(connection.takeNotices().isEmpty)
        }
    }
}

@Suite("Multi-statement scripts")
struct ScriptTests {
    @Test func aScriptSaysHowManyStatementsCompletedBeforeTheError() throws {
        try TestDatabase.with { database in
            let connection = try database.connect()
            #expect(try connection.executeScript("BEGIN; CREATE TABLE s1 (id integer); INSERT INTO s1 VALUES (1)") == 3)
            let failure = try #require(throws: ScriptFailure.self) {
                try connection.executeScript("INSERT INTO s1 VALUES (2); SELECT 1 / 0; INSERT INTO s1 VALUES (3)")
            }
            #expect(failure.completedStatements == 1)
            #expect(failure.error.sqlState == "22012")
            // The rest was skipped and the transaction is aborted, as with one statement at a time.
            #expect(connection.transactionState == .failedTransaction)
            try connection.rollback()
            #expect(try connection.execute("SELECT count(*) FROM pg_class WHERE relname = 's1'").rows[0][0] == "0")
        }
    }

    @Test func anErrorPositionCountsCharactersOfTheWholeScript() throws {
        try TestDatabase.with { database in
            let connection = try database.connect()
            let failure = try #require(throws: ScriptFailure.self) {
                try connection.executeScript("SELECT 'ü';\nSELECT 1 FROM missing_table")
            }
            #expect(failure.completedStatements == 1)
            // 12 characters (not 13 bytes) of the first line, then "missing_table" at 15 in the second.
            #expect(failure.error.position == 27)
        }
    }
}
