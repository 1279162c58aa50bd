import MigrateTestSupport
import PostgresClient
import Testing

@Suite("Queries, results and NULLs")
struct QueryTests {
    @Test func parameterisedQueryReturnsTypedTextValuesAndNulls() throws {
        try TestDatabase.with { database in
            let connection = try database.connect()
            let result = try connection.query(
                "SELECT $1::int + 1 AS n, $2::text AS t, NULL::text AS missing, true AS yes, ARRAY['a','b c',NULL] AS list",
                ["41", "it's"]
            )
            #expect(result.columns == ["n", "t", "missing", "yes", "list"])
            #expect(result.rowCount == 1)
            let row = try #require(result.rows.first)
            #expect(row.int("n") == 42)
            #expect(row["t"] == "it's")
            #expect(row["missing"] == nil)
            #expect(row.bool("yes") == true)
            #expect(row.textArray("list") == ["a", "b c"])
            #expect(result.commandTag == "SELECT 1")
        }
    }

    @Test func nullParameterIsSQLNull() throws {
        try TestDatabase.with { database in
            let connection = try database.connect()
            #expect(try connection.query("SELECT $1::text IS NULL", [nil]).scalar == "t")
        }
    }

    @Test func scriptRunsEveryStatementAndReturnsTheLastResult() throws {
        try TestDatabase.with { database in
            let connection = try database.connect()
            let result = try connection.execute(
                """
                CREATE TABLE t (id int PRIMARY KEY, label text);
                INSERT INTO t VALUES (1, 'a'), (2, NULL);
                SELECT id, label FROM t ORDER BY id;
                """
            )
            #expect(result.rowCount == 2)
            #expect(result[1, 1] == nil)
            let update = try connection.execute("UPDATE t SET label = 'b'")
            #expect(update.affectedRows == 2)
        }
    }

    @Test func failedScriptStopsAtTheFirstErrorAndLeavesTheConnectionUsable() throws {
        try TestDatabase.with { database in
            let connection = try database.connect()
            #expect(throws: PostgresError.self) {
                try connection.execute("CREATE TABLE a (x int); SELECT * FROM nowhere; CREATE TABLE b (x int);")
            }
            // The multi-statement string was one implicit transaction: nothing of it stayed.
            #expect(try connection.query("SELECT count(*) FROM pg_class WHERE relname IN ('a','b')").scalar == "0")
            #expect(try connection.execute("SELECT 1").scalar == "1")
        }
    }

    @Test func endpointDescribesTheConnectionWithoutSecrets() throws {
        try TestDatabase.with { database in
            let connection = try database.connect()
            let endpoint = connection.endpoint
            #expect(endpoint.database == database.name)
            #expect(!endpoint.user.isEmpty)
            #expect(connection.serverVersionNumber >= 150000)
            #expect(connection.backendPID > 0)
            #expect(endpoint.description.contains(database.name))
        }
    }

    @Test func arrayLiteralParsing() {
        #expect(PostgresArrayLiteral.parse("{}") == [])
        #expect(PostgresArrayLiteral.parse("{a,b}") == ["a", "b"])
        #expect(PostgresArrayLiteral.parse(#"{"a,b","c\"d","e\\f",NULL,"NULL"}"#) == ["a,b", "c\"d", "e\\f", "NULL"])
        #expect(PostgresArrayLiteral.parse(#"{"",x}"#) == ["", "x"])
        #expect(PostgresArrayLiteral.parse(#"{élève,"日本 語","\ü"}"#) == ["élève", "日本 語", "ü"])
        #expect(PostgresArrayLiteral.parse("a,b") == [])
    }

    @Test func arrayLiteralWriting() {
        #expect(PostgresArrayLiteral.make([]) == "{}")
        #expect(PostgresArrayLiteral.make(["a", nil, ""]) == #"{"a",NULL,""}"#)
        #expect(PostgresArrayLiteral.make([#"c"d"#, #"e\f"#]) == #"{"c\"d","e\\f"}"#)
    }

    /// What `make` writes, the server reads back element for element, under either setting of
    /// `standard_conforming_strings` (the literal goes through ``SQLQuoting/literal(_:)``).
    @Test(arguments: ["on", "off"])
    func arrayLiteralsAreReadBackByTheServer(standardConformingStrings: String) throws {
        let elements: [String?] = [
            "plain", "", "NULL", nil, "a,b", "{braces}", #"quote " and \ backslash"#, "it's", " padded ",
            "line\nbreak", "élève 日本語", #"{"nested","array"}"#, "\\N",
        ]
        try TestDatabase.with { database in
            let connection = try database.connect()
            _ = try connection.execute("SET standard_conforming_strings = \(standardConformingStrings)")
            let literal = SQLQuoting.literal(PostgresArrayLiteral.make(elements))
            let result = try connection.execute(
                "SELECT element FROM unnest(\(literal)::text[]) WITH ORDINALITY AS a(element, n) ORDER BY n"
            )
            #expect(result.rows.map { $0["element"] } == elements)
        }
    }
}
