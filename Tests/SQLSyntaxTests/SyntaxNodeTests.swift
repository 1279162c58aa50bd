import Foundation
import SQLSyntax
import Testing

@Suite("Parse trees")
struct SyntaxNodeTests {
    @Test("a statement's kind and fields")
    func createTable() throws {
        let tree = try SQLParser.parseStatement(
            "CREATE TABLE public.agents (id bigint PRIMARY KEY, name text NOT NULL)"
        )
        #expect(tree.kind == "CreateStmt")
        let body = try #require(tree.body)
        #expect(body["relation"]?["schemaname"]?.string == "public")
        #expect(body["relation"]?["relname"]?.string == "agents")
        #expect(body["relation"]?["location"]?.int == 13)
        let columns = try #require(body["tableElts"]?.array)
        #expect(columns.compactMap { $0.body(ifKind: "ColumnDef")?["colname"]?.string } == ["id", "name"])
        #expect(body["tableElts"]?[1]?.body?["typeName"]?["names"]?.nameParts == ["text"])
        #expect(body["tableElts"]?[2] == nil)
        #expect(body["nosuchfield"] == nil)
        #expect(body.kind == nil)
    }

    @Test("booleans that libpg_query leaves out read as false")
    func flags() throws {
        let concurrent = try SQLParser.parseStatement("CREATE UNIQUE INDEX CONCURRENTLY i ON t (a)")
        let plain = try SQLParser.parseStatement("CREATE INDEX i ON t (a)")
        #expect(concurrent.body(ifKind: "IndexStmt")?.flag("concurrent") == true)
        #expect(concurrent.body(ifKind: "IndexStmt")?.flag("unique") == true)
        #expect(plain.body(ifKind: "IndexStmt")?.flag("concurrent") == false)
        #expect(plain.body(ifKind: "IndexStmt")?["concurrent"] == nil)
        #expect(plain.body(ifKind: "CreateStmt") == nil)
    }

    @Test("qualified names and searches through the tree")
    func namesAndDescendants() throws {
        let tree = try SQLParser.parseStatement("ALTER TYPE public.mood ADD VALUE 'meh' BEFORE 'sad'")
        #expect(tree.body?["typeName"]?.nameParts == ["public", "mood"])
        #expect(tree.body?["newValNeighbor"]?.string == "sad")

        let select = try SQLParser.parseStatement("SELECT a.x, b.y FROM a JOIN b ON a.id = b.id")
        let references = select.descendants(ofKind: "ColumnRef").compactMap { $0["fields"]?.nameParts }
        #expect(Set(references) == [["a", "x"], ["b", "y"], ["a", "id"], ["b", "id"]])
        #expect(select.descendants(ofKind: "ColumnRef") == select.descendants(ofKind: "ColumnRef"))
        #expect(select.descendants(ofKind: "RangeVar").compactMap { $0["relname"]?.string } == ["a", "b"])
        #expect(select.descendants(ofKind: "CreateStmt").isEmpty)
        #expect(select.descendants(ofKind: "JoinExpr").count == 1)
    }

