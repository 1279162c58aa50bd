import SQLSyntax
import Testing

@Suite("Splitting scripts into statements")
struct SQLScriptSplittingTests {
    private func texts(_ script: String) throws -> [String] {
        try SQLScript(script).statements().map(\.text)
    }

    @Test("dollar-quoted bodies keep their semicolons, with and without a tag")
    func dollarQuotes() throws {
        let script = """
            CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE NOTICE 'a;b';
                RETURN NEW;
            END;
            $$;
            SELECT $tag$ ; $$ ; $tag$;
            """
        let statements = try SQLScript(script).statements()
        #expect(
            statements.map(\.text) == [
                "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n    RAISE NOTICE 'a;b';\n"
                    + "    RETURN NEW;\nEND;\n$$",
                "SELECT $tag$ ; $$ ; $tag$",
            ]
        )
        #expect(statements.map(\.line) == [1, 7])
        #expect(statements.map(\.endLine) == [6, 7])
    }

    @Test("nested block comments hide semicolons and are trimmed from statements")
    func nestedComments() throws {
        let script = "/* outer /* inner ; */ still ; */ SELECT 1; SELECT 2 /* ; */;\n-- last ;\n"
        #expect(try texts(script) == ["SELECT 1", "SELECT 2"])
    }

    @Test("BEGIN ATOMIC function bodies are one statement")
    func beginAtomic() throws {
        let script = """
            CREATE FUNCTION add(a int, b int) RETURNS int LANGUAGE sql
            BEGIN ATOMIC
                SELECT a + b;
                SELECT 1;
            END;
            CREATE TABLE t (id int);
            """
        let statements = try SQLScript(script).statements()
        #expect(statements.count == 2)
        #expect(statements[0].text.hasPrefix("CREATE FUNCTION add"))
        #expect(statements[0].text.hasSuffix("SELECT 1;\nEND"))
        #expect(statements[0].endLine == 5)
        #expect(statements[1].text == "CREATE TABLE t (id int)")
        #expect(statements[1].start == SQLPosition(byteOffset: statements[1].byteRange.lowerBound, line: 6, column: 1))
    }

    @Test("escape strings and doubled quotes keep their semicolons")
    func escapeStrings() throws {
        let script = #"SELECT E'it\'s; fine'; SELECT 'a''b;c'; SELECT U&'d\0061t;a'"#
        #expect(try texts(script) == [#"SELECT E'it\'s; fine'"#, "SELECT 'a''b;c'", #"SELECT U&'d\0061t;a'"#])
    }

    @Test("Unicode-escape strings and identifiers end where they end, also before comments")
    func unicodeEscapes() throws {
        let script = #"SELECT U&'d\0061t;a'; SELECT U&"d\0061t;a" /* c */ ; SELECT U&'!0061' UESCAPE '!' -- c"#
        #expect(
            try texts(script) == [#"SELECT U&'d\0061t;a'"#, #"SELECT U&"d\0061t;a""#, "SELECT U&'!0061' UESCAPE '!'"]
        )
    }

    @Test("quoted identifiers may contain semicolons and line breaks")
    func quotedIdentifiers() throws {
        let script = "CREATE TABLE \"we;ird\nname\" (id int);\nSELECT 1;"
        let statements = try SQLScript(script).statements()
        #expect(statements.map(\.text) == ["CREATE TABLE \"we;ird\nname\" (id int)", "SELECT 1"])
        #expect(statements.map(\.line) == [1, 3])
        #expect(statements.map(\.endLine) == [2, 3])
    }

    @Test("CREATE RULE with several actions is one statement")
    func ruleWithSeveralActions() throws {
        let script = "CREATE RULE r AS ON INSERT TO t DO ALSO (SELECT 1; SELECT 2); SELECT 3"
        #expect(try texts(script) == ["CREATE RULE r AS ON INSERT TO t DO ALSO (SELECT 1; SELECT 2)", "SELECT 3"])
    }

    @Test("leading whitespace and comments are not part of a statement, and positions point at its first token")
    func leadingComments() throws {
        let script = "-- header\n  /* note */ SELECT 1; \n\n -- x\nSELECT 2 ;  SELECT 3"
        let statements = try SQLScript(script).statements()
        #expect(statements.map(\.text) == ["SELECT 1", "SELECT 2", "SELECT 3"])
        #expect(
            statements.map(\.start) == [
                SQLPosition(byteOffset: 23, line: 2, column: 14),
                SQLPosition(byteOffset: 41, line: 5, column: 1),
                SQLPosition(byteOffset: 53, line: 5, column: 13),
            ]
        )
    }

    @Test("columns count characters, not bytes")
    func unicodeColumns() throws {
        let script = "SELECT 'é'; /* 😀 */ SELECT 2;\nSELECT 'ü'"
        let statements = try SQLScript(script).statements()
        #expect(statements.map(\.text) == ["SELECT 'é'", "SELECT 2", "SELECT 'ü'"])
        // "SELECT 'é'; /* 😀 */ " is 20 characters and 24 bytes.
        #expect(statements[1].start == SQLPosition(byteOffset: 24, line: 1, column: 21))
        #expect(statements[2].start == SQLPosition(byteOffset: 34, line: 2, column: 1))
    }

    @Test("CRLF and lone CR line endings count as one line break each")
    func lineEndings() throws {
        let script = "SELECT 1;\r\nSELECT 2;\r\n\r\nSELECT\r\n  3;\rSELECT 4"
        let statements = try SQLScript(script).statements()
        #expect(statements.map(\.text) == ["SELECT 1", "SELECT 2", "SELECT\r\n  3", "SELECT 4"])
        #expect(statements.map(\.line) == [1, 2, 4, 6])
        #expect(statements.map(\.column) == [1, 1, 1, 1])
        #expect(statements.map(\.endLine) == [1, 2, 5, 6])
    }

    @Test("a last statement without a semicolon, with or without a trailing comment")
    func trailingStatement() throws {
        #expect(try texts("SELECT 1;\nSELECT 2 -- done\n") == ["SELECT 1", "SELECT 2"])
        #expect(try texts("SELECT 1;\nSELECT 2") == ["SELECT 1", "SELECT 2"])
    }

    @Test(
        "scripts without statements yield none",
        arguments: ["", "   \n\t", "-- nothing\n/* here */\n", ";;;", " ; -- x\n;"]
    )
    func noStatements(script: String) throws {
        #expect(try SQLScript(script).statements().isEmpty)
        #expect(try SQLScript(script).parsedStatements().isEmpty)
    }

    @Test("each statement's byte range holds exactly its text")
    func byteRanges() throws {
        let script = "/* ä */ CREATE TABLE \"ö;\" (x text DEFAULT 'ü;');\n-- ß\nINSERT INTO \"ö;\" VALUES ($$€;$$);"
        let bytes = Array(script.utf8)
        let statements = try SQLScript(script).statements()
        #expect(statements.count == 2)
        for statement in statements {
            #expect(String(decoding: bytes[statement.byteRange], as: UTF8.self) == statement.text)
            #expect(statement.start.byteOffset == statement.byteRange.lowerBound)
        }
    }

    @Test("a syntax error reports PostgreSQL's message and its line and column, with multibyte text before it")
    func syntaxError() throws {
        let script = "SELECT 'ü';\n  /* ö */ SELEC 1;"
        let expected = SQLSyntaxError(
            .syntax,
            #"syntax error at or near "SELEC""#,
            position: SQLPosition(byteOffset: 24, line: 2, column: 11)
        )
        #expect(throws: expected) { try SQLScript(script).statements() }
        #expect(throws: expected) { try SQLScript(script).parsedStatements() }
        #expect(expected.description == #"line 2, column 11: syntax error at or near "SELEC""#)
    }

    @Test("an unterminated string is an error at its start")
    func unterminatedString() throws {
        let error = #expect(throws: SQLSyntaxError.self) { try SQLScript("SELECT 1;\nSELECT 'é").statements() }
        #expect(error?.message == "unterminated quoted string at or near \"'é\"")
        #expect(error?.position == SQLPosition(byteOffset: 17, line: 2, column: 8))
    }

    @Test("a NUL character is refused instead of silently ending the script")
    func nulCharacter() throws {
        let error = #expect(throws: SQLSyntaxError.self) {
            try SQLScript("SELECT 1;\nSELECT 2\0; DROP TABLE t").statements()
        }
        #expect(error?.code == .nulCharacter)
        #expect(error?.position == SQLPosition(byteOffset: 18, line: 2, column: 9))
    }

    @Test("parsed statements carry the same text and positions as split ones")
    func parsedMatchesSplit() throws {
        let script = "-- a\nCREATE TABLE t (id int);\n/* b */ CREATE INDEX CONCURRENTLY i ON t (id)\n"
        let script0 = SQLScript(script)
        let parsed = try script0.parsedStatements()
        #expect(parsed.map(\.statement) == (try script0.statements()))
        #expect(parsed.map(\.kind) == ["CreateStmt", "IndexStmt"])
    }
}
