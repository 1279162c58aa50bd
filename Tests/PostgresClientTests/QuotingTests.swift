import MigrateTestSupport
import PostgresClient
import Testing

@Suite("Quoting identifiers and literals")
struct QuotingTests {
    static let hostileNames = [
        "plain",
        "MixedCase",
        "with space",
        "quote\"inside",
        "\"\"",
        "semi;colon--",
        "select",
        "ünïcødé 表",
        "quote\"\u{301}combined",  // a quote and a combining accent: one Character, but the quote is doubled
        String(repeating: "x", count: 63),
        String(repeating: "é", count: 31) + "x",  // 63 bytes
    ]

    @Test(arguments: hostileNames)
    func hostileIdentifiersRoundTripThroughTheCatalog(name: String) throws {
        try SQLQuoting.checkLength(name)
        try TestDatabase.with { database in
            let connection = try database.connect()
            let table = SQLQuoting.qualified("public", name)
            try connection.execute("CREATE TABLE \(table) (\(SQLQuoting.identifier(name)) text)")
            try connection.execute("INSERT INTO \(table) VALUES (\(SQLQuoting.literal(name)))")
            let row = try connection.query(
                "SELECT c.relname, a.attname FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = 1 "
                    + "WHERE c.relnamespace = 'public'::regnamespace"
            )
            #expect(row[0, 0] == name)
            #expect(row[0, 1] == name)
            #expect(try connection.execute("SELECT * FROM \(table)").scalar == name)
        }
    }

    @Test func namesOver63BytesAreRefused() {
        let name = String(repeating: "é", count: 32)  // 64 bytes
        let error = #expect(throws: SQLQuoting.IdentifierTooLong.self) { try SQLQuoting.checkLength(name) }
        #expect(error?.bytes == 64)
        #expect(error?.description.contains("63 bytes") == true)
    }

    @Test(arguments: [
        ("it's", "'it''s'"),
        ("back\\slash", "E'back\\\\slash'"),
        ("", "''"),
    ])
    func literals(value: String, expected: String) {
        #expect(SQLQuoting.literal(value) == expected)
    }

    @Test func literalsSurviveTheServer() throws {
        try TestDatabase.with { database in
            let connection = try database.connect()
            for value in ["it's", "back\\slash\\'", "line\nbreak", "日本語", "$$dollar$$", "it'\u{301}s"] {
                #expect(try connection.execute("SELECT \(SQLQuoting.literal(value))").scalar == value)
            }
        }
    }
}