    @Test("the description is compact JSON with sorted keys")
    func description() throws {
        let tree = try SQLParser.parseStatement("SELECT 1")
        #expect(
            tree.description
                == #"{"SelectStmt":{"limitOption":"LIMIT_OPTION_DEFAULT","op":"SETOP_NONE","targetList":"#
                + #"[{"ResTarget":{"location":7,"val":{"A_Const":{"ival":{"ival":1},"location":7}}}}]}}"#
        )
        let text = try SQLParser.parseStatement("SELECT 'a\"\\\n'")
        #expect(text.descendants(ofKind: "A_Const").first?["sval"]?["sval"]?.string == "a\"\\\n")
        #expect(text.description.contains(#""sval":"a\"\\\n""#))
    }

    @Test("string constants come through with escapes, control characters and non-ASCII text intact")
    func stringEscapes() throws {
        let tree = try SQLParser.parseStatement(#"SELECT 'tab\there', E'\x01\x1f', 'emoji😀', '"q"\', '€/'"#)
        let values = tree.descendants(ofKind: "A_Const").compactMap { $0["sval"]?["sval"]?.string }
        #expect(values == ["tab\\there", "\u{01}\u{1F}", "emoji😀", "\"q\"\\", "€/"])
    }

    @Test("deeply nested expressions parse up to a bound, then fail clearly while splitting still works")
    func deepNesting() throws {
        let deep = "SELECT " + Array(repeating: "1", count: 1_000).joined(separator: " + ")
        #expect(try SQLParser.parseStatement(deep).descendants(ofKind: "A_Const").count == 1_000)

        let tooDeep = "SELECT " + Array(repeating: "1", count: 3_000).joined(separator: " + ")
        let error = #expect(throws: SQLSyntaxError.self) { try SQLParser.parseStatement(tooDeep) }
        #expect(error?.code == .tooDeep)
        #expect(try SQLScript(tooDeep + ";").statements().map(\.text) == [tooDeep])
    }

    @Test("trees cut at a depth keep the levels above it whole and read the rest as null")
    func cutTrees() throws {
        // String constants with quotes, backslashes and brackets sit below the cut and are skipped over.
        let sql = #"CREATE TABLE "t{" (a text DEFAULT 'x"]}\', b int CHECK (b > 0)); SELECT '[{"', 1 + 2"#
        let whole = try SQLScript(sql).parsedStatements()
        let cut = try SQLScript(sql).parsedStatements { _ in 2 }
        #expect(cut.map(\.statement) == whole.map(\.statement))
        #expect(cut.map(\.kind) == ["CreateStmt", "SelectStmt"])
        // Levels 0 (the wrapper) to 2 are kept: the relation object, but not its fields.
        #expect(whole[0].tree["CreateStmt"]?["relation"]?["relname"]?.string == "t{")
        #expect(cut[0].tree["CreateStmt"]?["relation"]?["relname"] == .null)
        #expect(cut[0].tree["CreateStmt"]?["tableElts"] == .array([.null, .null]))

        // Skipping needs no recursion: a tree far deeper than whole reads allow is fine once cut.
        let tooDeep = "SELECT " + Array(repeating: "1", count: 3_000).joined(separator: " + ")
        #expect(try SQLScript(tooDeep).parsedStatements(treeDepth: StatementClassifier.treeDepth(ofKind:)).count == 1)
    }

    @Test("a tree survives a JSON round trip through Codable")
    func codableRoundTrip() throws {
        let tree = try SQLParser.parseStatement(
            "CREATE TABLE t (id int GENERATED ALWAYS AS IDENTITY, price numeric(10, 2) DEFAULT 1.5, ok bool DEFAULT true)"
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let data = try encoder.encode(tree)
        #expect(try JSONDecoder().decode(SyntaxNode.self, from: data) == tree)
        let mixed = SyntaxNode.array([.null, .bool(false), .number(2.5), .string("x"), .object(["k": .array([])])])
        #expect(try JSONDecoder().decode(SyntaxNode.self, from: try encoder.encode(mixed)) == mixed)
        #expect(mixed[0]?.isNull == true)
        #expect(mixed[2]?.number == 2.5)
        #expect(mixed[2]?.int == nil)
        #expect(mixed[1]?.bool == false)
        #expect(mixed[4]?.object?.keys.sorted() == ["k"])
    }

    @Test("several statements parse to several trees; parseStatement wants exactly one")
    func statementCount() throws {
        #expect(try SQLParser.parse("SELECT 1; SELECT 2;").map(\.kind) == ["SelectStmt", "SelectStmt"])
        #expect(try SQLParser.parse("-- nothing").isEmpty)
        let several = #expect(throws: SQLSyntaxError.self) { try SQLParser.parseStatement("SELECT 1; SELECT 2") }
        #expect(several?.code == .statementCount)
        let none = #expect(throws: SQLSyntaxError.self) { try SQLParser.parseStatement("  ") }
        #expect(none?.code == .statementCount)
    }

    @Test("a parse error carries its position")
    func parseError() throws {
        let error = #expect(throws: SQLSyntaxError.self) { try SQLParser.parseStatement("SELECT 'ä' FROM WHERE") }
        #expect(error?.code == .syntax)
        #expect(error?.message == #"syntax error at or near "WHERE""#)
        #expect(error?.position == SQLPosition(byteOffset: 17, line: 1, column: 17))
    }
}
