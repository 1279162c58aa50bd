import SQLSyntax
import Testing

@Suite("Quoting identifiers only when needed")
struct SQLIdentifierTests {
    /// A row of ``postgresQuoteIdent``, named by its name in test output.
    struct Row: Sendable, CustomStringConvertible {
        var name: String
        var quoted: String
        var category: String
        var description: String { name.debugDescription }
    }

    static let rows = postgresQuoteIdent.map { Row(name: $0.name, quoted: $0.quoted, category: $0.category) }

    @Test("the fixture holds every PostgreSQL 15 keyword and the hostile names")
    func fixtureIsComplete() {
        #expect(Self.rows.filter { !$0.category.isEmpty }.count == 460)
        #expect(Self.rows.count == 494)
    }

    @Test("quoting matches PostgreSQL's quote_ident()", arguments: rows)
    func matchesQuoteIdent(row: Row) {
        #expect(SQLIdentifier.quoteIfNeeded(row.name) == row.quoted)
    }

    @Test("keyword categories match pg_get_keywords()", arguments: rows)
    func keywordCategory(row: Row) {
        let expected: SQLKeywordCategory? =
            switch row.category {
            case "U": .unreserved
            case "C": .columnName
            case "T": .typeFunctionName
            case "R": .reserved
            default: nil
            }
        #expect(SQLIdentifier.keywordCategory(of: row.name) == expected)
    }

    @Test(
        "hostile names",
        arguments: [
            ("agents", "agents"),
            ("user_id", "user_id"),
            ("_private", "_private"),
            ("select", "\"select\""),
            ("user", "\"user\""),
            ("name", "name"),
            ("action", "action"),
            ("int", "\"int\""),
            ("left", "\"left\""),
            ("Agents", "\"Agents\""),
            ("my table", "\"my table\""),
            ("say \"hi\"", "\"say \"\"hi\"\"\""),
            ("\"", "\"\"\"\""),
            ("1st", "\"1st\""),
            ("été", "\"été\""),
            ("a$b", "\"a$b\""),
            ("tab\there", "\"tab\there\""),
            ("line\nbreak", "\"line\nbreak\""),
            ("", "\"\""),
        ]
    )
    func hostileNames(name: String, quoted: String) {
        #expect(SQLIdentifier.quoteIfNeeded(name) == quoted)
    }

    @Test("quoted names read back as the same name")
    func roundTrip() throws {
        for name in ["Mixed Case", "say \"hi\"", "select", "été", "a;b", "--x"] {
            let tree = try SQLParser.parseStatement("CREATE TABLE \(SQLIdentifier.quoteIfNeeded(name)) (a int)")
            #expect(tree.body?["relation"]?["relname"]?.string == name)
        }
    }

    @Test("keyword lookup is case-insensitive and needs a single word")
    func keywordLookup() {
        #expect(SQLIdentifier.keywordCategory(of: "SELECT") == .reserved)
        #expect(SQLIdentifier.keywordCategory(of: "Name") == .unreserved)
        #expect(SQLIdentifier.keywordCategory(of: "select 1") == nil)
        #expect(SQLIdentifier.keywordCategory(of: "agents") == nil)
        #expect(SQLIdentifier.keywordCategory(of: "") == nil)
        #expect(SQLIdentifier.keywordCategory(of: "'") == nil)
    }

    @Test("qualified names quote each part as needed")
    func qualifiedNames() {
        #expect(SQLIdentifier.qualifiedName(schema: "public", name: "agents") == "public.agents")
        #expect(SQLIdentifier.qualifiedName(schema: "Sales", name: "order") == "\"Sales\".\"order\"")
        #expect(SQLIdentifier.qualifiedName(schema: nil, name: "user") == "\"user\"")
        #expect(SQLIdentifier.qualifiedName(schema: "a.b", name: "c") == "\"a.b\".c")
    }
}
